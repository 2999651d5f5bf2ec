#include "commands/escalation/sop_versions.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::escalation {
namespace {

const TimePoint kT = FromUnix(1'795'446'000);

class SopVersions : public ::testing::Test {
protected:
    test::TempDir dir_;
    std::unique_ptr<storage::Store> store_ =
        storage::sqlite::OpenSqliteStore((dir_ / "bot.sqlite3").string());
};

TEST_F(SopVersions, AVersionRememberedOnceIsFoundByANewCatalogThatNeverLoadedIt) {
    const auto& sop = test::ShippedSop();
    store_->Write([&](storage::UnitOfWork& u) { RememberSop(u, sop, kT); });
    // A catalog whose current version is another one (the file moved on).
    auto newer = std::make_shared<config::sop::Sop>(sop);
    newer->version = "2099.1.1";
    config::sop::SopCatalog fresh;
    fresh.Add(newer);

    const auto found =
        store_->Write([&](storage::UnitOfWork& u) { return FindSop(u, fresh, sop.version); });

    ASSERT_TRUE(found);
    EXPECT_EQ(found->version, sop.version);
    EXPECT_EQ(found->fingerprint, sop.fingerprint);
    EXPECT_EQ(fresh.Find(sop.version), found);  // cached in the catalog
    EXPECT_EQ(fresh.Current(), newer);          // but not made current
}

TEST_F(SopVersions, AnUnknownVersionIsNotFound) {
    config::sop::SopCatalog catalog;

    const auto found =
        store_->Write([&](storage::UnitOfWork& u) { return FindSop(u, catalog, "0.0.0"); });

    EXPECT_EQ(found, nullptr);
}

TEST_F(SopVersions, TheCatalogAnswersFirst) {
    const auto& shipped = test::ShippedSop();
    config::sop::SopCatalog catalog;
    auto sop = std::make_shared<config::sop::Sop>(shipped);
    catalog.Add(sop);

    const auto found =
        store_->Write([&](storage::UnitOfWork& u) { return FindSop(u, catalog, shipped.version); });

    EXPECT_EQ(found, sop);
}

}  // namespace
}  // namespace escbot::commands::escalation
