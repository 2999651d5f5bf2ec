#include <sqlite3.h>

#include <gtest/gtest.h>

#include "storage/sql/repositories.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/open_case_cache.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::sqlite {
namespace {

const TimePoint kT0 = FromUnix(1'700'000'000);
constexpr std::string_view kKey = "jane doe|12 main st";

EscalationCase OpenCase(long long id, std::string key = std::string(kKey)) {
    EscalationCase c;
    c.id = id;
    c.sop_version = "2026.11.1";
    c.status = EscalationCase::Status::kOpen;
    c.outcome = "follow_up";
    c.homeowner_key = std::move(key);
    c.created_by = "U0AGENT1";
    c.created_at = kT0;
    return c;
}

TEST(OpenCaseCache, RemembersCasesPerKeyAndLimitAndThatThereAreNone) {
    OpenCaseCache cache;
    EXPECT_EQ(cache.Find(kKey, 10), nullptr);

    cache.Remember(kKey, 10, {OpenCase(7), OpenCase(5)});
    cache.Remember("someone else|1 elm st", 1, {});

    ASSERT_NE(cache.Find(kKey, 10), nullptr);
    EXPECT_EQ(cache.Find(kKey, 10)->at(0).id, 7);
    EXPECT_EQ(cache.Find(kKey, 1), nullptr);
    ASSERT_NE(cache.Find("someone else|1 elm st", 1), nullptr);
    EXPECT_TRUE(cache.Find("someone else|1 elm st", 1)->empty());
}

TEST(OpenCaseCache, AChangeForgetsEverythingAndNothingIsRememberedUntilTheTransactionEnds) {
    OpenCaseCache cache;
    cache.Remember(kKey, 10, {});
    cache.Remember("someone else|1 elm st", 10, {});

    cache.CasesChanged();
    EXPECT_EQ(cache.Size(), 0u);
    cache.Remember(kKey, 10, {OpenCase(8)});  // read inside the transaction that wrote
    EXPECT_EQ(cache.Find(kKey, 10), nullptr);

    cache.EndTransaction();
    cache.Remember(kKey, 10, {OpenCase(8)});
    EXPECT_NE(cache.Find(kKey, 10), nullptr);
}

TEST(OpenCaseCache, StartsAgainWhenFull) {
    OpenCaseCache cache(3);
    for (int i = 0; i < 3; ++i) cache.Remember("key" + std::to_string(i), 10, {});
    cache.Remember("key9", 10, {OpenCase(1, "key9")});
    EXPECT_EQ(cache.Size(), 1u);
    EXPECT_NE(cache.Find("key9", 10), nullptr);
}

// Counts the statements SQLite runs on a connection.
int CountStatement(unsigned, void* count, void*, void*) {
    ++*static_cast<int*>(count);
    return 0;
}

class CaseRepositoryOverCache : public ::testing::Test {
protected:
    CaseRepositoryOverCache() : db_((dir_ / "bot.db").string()) {
        ApplyMigrations(db_, EmbeddedMigrations());
        cases_ = sql::NewCaseRepository(db_, &cache_);
        WatchCaseWrites(db_, cache_);
        cache_.EndTransaction();  // the migrations' writes
        sqlite3_trace_v2(db_.Handle().getHandle(), SQLITE_TRACE_STMT, &CountStatement,
                         &statements_);
    }

    test::TempDir dir_;
    Database db_;
    OpenCaseCache cache_;
    std::unique_ptr<CaseRepository> cases_;
    int statements_ = 0;
};

TEST_F(CaseRepositoryOverCache, ASecondLookUpRunsNoStatement) {
    const long long id = cases_->Create(OpenCase(0));
    cache_.EndTransaction();
    statements_ = 0;

    ASSERT_EQ(cases_->FindOpenByHomeowner(kKey, 10).at(0).id, id);
    EXPECT_EQ(statements_, 1);
    ASSERT_EQ(cases_->FindOpenByHomeowner(kKey, 10).at(0).id, id);
    EXPECT_TRUE(cases_->FindOpenByHomeowner("someone else|1 elm st", 10).empty());
    EXPECT_TRUE(cases_->FindOpenByHomeowner("someone else|1 elm st", 10).empty());
    EXPECT_EQ(statements_, 2);
}

// The update hook sees every row written to the table, also by SQL the repository does not own.
TEST_F(CaseRepositoryOverCache, AnyWriteToTheCasesMakesTheNextLookUpReadAgain) {
    const long long id = cases_->Create(OpenCase(0));
    cache_.EndTransaction();
    ASSERT_EQ(cases_->FindOpenByHomeowner(kKey, 10).size(), 1u);

    db_.Exec("UPDATE escalation_cases SET status = 'resolved' WHERE id = " + std::to_string(id));
    cache_.EndTransaction();
    statements_ = 0;

    EXPECT_TRUE(cases_->FindOpenByHomeowner(kKey, 10).empty());
    EXPECT_EQ(statements_, 1);
}

TEST_F(CaseRepositoryOverCache, WritesToOtherTablesKeepWhatIsRemembered) {
    cases_->Create(OpenCase(0));
    cache_.EndTransaction();
    ASSERT_EQ(cases_->FindOpenByHomeowner(kKey, 10).size(), 1u);

    db_.Exec("INSERT INTO escalation_case_rekey (case_id) VALUES (1)");
    cache_.EndTransaction();
    statements_ = 0;

    EXPECT_EQ(cases_->FindOpenByHomeowner(kKey, 10).size(), 1u);
    EXPECT_EQ(statements_, 0);
}

}  // namespace
}  // namespace escbot::storage::sqlite
