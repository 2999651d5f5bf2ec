#pragma once

#include <memory>

#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::app {

/// The bot's database as [storage] (and DATABASE_URL, already applied to it) says: PostgreSQL
/// when `storage.url` is set, else the SQLite file at `storage.path`. Throws std::runtime_error
/// naming the cause (never a password) when it cannot be opened.
std::unique_ptr<storage::Store> OpenStore(const config::StorageSettings& storage);

}  // namespace escbot::app
