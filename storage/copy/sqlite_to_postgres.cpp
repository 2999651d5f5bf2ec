#include "storage/copy/sqlite_to_postgres.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <optional>

#include <SQLiteCpp/Statement.h>

#include "storage/copy/value_conversion.hpp"

namespace escbot::storage::copy {
namespace {

// PostgreSQL takes at most 65535 parameters per statement.
constexpr int kMaxParameters = 30000;

std::string ColumnList(const CopyTable& table) {
    std::string list;
    for (const CopyColumn& c : table.columns) {
        if (!list.empty()) list += ", ";
        list += QuoteIdentifier(c.name);
    }
    return list;
}

// INSERT INTO "t" ("a", "b") VALUES ($1::bigint, $2::text), ...: each parameter cast to its
// column's type, so that PostgreSQL parses the text the conversion made as that type.
std::string InsertSql(const CopyTable& table, int rows) {
    std::string sql = "INSERT INTO " + QuoteIdentifier(table.name) + " (" + ColumnList(table) + ") VALUES ";
    int parameter = 0;
    for (int row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (c > 0) sql += ", ";
            sql += "$" + std::to_string(++parameter) + "::" + table.columns[c].pg_type;
        }
        sql += ")";
    }
    return sql;
}

SqliteValue ReadValue(const SQLite::Column& column) {
    SqliteValue value;
    switch (column.getType()) {
        case SQLITE_INTEGER:
            value.type = SqliteValue::Type::kInteger;
            value.integer = column.getInt64();
            break;
        case SQLITE_FLOAT:
            value.type = SqliteValue::Type::kFloat;
            value.real = column.getDouble();
            break;
        case SQLITE_TEXT:
            value.type = SqliteValue::Type::kText;
            value.bytes = column.getString();
            break;
        case SQLITE_BLOB:
            value.type = SqliteValue::Type::kBlob;
            value.bytes.assign(static_cast<const char*>(column.getBlob()),
                               static_cast<std::size_t>(column.getBytes()));
            break;
        default:
            break;
    }
    return value;
}

long long CountSource(sqlite::Database& source, const std::string& table) {
    SQLite::Statement q(source.Handle(), "SELECT COUNT(*) FROM " + QuoteIdentifier(table));
    q.executeStep();
    return q.getColumn(0).getInt64();
}

long long CountTarget(postgres::Connection& target, const std::string& table) {
    auto q = target.Prepare("SELECT COUNT(*) FROM " + QuoteIdentifier(table));
    q->executeStep();
    return q->getColumn(0).getInt64();
}

void LockAndRefuseRows(postgres::Connection& target, const std::vector<std::string>& tables) {
    if (tables.empty()) return;
    std::string list;
    for (const std::string& t : tables) list += (list.empty() ? "" : ", ") + QuoteIdentifier(t);
    target.Exec("LOCK TABLE " + list + " IN EXCLUSIVE MODE");
    std::vector<std::pair<std::string, long long>> holding;
    std::string named;
    for (const std::string& t : tables) {
        const long long rows = CountTarget(target, t);
        if (rows == 0) continue;
        holding.emplace_back(t, rows);
        named += (named.empty() ? "" : ", ") + t + ": " + std::to_string(rows);
    }
    if (!holding.empty()) {
        throw TargetNotEmpty("the PostgreSQL database already holds rows (" + named +
                                 "); migrate-storage copies into an empty database only, so that "
                                 "nothing there is mixed with or overwritten by the copy",
                             std::move(holding));
    }
}

// Copies the rows of one table in batches; returns how many were read from the source.
long long CopyRows(sqlite::Database& source, postgres::Connection& target, const CopyTable& table,
                   int batch_rows) {
    if (table.columns.empty()) return 0;
    const int columns = static_cast<int>(table.columns.size());
    const int batch = std::max(1, std::min(batch_rows, kMaxParameters / columns));
    const std::string full_batch_sql = InsertSql(table, batch);

    SQLite::Statement select(source.Handle(),
                             "SELECT " + ColumnList(table) + " FROM " + QuoteIdentifier(table.name));
    std::vector<std::optional<std::string>> pending;  // row-major, `columns` per row
    pending.reserve(static_cast<std::size_t>(batch * columns));
    long long read = 0;
    const auto flush = [&] {
        const int rows = static_cast<int>(pending.size()) / columns;
        if (rows == 0) return;
        auto insert = target.Prepare(rows == batch ? full_batch_sql : InsertSql(table, rows));
        for (std::size_t i = 0; i < pending.size(); ++i) {
            if (pending[i]) {
                insert->bind(static_cast<int>(i) + 1, *pending[i]);
            } else {
                insert->bindNull(static_cast<int>(i) + 1);
            }
        }
        try {
            insert->exec();
        } catch (const postgres::PgError& e) {
            // The first line only: PostgreSQL's DETAIL may quote the row (personal data).
            const std::string what = e.what();
            throw std::runtime_error("table " + table.name + ", rows up to " + std::to_string(read) +
                                     ": " + what.substr(0, what.find('\n')));
        }
        pending.clear();
    };
    while (select.executeStep()) {
        ++read;
        for (int c = 0; c < columns; ++c) {
            const CopyColumn& column = table.columns[static_cast<std::size_t>(c)];
            try {
                pending.push_back(ToPostgresText(ReadValue(select.getColumn(c)), column.pg_type));
            } catch (const ConversionError& e) {
                throw std::runtime_error("table " + table.name + ", column " + column.name +
                                         ", row " + std::to_string(read) + ": " + e.what());
            }
        }
        if (static_cast<int>(pending.size()) / columns == batch) flush();
    }
    flush();
    return read;
}

// SQLite's AUTOINCREMENT high-water mark of `table` (0 when it has none).
long long SqliteSequence(sqlite::Database& source, const std::string& table) {
    SQLite::Statement exists(source.Handle(),
                             "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'");
    if (!exists.executeStep()) return 0;
    SQLite::Statement q(source.Handle(), "SELECT seq FROM sqlite_sequence WHERE name = ?1");
    q.bind(1, table);
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

std::vector<SequenceMove> MoveSequences(sqlite::Database& source, postgres::Connection& target,
                                        const CopyTable& table) {
    std::vector<SequenceMove> moved;
    for (const std::string& column : table.identity_columns) {
        auto max = target.Prepare("SELECT COALESCE(MAX(" + QuoteIdentifier(column) + "), 0) FROM " +
                                  QuoteIdentifier(table.name));
        max->executeStep();
        const long long high = std::max(max->getColumn(0).getInt64(), SqliteSequence(source, table.name));
        if (high <= 0) continue;  // nothing copied: the sequence starts at 1 as it is
        auto set = target.Prepare(
            "SELECT setval(pg_get_serial_sequence("
            "quote_ident(current_schema()) || '.' || quote_ident($1::text), $2::text), $3::bigint, true)");
        set->bind(1, table.name);
        set->bind(2, column);
        set->bind(3, high);
        set->executeStep();
        moved.push_back({table.name, column, high + 1});
    }
    return moved;
}

CopyResult CopyInTransactions(sqlite::Database& source, postgres::Connection& target, int batch_rows) {
    const CopyPlan plan = PlanCopy(source, target);
    LockAndRefuseRows(target, plan.target_tables);
    CopyResult result;
    for (const CopyTable& table : plan.tables) {
        const long long source_rows = CountSource(source, table.name);
        const long long read = CopyRows(source, target, table, batch_rows);
        const long long target_rows = CountTarget(target, table.name);
        if (read != source_rows || target_rows != source_rows) {
            throw std::runtime_error("table " + table.name + ": " + std::to_string(source_rows) +
                                     " rows in SQLite, " + std::to_string(target_rows) +
                                     " in PostgreSQL after the copy");
        }
        result.tables.push_back({table.name, source_rows, target_rows});
        for (SequenceMove& m : MoveSequences(source, target, table)) result.sequences.push_back(std::move(m));
    }
    return result;
}

}  // namespace

CopyResult CopySqliteToPostgres(sqlite::Database& source, postgres::Connection& target,
                                int batch_rows) {
    source.Handle().exec("BEGIN");  // one read snapshot of the whole file
    try {
        target.Exec("BEGIN");
        CopyResult result;
        try {
            result = CopyInTransactions(source, target, batch_rows);
            target.Exec("COMMIT");
        } catch (...) {
            try {
                target.Exec("ROLLBACK");
            } catch (const std::exception&) {
                // The connection is gone: the server rolled back.
            }
            throw;
        }
        source.Handle().exec("COMMIT");
        return result;
    } catch (...) {
        source.Handle().tryExec("ROLLBACK");
        throw;
    }
}

}  // namespace escbot::storage::copy
