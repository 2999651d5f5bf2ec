#pragma once

#include <vector>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrations.hpp"

namespace escbot::storage::sqlite {

/// Brings the schema up to date: creates `schema_migrations(number, name, applied_at)` if needed,
/// then applies each migration in `migrations` whose number is not recorded there, in ascending
/// order, each in its own BEGIN IMMEDIATE transaction together with its schema_migrations row
/// (so a failed migration leaves no trace, and two processes racing to migrate apply it once).
/// Running it again is a no-op. Returns how many migrations were applied.
///
/// Throws std::runtime_error when the database has a migration newer than the newest in
/// `migrations` (it was written by a newer binary; downgrades are not supported), when two
/// migrations share a number, or when a migration's SQL fails (the message names it).
/// Note: a migration runs inside a transaction, so it cannot change PRAGMA foreign_keys; to
/// rebuild a table, use the "create new, copy, drop, rename" recipe (foreign keys stay on).
int ApplyMigrations(Database& db, const std::vector<Migration>& migrations);

}  // namespace escbot::storage::sqlite
