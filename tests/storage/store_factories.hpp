#pragma once

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::test {

/// A store backend under test: Open() returns a store on a fresh database (the same database on
/// every call, so that reopening shows what persisted). Each suite over StoreFactories runs on
/// SQLite and on PostgreSQL.
class SqliteStoreFactory {
public:
    std::unique_ptr<Store> Open() { return sqlite::OpenSqliteStore(Path()); }
    std::string Path() const { return (dir_ / "bot.db").string(); }

private:
    escbot::test::TempDir dir_;
};

/// The PostgreSQL server the suites use (deploy/with-postgres.sh sets it; deploy/test.sh runs the
/// suite through it), or "" when none: the PostgreSQL cases then skip.
inline std::string TestPostgresUrl() {
    const char* url = std::getenv("ESCBOT_TEST_POSTGRES_URL");
    return url ? url : "";
}

/// A throwaway schema on the test server per fixture, dropped at the end; Open() returns a store
/// on that schema each call. Open() returns null when there is no server (the suite skips).
class PostgresStoreFactory {
public:
    PostgresStoreFactory() : url_(TestPostgresUrl()) {
        if (url_.empty()) return;
        std::random_device random;
        schema_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(random());
        postgres::Connection(url_, "").Exec("CREATE SCHEMA " + schema_);
    }
    ~PostgresStoreFactory() {
        if (schema_.empty()) return;
        try {
            postgres::Connection(url_, "").Exec("DROP SCHEMA " + schema_ + " CASCADE");
        } catch (const std::exception&) {
            // The server is gone already; it is thrown away with the schema.
        }
    }
    PostgresStoreFactory(const PostgresStoreFactory&) = delete;
    PostgresStoreFactory& operator=(const PostgresStoreFactory&) = delete;

    std::unique_ptr<Store> Open() {
        if (url_.empty()) return nullptr;
        return postgres::OpenPostgresStore(url_, {.schema = schema_, .pool_size = 4});
    }
    const std::string& Url() const { return url_; }
    const std::string& Schema() const { return schema_; }

private:
    std::string url_;
    std::string schema_;
};

using StoreFactories = ::testing::Types<SqliteStoreFactory, PostgresStoreFactory>;

/// Base fixture of the contract suites: a store, reopenable on the same database.
template <class Factory>
class StoreContract : public ::testing::Test {
protected:
    void SetUp() override {
        if (!store_) {
            GTEST_SKIP() << "no PostgreSQL server: ESCBOT_TEST_POSTGRES_URL is not set (run the "
                            "suite through deploy/with-postgres.sh, as deploy/test.sh does)";
        }
    }
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
