#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace escbot::storage::sqlite {

/// Opens (creating it with mode 0600 if needed) the SQLite database at `path`, applies pending
/// migrations, and returns the Store over it. Throws std::runtime_error naming the path and the
/// cause when the file cannot be opened or its schema is newer than this binary knows.
std::unique_ptr<Store> OpenSqliteStore(const std::string& path);

}  // namespace escbot::storage::sqlite
