// Stored homeowner keys after the key's rules changed (migration 0005 marks every case): the
// start-up pass recomputes them from the stored answers, so an old case matches the new rules.

#include <gtest/gtest.h>

#include "bot/metrics/metrics.hpp"
#include "commands/escalation/existing_case.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "config/sop/sop_loader.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::escalation {
namespace {

TEST(RekeyPendingCases, OldKeysAreRecomputedOnceFromTheStoredAnswers) {
    test::TempDir dir;
    const std::string path = (dir / "bot.db").string();
    {
        storage::sqlite::Database db(path);
        std::vector<storage::sqlite::Migration> before;
        for (const auto& m : storage::sqlite::EmbeddedMigrations()) {
            if (m.number < 5) before.push_back(m);
        }
        storage::sqlite::ApplyMigrations(db, before);
        // The key as the old rules wrote it: accents kept, case not folded for them.
        db.Exec(
            "INSERT INTO escalation_cases (id, sop_version, status, outcome, homeowner_key,"
            " answers, created_by, created_at) VALUES"
            " (1, '2026.11.1', 'open', 'follow_up', 'jOSÉ ÑÚÑEZ|4 calle peña',"
            "  '{\"homeowner_name\":\"JOSÉ ÑÚÑEZ\",\"property_address\":\"4 Calle Peña\"}',"
            "  'U0AGENT1', 1000)");
    }
    const auto store = storage::sqlite::OpenSqliteStore(path);
    const auto loaded =
        config::sop::LoadSopFile((test::SourceDir() / "config/sop/escalation.toml").string());
    ASSERT_TRUE(loaded.ok());
    config::sop::SopCatalog sops;
    sops.Add(loaded.sop);
    config::Settings settings;
    metrics::Registry metrics;
    const FlowContext ctx{settings, sops, metrics, FromUnix(2000)};
    const std::string new_key = HomeownerKey("José Ñúñez", "4 calle pena");
    const auto find = [&] {
        return store->Read([&](storage::UnitOfWork& u) {
            return u.Escalation().Cases().FindOpenByHomeowner(new_key, 10);
        });
    };
    ASSERT_TRUE(find().empty());  // before the pass: the old key does not match

    const int first = store->Write([&](storage::UnitOfWork& u) { return RekeyPendingCases(u, ctx); });
    const int second = store->Write([&](storage::UnitOfWork& u) { return RekeyPendingCases(u, ctx); });

    EXPECT_EQ(first, 1);
    EXPECT_EQ(second, 0);
    const auto found = find();
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, 1);
}

}  // namespace
}  // namespace escbot::commands::escalation
