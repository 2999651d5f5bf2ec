#include <sqlite3.h>

#include <gtest/gtest.h>

#include "storage/sql/repositories.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/open_draft_cache.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::sqlite {
namespace {

const TimePoint kT0 = FromUnix(1'700'000'000);

Draft OpenDraft(long long id, std::string user, std::string flow = "escalation") {
    Draft d;
    d.id = id;
    d.user_id = std::move(user);
    d.flow = std::move(flow);
    d.step = "qualify";
    d.created_at = d.updated_at = kT0;
    return d;
}

TEST(OpenDraftCache, RemembersDraftsAndThatThereAreNone) {
    OpenDraftCache cache;
    EXPECT_EQ(cache.Find("U1", "escalation"), nullptr);

    cache.Remember("U1", "escalation", {OpenDraft(7, "U1"), OpenDraft(5, "U1")});
    cache.Remember("U2", "escalation", {});

    ASSERT_NE(cache.Find("U1", "escalation"), nullptr);
    ASSERT_EQ(cache.Find("U1", "escalation")->size(), 2u);
    EXPECT_EQ(cache.Find("U1", "escalation")->at(0).id, 7);
    ASSERT_NE(cache.Find("U2", "escalation"), nullptr);
    EXPECT_TRUE(cache.Find("U2", "escalation")->empty());
    EXPECT_EQ(cache.Find("U1", "concert"), nullptr);
}

TEST(OpenDraftCache, AChangedKeyIsNotRememberedUntilItsTransactionEnds) {
    OpenDraftCache cache;
    cache.Remember("U1", "escalation", {});

    cache.Forget(OpenDraft(0, "U1"));  // Create
    EXPECT_EQ(cache.Find("U1", "escalation"), nullptr);
    cache.Remember("U1", "escalation", {OpenDraft(8, "U1")});  // read inside the transaction
    EXPECT_EQ(cache.Find("U1", "escalation"), nullptr);

    cache.EndTransaction();
    cache.Remember("U1", "escalation", {OpenDraft(8, "U1")});
    ASSERT_NE(cache.Find("U1", "escalation"), nullptr);
}

TEST(OpenDraftCache, ForgettingADraftByIdDropsTheEntryThatHoldsIt) {
    OpenDraftCache cache;
    cache.Remember("U1", "escalation", {OpenDraft(3, "U1"), OpenDraft(9, "U1")});
    Draft saved = OpenDraft(9, "U-other");  // fields that do not name its entry

    cache.Forget(saved);

    EXPECT_EQ(cache.Find("U1", "escalation"), nullptr);
}

TEST(OpenDraftCache, StartsAgainWhenFull) {
    OpenDraftCache cache(3);
    for (int i = 0; i < 3; ++i) cache.Remember("U" + std::to_string(i), "escalation", {});
    EXPECT_EQ(cache.Size(), 3u);

    cache.Remember("U9", "escalation", {OpenDraft(1, "U9")});

    EXPECT_EQ(cache.Size(), 1u);
    EXPECT_NE(cache.Find("U9", "escalation"), nullptr);
}

// Counts the statements SQLite runs on a connection.
int CountStatement(unsigned, void* count, void*, void*) {
    ++*static_cast<int*>(count);
    return 0;
}

class DraftRepositoryOverCache : public ::testing::Test {
protected:
    DraftRepositoryOverCache() : db_((dir_ / "bot.db").string()) {
        ApplyMigrations(db_, EmbeddedMigrations());
        drafts_ = sql::NewDraftRepository(db_, &cache_);
        sqlite3_trace_v2(db_.Handle().getHandle(), SQLITE_TRACE_STMT, &CountStatement,
                         &statements_);
    }

    test::TempDir dir_;
    Database db_;
    OpenDraftCache cache_;
    std::unique_ptr<DraftRepository> drafts_;
    int statements_ = 0;
};

TEST_F(DraftRepositoryOverCache, ASecondFindOpenRunsNoStatement) {
    const long long id = drafts_->Create(OpenDraft(0, "U1"));
    cache_.EndTransaction();
    statements_ = 0;

    ASSERT_EQ(drafts_->FindOpen("U1", "escalation")->id, id);
    EXPECT_EQ(statements_, 1);
    ASSERT_EQ(drafts_->FindOpen("U1", "escalation")->id, id);
    EXPECT_FALSE(drafts_->FindOpen("U2", "escalation").has_value());
    EXPECT_FALSE(drafts_->FindOpen("U2", "escalation").has_value());
    EXPECT_EQ(statements_, 2);
}

TEST_F(DraftRepositoryOverCache, ASaveMakesTheNextFindOpenReadAgain) {
    Draft d = OpenDraft(0, "U1");
    d.id = drafts_->Create(d);
    cache_.EndTransaction();
    ASSERT_TRUE(drafts_->FindOpen("U1", "escalation").has_value());

    d.status = Draft::Status::kSubmitted;
    drafts_->Save(d);
    cache_.EndTransaction();
    statements_ = 0;

    EXPECT_FALSE(drafts_->FindOpen("U1", "escalation").has_value());
    EXPECT_EQ(statements_, 1);
}

// Several drafts per agent: saving any one of them makes the list read again, and a draft
// closed by id (the expiry sweep saves drafts it read by flow, not by user) leaves the list.
TEST_F(DraftRepositoryOverCache, SavingOneOfSeveralDraftsMakesTheListReadAgain) {
    Draft first = OpenDraft(0, "U1");
    first.id = drafts_->Create(first);
    Draft second = OpenDraft(0, "U1");
    second.updated_at = kT0 + std::chrono::seconds(5);
    second.id = drafts_->Create(second);
    cache_.EndTransaction();
    ASSERT_EQ(drafts_->ListOpen("U1", "escalation").size(), 2u);

    Draft closed = drafts_->OldestOpen("escalation", 10).at(0);
    ASSERT_EQ(closed.id, first.id);
    closed.status = Draft::Status::kAbandoned;
    drafts_->Save(closed);
    cache_.EndTransaction();

    const std::vector<Draft> open = drafts_->ListOpen("U1", "escalation");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].id, second.id);
    EXPECT_EQ(drafts_->FindOpen("U1", "escalation")->id, second.id);
}

std::optional<Draft> FindOpenDraft(Store& store) {
    return store.Read([](UnitOfWork& u) { return u.Drafts().FindOpen("U1", "escalation"); });
}

long long CreateDraft(Store& store) {
    return store.Write([](UnitOfWork& u) { return u.Drafts().Create(OpenDraft(0, "U1")); });
}

// Two stores on one file stand for two writing processes: neither may answer from memory, or
// it would miss what the other wrote.
TEST(ProcessCache, IsNotUsedWhenTheStoreIsNotTheOnlyWriter) {
    const test::TempDir dir;
    const std::string path = (dir / "bot.db").string();
    const auto reader = OpenSqliteStore(path, {.sole_writer = false});
    const auto writer = OpenSqliteStore(path, {.sole_writer = false});
    ASSERT_FALSE(reader->AllowsProcessCache());

    ASSERT_FALSE(FindOpenDraft(*reader).has_value());  // what a cache would remember
    const long long id = CreateDraft(*writer);

    const std::optional<Draft> found = FindOpenDraft(*reader);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, id);
}

// The other side: a store that is the only writer (the default) does answer from memory, so a
// second writer would go unseen. That is the assumption AllowsProcessCache states.
TEST(ProcessCache, IsUsedWhenTheStoreIsTheOnlyWriter) {
    const test::TempDir dir;
    const std::string path = (dir / "bot.db").string();
    const auto reader = OpenSqliteStore(path);
    const auto writer = OpenSqliteStore(path, {.sole_writer = false});
    ASSERT_TRUE(reader->AllowsProcessCache());

    ASSERT_FALSE(FindOpenDraft(*reader).has_value());
    CreateDraft(*writer);

    EXPECT_FALSE(FindOpenDraft(*reader).has_value());
}

TEST(SqliteDeferredBegin, BeginRunsBeforeTheFirstStatementOnly) {
    const test::TempDir dir;
    Database db((dir / "bot.db").string());
    sqlite3* raw = db.Handle().getHandle();

    db.BeginBeforeNextStatement();
    EXPECT_EQ(sqlite3_get_autocommit(raw), 1);  // nothing begun yet
    EXPECT_TRUE(db.DropPendingBegin());
    EXPECT_FALSE(db.DropPendingBegin());

    db.BeginBeforeNextStatement();
    {
        auto q = db.Prepare("SELECT 1");
        EXPECT_TRUE(q->executeStep());
    }
    EXPECT_EQ(sqlite3_get_autocommit(raw), 0);  // inside the transaction
    EXPECT_FALSE(db.DropPendingBegin());
    db.Exec("COMMIT");
    EXPECT_EQ(sqlite3_get_autocommit(raw), 1);
}

}  // namespace
}  // namespace escbot::storage::sqlite
