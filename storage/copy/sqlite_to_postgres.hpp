#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "storage/copy/copy_plan.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/sqlite/database.hpp"

namespace escbot::storage::copy {

/// One table's rows on each side once copied (equal, or the copy was rolled back).
struct TableCount {
    std::string table;
    long long source_rows = 0;
    long long target_rows = 0;
};

/// An identity sequence moved past the copied ids: the next row gets `next_id`.
struct SequenceMove {
    std::string table;
    std::string column;
    long long next_id = 0;
};

struct CopyResult {
    std::vector<TableCount> tables;  // in the order copied (foreign keys first)
    std::vector<SequenceMove> sequences;
    long long TotalRows() const {
        long long total = 0;
        for (const TableCount& t : tables) total += t.target_rows;
        return total;
    }
};

/// The target already holds rows: nothing was written. `tables` names each table with rows.
class TargetNotEmpty : public std::runtime_error {
public:
    TargetNotEmpty(const std::string& message, std::vector<std::pair<std::string, long long>> tables)
        : std::runtime_error(message), tables_(std::move(tables)) {}
    const std::vector<std::pair<std::string, long long>>& tables() const { return tables_; }

private:
    std::vector<std::pair<std::string, long long>> tables_;
};

/// Copies every row of every table of the SQLite database `source` (both already migrated to
/// this binary's schemas) into the PostgreSQL database `target`, keeping ids, in ONE PostgreSQL
/// transaction that first locks every target table (EXCLUSIVE: a replica started meanwhile waits)
/// and refuses a target holding any row (TargetNotEmpty). The source is read in one read
/// transaction, so the copy is one consistent snapshot. Tables go in foreign-key order; values
/// are converted explicitly (value_conversion.hpp); identity sequences move past the copied ids
/// (and past SQLite's AUTOINCREMENT high-water mark, so an id is never reused); per-table row
/// counts are compared before COMMIT. Any failure rolls everything back and throws:
/// TargetNotEmpty, SchemaMismatch, or std::runtime_error naming the table, column and row.
/// `batch_rows`: rows per INSERT statement.
CopyResult CopySqliteToPostgres(sqlite::Database& source, postgres::Connection& target,
                                int batch_rows = 250);

}  // namespace escbot::storage::copy
