#pragma once

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::test {

/// A store backend under test: Open() returns a store on a fresh database (the same database on
/// every call, so that reopening shows what persisted). A PostgreSQL factory (a throwaway
/// schema) joins StoreFactories below and must pass the same contract suites.
class SqliteStoreFactory {
public:
    std::unique_ptr<Store> Open() { return sqlite::OpenSqliteStore(Path()); }
    std::string Path() const { return (dir_ / "bot.db").string(); }

private:
    escbot::test::TempDir dir_;
};

using StoreFactories = ::testing::Types<SqliteStoreFactory>;

/// Base fixture of the contract suites: a store, reopenable on the same database.
template <class Factory>
class StoreContract : public ::testing::Test {
protected:
    Store& store() { return *store_; }
    void Reopen() {
        store_.reset();
        store_ = factory_.Open();
    }

    Factory factory_;
    std::unique_ptr<Store> store_ = factory_.Open();
};

/// A fixed "now" for the suites.
inline const TimePoint kT0 = FromUnix(1'700'000'000);

}  // namespace escbot::storage::test
