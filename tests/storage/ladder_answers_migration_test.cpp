// Migration 0007 rebuilds escalation_ladders for the 'answered' status: rows written before it
// keep every field.

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::sqlite {
namespace {

TEST(LadderAnswersMigration, KeepsEveryLadderRowAndAllowsTheAnsweredStatus) {
    test::TempDir dir;
    Database db((dir / "bot.db").string());
    std::vector<Migration> before;
    for (const Migration& m : EmbeddedMigrations()) {
        if (m.number < 7) before.push_back(m);
    }
    ApplyMigrations(db, before);
    db.Exec(
        "INSERT INTO escalation_cases (id, sop_version, status, outcome, created_by, created_at) "
        "VALUES (1, '2026.11.1', 'transferred', 'live_ladder', 'U0AGENT001', 1795446000)");
    db.Exec(
        "INSERT INTO escalation_ladders (case_id, sop_version, tier_id, step, deadline, status, "
        "owner, started_at, ended_at, history) VALUES (1, '2026.11.1', 'tier2', 1, 1795446030, "
        "'accepted', 'U0TIER2001', 1795446000, 1795446012, '[{\"event\":\"paged\"}]')");
    EXPECT_THROW(db.Exec("UPDATE escalation_ladders SET status = 'answered'"), std::exception);

    ApplyMigrations(db, EmbeddedMigrations());

    auto q = db.Prepare(
        "SELECT tier_id, step, deadline, status, owner, started_at, ended_at, history, "
        "answered_by, answered_at FROM escalation_ladders WHERE case_id = 1");
    ASSERT_TRUE(q->executeStep());
    EXPECT_EQ(q->getColumn(0).getString(), "tier2");
    EXPECT_EQ(q->getColumn(1).getInt(), 1);
    EXPECT_EQ(q->getColumn(2).getInt64(), 1795446030);
    EXPECT_EQ(q->getColumn(3).getString(), "accepted");
    EXPECT_EQ(q->getColumn(4).getString(), "U0TIER2001");
    EXPECT_EQ(q->getColumn(5).getInt64(), 1795446000);
    EXPECT_EQ(q->getColumn(6).getInt64(), 1795446012);
    EXPECT_EQ(q->getColumn(7).getString(), "[{\"event\":\"paged\"}]");
    EXPECT_EQ(q->getColumn(8).getString(), "");
    EXPECT_TRUE(q->getColumn(9).isNull());
    db.Exec("UPDATE escalation_ladders SET status = 'answered', answered_by = 'U0TIER2001'");
    EXPECT_THROW(db.Exec("UPDATE escalation_ladders SET status = 'ringing'"), std::exception);
}

}  // namespace
}  // namespace escbot::storage::sqlite
