#pragma once

#include <string>
#include <vector>

#include "storage/postgres/connection.hpp"
#include "storage/sqlite/database.hpp"

namespace escbot::storage::copy {

/// One column copied: its name (the same on both sides) and its PostgreSQL type.
struct CopyColumn {
    std::string name;
    std::string pg_type;  // format_type's text: "bigint", "text", ...
};

/// One table copied, with the columns the SQLite table has (a PostgreSQL column the SQLite table
/// lacks, such as a replica's claim, takes its default) and the identity columns whose sequence
/// must move past the copied ids.
struct CopyTable {
    std::string name;
    std::vector<CopyColumn> columns;
    std::vector<std::string> identity_columns;
};

/// What to copy, in an order where every table comes after the tables its foreign keys name
/// (on either side), and every table of the target (for the "is it empty" check).
struct CopyPlan {
    std::vector<CopyTable> tables;
    std::vector<std::string> target_tables;
};

/// A source table or column the target lacks, a column whose type the copy cannot convert, a
/// target column that needs a value the source cannot give, or a foreign-key cycle. Nothing was
/// written; the message names the table and column.
class SchemaMismatch : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Every table of the SQLite schema (except SQLite's own and schema_migrations, which each
/// backend keeps for itself), matched against the PostgreSQL schema in the connection's
/// search_path. Throws SchemaMismatch.
CopyPlan PlanCopy(sqlite::Database& source, postgres::Connection& target);

/// `name` as a quoted SQL identifier ("key", "a""b").
std::string QuoteIdentifier(const std::string& name);

}  // namespace escbot::storage::copy
