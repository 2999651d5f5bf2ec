#pragma once

#include <vector>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/migrations.hpp"

namespace escbot::storage::postgres {

/// Applies the migrations not yet recorded in schema_migrations, in number order, each in its own
/// transaction, while holding an advisory lock: replicas starting together apply them once.
/// Returns how many were applied. Throws PgError or std::runtime_error naming the migration, and
/// refuses a database whose newest migration is newer than `migrations` know (a downgrade).
int ApplyMigrations(Connection& db, const std::vector<Migration>& migrations);

}  // namespace escbot::storage::postgres
