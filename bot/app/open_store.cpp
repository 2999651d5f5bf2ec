#include "bot/app/open_store.hpp"

#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace escbot::app {

std::unique_ptr<storage::Store> OpenStore(const config::StorageSettings& storage) {
    if (!storage.url.empty()) return storage::postgres::OpenPostgresStore(storage.url);
    return storage::sqlite::OpenSqliteStore(storage.path);
}

}  // namespace escbot::app
