#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::sqlite {
namespace {

using Row = std::tuple<int, std::string, long long>;

std::vector<Row> AppliedRows(const std::string& path) {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT number, name, applied_at FROM schema_migrations ORDER BY number");
    std::vector<Row> rows;
    while (q.executeStep()) {
        rows.emplace_back(q.getColumn(0).getInt(), q.getColumn(1).getString(),
                          q.getColumn(2).getInt64());
    }
    return rows;
}

bool TableExists(Database& db, const std::string& name) {
    auto q = db.Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    BindText(*q, 1, name);
    return q->executeStep();
}

class SqliteMigrations : public ::testing::Test {
protected:
    test::TempDir dir_;
    const std::string path_ = (dir_ / "bot.db").string();
};

TEST_F(SqliteMigrations, EmptyDatabaseGetsEveryEmbeddedMigration) {
    OpenSqliteStore(path_);

    const auto rows = AppliedRows(path_);
    ASSERT_EQ(rows.size(), EmbeddedMigrations().size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(std::get<0>(rows[i]), EmbeddedMigrations()[i].number);
        EXPECT_EQ(std::get<1>(rows[i]), EmbeddedMigrations()[i].name);
        EXPECT_GT(std::get<2>(rows[i]), 0);
    }
    Database db(path_);
    for (const char* table : {"outbox", "message_refs", "timers", "drafts", "audit_log",
                              "seen_events"}) {
        EXPECT_TRUE(TableExists(db, table)) << table;
    }
}

TEST_F(SqliteMigrations, ReopeningAppliesNothingAndKeepsTheSameRows) {
    OpenSqliteStore(path_);
    const auto before = AppliedRows(path_);

    OpenSqliteStore(path_);
    Database db(path_);
    const int applied = ApplyMigrations(db, EmbeddedMigrations());

    EXPECT_EQ(applied, 0);
    EXPECT_EQ(AppliedRows(path_), before);
}

TEST_F(SqliteMigrations, DatabaseFromANewerBinaryIsRefusedWithAClearError) {
    OpenSqliteStore(path_);
    {
        SQLite::Database db(path_, SQLite::OPEN_READWRITE);
        db.exec("INSERT INTO schema_migrations VALUES (9999, '9999_future', 0)");
    }

    try {
        OpenSqliteStore(path_);
        FAIL() << "expected a newer schema to be refused";
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        EXPECT_THAT(message, ::testing::HasSubstr("9999_future"));
        EXPECT_THAT(message, ::testing::HasSubstr("newer"));
        EXPECT_THAT(message, ::testing::HasSubstr("Downgrades are not supported"));
    }
}

TEST_F(SqliteMigrations, MigrationAddedLaterIsAppliedOnTopOfAnExistingDatabase) {
    OpenSqliteStore(path_);
    Database db(path_);
    auto migrations = EmbeddedMigrations();
    migrations.push_back({9000, "9000_cases", "CREATE TABLE cases (id INTEGER PRIMARY KEY);"});

    const int first = ApplyMigrations(db, migrations);
    const int second = ApplyMigrations(db, migrations);

    EXPECT_EQ(first, 1);
    EXPECT_EQ(second, 0);
    EXPECT_TRUE(TableExists(db, "cases"));
    EXPECT_EQ(std::get<1>(AppliedRows(path_).back()), "9000_cases");
}

TEST_F(SqliteMigrations, FailingMigrationLeavesNoTraceAndNamesItself) {
    OpenSqliteStore(path_);
    Database db(path_);
    auto migrations = EmbeddedMigrations();
    migrations.push_back(
        {9000, "9000_broken", "CREATE TABLE half (id INTEGER); CREATE TABLE oops (;"});

    try {
        ApplyMigrations(db, migrations);
        FAIL() << "expected the broken migration to fail";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("9000_broken"));
    }

    EXPECT_FALSE(TableExists(db, "half"));
    EXPECT_EQ(AppliedRows(path_).size(), EmbeddedMigrations().size());
}

TEST_F(SqliteMigrations, TwoMigrationsWithTheSameNumberAreRejected) {
    Database db(path_);
    const std::vector<Migration> migrations = {
        {2, "0002_cases", "CREATE TABLE cases (id INTEGER);"},
        {2, "0002_ladders", "CREATE TABLE ladders (id INTEGER);"},
    };

    EXPECT_THROW(ApplyMigrations(db, migrations), std::runtime_error);
    EXPECT_FALSE(TableExists(db, "cases"));
}

// Guards the build: two engineers adding 0002_*.sql at once must not both ship.
TEST(EmbeddedMigrations, HaveDistinctAscendingNumbersStartingAtOne) {
    const auto& migrations = EmbeddedMigrations();

    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.front().number, 1);
    for (std::size_t i = 1; i < migrations.size(); ++i) {
        EXPECT_LT(migrations[i - 1].number, migrations[i].number) << migrations[i].name;
    }
}

}  // namespace
}  // namespace escbot::storage::sqlite
