#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "storage/store.hpp"

namespace escbot::storage::postgres {

struct PostgresStoreOptions {
    /// The schema the bot's tables live in (search_path); "" for the server's default (public).
    std::string schema;
    /// Connections at most; each transaction holds one for its duration.
    int pool_size = 8;
    /// How long a transaction waits for a free connection before it fails.
    std::chrono::milliseconds pool_wait{30'000};
};

/// Connects to the PostgreSQL database at `url` (a libpq URI or connection string; a password
/// comes from the URL given here, PGPASSWORD or ~/.pgpass), applies pending migrations under an
/// advisory lock, and returns the Store over a connection pool. Several bot processes may share
/// one database. Throws PgError (std::runtime_error) naming the cause, never the password.
///
/// Transactions: WriteTx runs SERIALIZABLE, so a unit of work behaves as on SQLite (as if alone),
/// across replicas too; a serialization failure or deadlock runs `fn` again (a few times), as does
/// a connection found broken before COMMIT was sent (once: the database restarted). A connection
/// lost during COMMIT surfaces as an error (the outcome is unknown). ReadTx is REPEATABLE READ,
/// READ ONLY: a consistent snapshot that refuses writes. AllowsProcessCache() is false.
std::unique_ptr<Store> OpenPostgresStore(const std::string& url, PostgresStoreOptions options = {});

}  // namespace escbot::storage::postgres
