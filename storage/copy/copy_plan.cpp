#include "storage/copy/copy_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <SQLiteCpp/Statement.h>

#include "storage/copy/value_conversion.hpp"

namespace escbot::storage::copy {
namespace {

// Each backend records its own migrations (their numbers differ): never copied.
constexpr const char* kMigrationsTable = "schema_migrations";

struct TargetColumn {
    std::string name;
    std::string pg_type;
    bool not_null = false;
    bool has_default = false;  // a DEFAULT or an identity
    bool identity = false;     // an identity or serial column: its sequence moves past the ids
};

std::vector<std::string> SourceTables(sqlite::Database& source) {
    SQLite::Statement q(source.Handle(),
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != ?1 ORDER BY name");
    q.bind(1, kMigrationsTable);
    std::vector<std::string> tables;
    while (q.executeStep()) tables.push_back(q.getColumn(0).getString());
    return tables;
}

std::vector<std::string> SourceColumns(sqlite::Database& source, const std::string& table) {
    SQLite::Statement q(source.Handle(), "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    q.bind(1, table);
    std::vector<std::string> columns;
    while (q.executeStep()) columns.push_back(q.getColumn(0).getString());
    return columns;
}

std::set<std::string> SourceReferences(sqlite::Database& source, const std::string& table) {
    SQLite::Statement q(source.Handle(), "SELECT \"table\" FROM pragma_foreign_key_list(?1)");
    q.bind(1, table);
    std::set<std::string> referenced;
    while (q.executeStep()) referenced.insert(q.getColumn(0).getString());
    return referenced;
}

std::map<std::string, std::vector<TargetColumn>> TargetColumns(postgres::Connection& target) {
    auto q = target.Prepare(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
        "       a.atthasdef OR a.attidentity <> '',"
        "       a.attidentity <> '' OR pg_get_serial_sequence("
        "           quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL"
        " FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
        " ORDER BY c.relname, a.attnum");
    std::map<std::string, std::vector<TargetColumn>> tables;
    while (q->executeStep()) {
        tables[q->getColumn(0).getString()].push_back(
            {q->getColumn(1).getString(), q->getColumn(2).getString(),
             q->getColumn(3).getString() == "t", q->getColumn(4).getString() == "t",
             q->getColumn(5).getString() == "t"});
    }
    return tables;
}

std::map<std::string, std::set<std::string>> TargetReferences(postgres::Connection& target) {
    auto q = target.Prepare(
        "SELECT c.relname, r.relname FROM pg_constraint k"
        " JOIN pg_class c ON c.oid = k.conrelid"
        " JOIN pg_class r ON r.oid = k.confrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE k.contype = 'f' AND n.nspname = current_schema()");
    std::map<std::string, std::set<std::string>> references;
    while (q->executeStep()) {
        references[q->getColumn(0).getString()].insert(q->getColumn(1).getString());
    }
    return references;
}

CopyTable MatchTable(const std::string& table, const std::vector<std::string>& source_columns,
                     const std::vector<TargetColumn>& target_columns) {
    CopyTable copy{table, {}, {}};
    for (const std::string& column : source_columns) {
        const auto found = std::find_if(target_columns.begin(), target_columns.end(),
                                        [&](const TargetColumn& c) { return c.name == column; });
        if (found == target_columns.end()) {
            throw SchemaMismatch("the PostgreSQL table " + table + " has no column " + column +
                                 " that the SQLite table has");
        }
        if (PgKindOf(found->pg_type) == PgKind::kUnsupported) {
            throw SchemaMismatch("column " + table + "." + column + " is of PostgreSQL type " +
                                 found->pg_type + ", which the copy does not convert to");
        }
        copy.columns.push_back({column, found->pg_type});
    }
    for (const TargetColumn& column : target_columns) {
        const bool copied = std::find(source_columns.begin(), source_columns.end(), column.name) !=
                            source_columns.end();
        if (!copied && column.not_null && !column.has_default) {
            throw SchemaMismatch("the PostgreSQL column " + table + "." + column.name +
                                 " needs a value, and the SQLite table has no such column");
        }
        if (copied && column.identity) copy.identity_columns.push_back(column.name);
    }
    return copy;
}

// Tables after the tables they reference, otherwise by name (a stable, readable order).
std::vector<CopyTable> InDependencyOrder(std::vector<CopyTable> tables,
                                         std::map<std::string, std::set<std::string>> references) {
    std::set<std::string> copied;
    for (const CopyTable& t : tables) copied.insert(t.name);
    std::vector<CopyTable> ordered;
    std::set<std::string> placed;
    while (!tables.empty()) {
        const auto ready = std::find_if(tables.begin(), tables.end(), [&](const CopyTable& t) {
            for (const std::string& referenced : references[t.name]) {
                if (referenced != t.name && copied.count(referenced) && !placed.count(referenced)) {
                    return false;
                }
            }
            return true;
        });
        if (ready == tables.end()) {
            throw SchemaMismatch("the foreign keys of " + tables.front().name +
                                 " and others form a cycle: no order to copy them in");
        }
        placed.insert(ready->name);
        ordered.push_back(std::move(*ready));
        tables.erase(ready);
    }
    return ordered;
}

}  // namespace

std::string QuoteIdentifier(const std::string& name) {
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

CopyPlan PlanCopy(sqlite::Database& source, postgres::Connection& target) {
    const auto target_columns = TargetColumns(target);
    auto references = TargetReferences(target);
    CopyPlan plan;
    for (const auto& [table, columns] : target_columns) {
        if (table != kMigrationsTable) plan.target_tables.push_back(table);
    }
    std::vector<CopyTable> tables;
    for (const std::string& table : SourceTables(source)) {
        const auto found = target_columns.find(table);
        if (found == target_columns.end()) {
            throw SchemaMismatch("the PostgreSQL database has no table " + table +
                                 " that the SQLite database has (is this escalation-bot older "
                                 "than the one that wrote the SQLite file?)");
        }
        tables.push_back(MatchTable(table, SourceColumns(source, table), found->second));
        for (const std::string& referenced : SourceReferences(source, table)) {
            references[table].insert(referenced);
        }
    }
    plan.tables = InDependencyOrder(std::move(tables), std::move(references));
    return plan;
}

}  // namespace escbot::storage::copy
