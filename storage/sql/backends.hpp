#pragma once

#include <string_view>

#include "storage/postgres/claims.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/sqlite/database.hpp"

namespace escbot::storage::sql {

// The two databases a repository in storage/sql/ is written against, once, as a template over
// `Db` (sqlite::Database or postgres::Connection). Both read alike: `auto q = db.Prepare(sql)`
// (SQLite: a cached statement; PostgreSQL: a statement prepared once per connection), then
// `q->bind(i, v)`, `q->exec()` / `q->executeStep()`, `q->getColumn(i).getInt64()`, with `?N`
// parameters. SQL text is shared: `INSERT ... RETURNING id` (SQLite >= 3.35), `ON CONFLICT`,
// `CAST(?N AS BIGINT)` read the same on both. What still differs is named here, never copied.
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

/// The id an `INSERT ... RETURNING id` statement gave its row.
template <class Statement>
long long InsertedId(Statement& q) {
    q->executeStep();
    return q->getColumn(0).getInt64();
}

}  // namespace escbot::storage::sql
