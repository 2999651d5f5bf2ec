#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "storage/postgres/claims.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/sqlite/database.hpp"

namespace escbot::storage::sql {

// The two databases a repository in storage/sql/ is written against, once, as a template over
// `Db` (sqlite::Database or postgres::Connection). Both read alike: `auto q = db.Prepare(sql)`
// (SQLite: a cached statement; PostgreSQL: a statement prepared once per connection), then
// `q->bind(i, v)`, `q->exec()` / `q->executeStep()`, `q->getColumn(i).getInt64()`, with `?N`
// parameters. SQL text is shared: `ON CONFLICT`, `CAST(?N AS BIGINT)` and the rest read the
// same on both. What still differs is named here, never copied.
// Each storage/sql/*.cpp includes this first and instantiates its factory for both.

// The helpers of each backend, by overload (the statement type picks one).
using postgres::BindOptionalTime;
using postgres::BindText;
using postgres::OptionalTimeColumn;
using sqlite::BindOptionalTime;
using sqlite::BindText;
using sqlite::OptionalTimeColumn;

/// Whether the database is shared by replicas that claim due work with leases
/// (storage/postgres/claims.hpp; the outbox and timers tables then have claimed_by and
/// claimed_until). SQLite has one process: claiming is Due itself.
template <class Db>
inline constexpr bool kClaimsWithLeases = false;
template <>
inline constexpr bool kClaimsWithLeases<postgres::Connection> = true;

// Learning an inserted row's id: `static const std::string sql = ReturningId<Db>("INSERT ...");`,
// then `return InsertedId(db_, q);` once bound. PostgreSQL has no connection-wide last id, so it
// asks for `RETURNING id`; SQLite reads its last rowid, as RETURNING (3.35+) costs ~2 us more per
// insert there (3.40: 1.5 us against 3.6 us for a four-column row).

/// The INSERT `sql` (one row, no RETURNING clause) as `Db` runs it to learn the row's id.
template <class Db>
std::string ReturningId(std::string_view insert) {
    if constexpr (std::is_same_v<Db, postgres::Connection>) {
        return std::string(insert) + " RETURNING id";
    } else {
        return std::string(insert);
    }
}

/// Runs an insert prepared from ReturningId; the new row's id.
inline long long InsertedId(sqlite::Database& db, sqlite::CachedStatement& q) {
    q->exec();
    return db.LastInsertRowId();
}
inline long long InsertedId(postgres::Connection& /*db*/, postgres::Query& q) {
    q->executeStep();
    return q->getColumn(0).getInt64();
}

}  // namespace escbot::storage::sql
