// Migration 0005 on a database written before it: interactions stored as updates move to their
// own table, "last update" forgets them, and every case is marked for a new homeowner key.

#include <gtest/gtest.h>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::sqlite {
namespace {

std::vector<Migration> Before(int number) {
    std::vector<Migration> out;
    for (const Migration& m : EmbeddedMigrations()) {
        if (m.number < number) out.push_back(m);
    }
    return out;
}

TEST(CaseInteractionsMigration, MovesInteractionsOutOfUpdatesAndMarksCasesForRekey) {
    test::TempDir dir;
    const std::string path = (dir / "bot.db").string();
    {
        Database db(path);
        ApplyMigrations(db, Before(5));
        db.Exec(
            "INSERT INTO escalation_cases (id, sop_version, status, outcome, homeowner_key,"
            " answers, created_by, created_at, last_update_at) VALUES"
            " (1, '2026.11.1', 'open', 'follow_up', 'jOSÉ ÑÚÑEZ|1 elm st',"
            "  '{\"homeowner_name\":\"JOSÉ ÑÚÑEZ\",\"property_address\":\"1 Elm St\"}',"
            "  'U0AGENT1', 1000, 3000),"
            " (2, '2026.11.1', 'open', 'follow_up', 'jane doe|2 oak ave', '{}', 'U0AGENT1', 1000,"
            "  NULL)");
        db.Exec(
            "INSERT INTO escalation_case_updates (case_id, author, kind, text, at) VALUES"
            " (1, 'U0LEAD1', 'update', 'called back', 2000),"
            " (1, 'U0AGENT2', 'interaction', 'Another interaction was added.', 3000),"
            " (1, 'U0LEAD1', 'claim', '', 2500)");
    }

    const auto store = OpenSqliteStore(path);

    const auto moved =
        store->Read([](UnitOfWork& u) { return u.Escalation().Interactions().ForCase(1); });
    const auto updates =
        store->Read([](UnitOfWork& u) { return u.Escalation().Updates().ForCase(1); });
    const auto c = store->Read([](UnitOfWork& u) { return u.Escalation().Cases().Get(1); });
    const auto pending =
        store->Read([](UnitOfWork& u) { return u.Escalation().Cases().PendingRekey(10); });

    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].agent, "U0AGENT2");
    EXPECT_EQ(moved[0].said, "Another interaction was added.");
    EXPECT_EQ(ToUnix(moved[0].at), 3000);
    EXPECT_EQ(updates.size(), 2u);  // the update and the claim stay
    ASSERT_TRUE(c->last_update_at);
    EXPECT_EQ(ToUnix(*c->last_update_at), 2000);  // the lead's update, not the interaction
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[0].id, 1);
    EXPECT_EQ(pending[1].id, 2);

    store->Write([](UnitOfWork& u) { u.Escalation().Cases().SetHomeownerKey(1, "new|key"); });
    const auto left =
        store->Read([](UnitOfWork& u) { return u.Escalation().Cases().PendingRekey(10); });
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].id, 2);
}

}  // namespace
}  // namespace escbot::storage::sqlite
