#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace escbot::storage::sqlite {

struct SqliteStoreOptions {
    /// What Store::AllowsProcessCache answers. True: the bot is the file's only writer (backups
    /// and the sqlite3 shell only read it). False only where another process writes the same
    /// file, e.g. tests that open two stores on one file.
    bool sole_writer = true;
};

/// Opens (creating it with mode 0600 if needed) the SQLite database at `path`, applies pending
/// migrations, and returns the Store over it. Throws std::runtime_error naming the path and the
/// cause when the file cannot be opened or its schema is newer than this binary knows.
std::unique_ptr<Store> OpenSqliteStore(const std::string& path, SqliteStoreOptions options = {});

}  // namespace escbot::storage::sqlite
