#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "config/settings_loader.hpp"

namespace escbot::app {

struct MigrateStorageArgs {
    std::string from;               // sqlite:PATH
    std::optional<std::string> to;  // postgresql://… without a password; else DATABASE_URL
};

/// `escalation-bot migrate-storage --from sqlite:PATH [--to postgresql://…]`: moves a team from
/// SQLite to PostgreSQL. Brings both databases to this binary's schema (the same migrations the
/// bot applies at start-up), copies every table of the SQLite file into the PostgreSQL database
/// in one transaction (storage/copy), and prints each table's rows on both sides.
///
/// The target must be empty (no row in any table): the copy never mixes with or overwrites data.
/// The password comes from the environment only (PGPASSWORD, or DATABASE_URL in place of --to);
/// a --to carrying one is refused, and the URL is printed with the password hidden.
///
/// Exit 0 when copied and the counts are equal; 2 for a usage error (bad --from/--to, no SQLite
/// file there, a password on the command line) or a target that holds rows, nothing written; 1
/// when a database fails, the schemas do not match or a value cannot be converted (rolled back).
int RunMigrateStorage(const MigrateStorageArgs& args, const config::Environment& env,
                      std::ostream& out, std::ostream& err);

}  // namespace escbot::app
