#pragma once

#include <functional>
#include <string>
#include <vector>

namespace escbot::storage::sql {

/// One numbered schema change, from storage/<backend>/migrations/NNNN_name.sql.
struct Migration {
    int number;
    const char* name;
    const char* sql;
};

/// What both backends' ApplyMigrations share: checks that no two `migrations` share a number,
/// creates schema_migrations(number, name, applied_at) if needed, refuses a database whose newest
/// recorded migration is newer than any in `migrations` (it was written by a newer binary;
/// downgrades are not supported), then calls `apply_one` for each migration not recorded there,
/// in ascending order; `apply_one` runs it and records it in one transaction, the backend's way.
/// `database` names the database in errors. Returns how many were applied.
template <class Db>
int ApplyPending(Db& db, const std::vector<Migration>& migrations, const std::string& database,
                 const std::function<void(const Migration&)>& apply_one);

/// Whether schema_migrations records migration `number`.
template <class Db>
bool IsApplied(Db& db, int number);

}  // namespace escbot::storage::sql
