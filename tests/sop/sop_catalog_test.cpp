#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "config/sop/sop_catalog.hpp"

namespace escbot::config::sop {
namespace {

std::shared_ptr<const Sop> MakeSop(std::string version, std::string fingerprint,
                                   std::string first_step = "qualify") {
    auto sop = std::make_shared<Sop>();
    sop->version = std::move(version);
    sop->fingerprint = std::move(fingerprint);
    sop->first_step = std::move(first_step);
    return sop;
}

TEST(SopCatalogTest, IsEmptyBeforeTheFirstAdd) {
    SopCatalog catalog;

    EXPECT_EQ(catalog.Current(), nullptr);
    EXPECT_EQ(catalog.Find("1"), nullptr);
}

TEST(SopCatalogTest, NewVersionBecomesCurrentWhileTheOldOneStaysFindable) {
    SopCatalog catalog;
    const auto old_sop = MakeSop("1", "aaa", "old_first");
    const auto new_sop = MakeSop("2", "bbb", "new_first");
    catalog.Add(old_sop);

    EXPECT_EQ(catalog.Add(new_sop), SopCatalog::AddResult::kAdded);

    EXPECT_EQ(catalog.Current(), new_sop);
    EXPECT_EQ(catalog.Find("1"), old_sop);
    EXPECT_EQ(catalog.Find("1")->first_step, "old_first");
    EXPECT_EQ(catalog.Versions(), (std::vector<std::string>{"1", "2"}));
}

TEST(SopCatalogTest, EarlierVersionCanBeAddedWithoutBecomingCurrent) {
    SopCatalog catalog;
    const auto current = MakeSop("2", "bbb");
    catalog.Add(current);

    catalog.Add(MakeSop("1", "aaa"), /*make_current=*/false);

    EXPECT_EQ(catalog.Current(), current);
    EXPECT_NE(catalog.Find("1"), nullptr);
}

TEST(SopCatalogTest, SameVersionWithDifferentContentIsRejectedAndChangesNothing) {
    SopCatalog catalog;
    const auto original = MakeSop("1", "aaa");
    catalog.Add(original);

    EXPECT_EQ(catalog.Add(MakeSop("1", "edited")), SopCatalog::AddResult::kVersionConflict);

    EXPECT_EQ(catalog.Find("1"), original);
    EXPECT_EQ(catalog.Current(), original);
}

TEST(SopCatalogTest, ReloadingTheSameFileIsANoOp) {
    SopCatalog catalog;
    const auto original = MakeSop("1", "aaa");
    catalog.Add(original);

    EXPECT_EQ(catalog.Add(MakeSop("1", "aaa")), SopCatalog::AddResult::kAlreadyPresent);
    EXPECT_EQ(catalog.Find("1"), original);
}

TEST(SopCatalogTest, PointerHeldByAFlowOutlivesLaterAdds) {
    SopCatalog catalog;
    catalog.Add(MakeSop("1", "aaa", "first"));
    const std::shared_ptr<const Sop> held = catalog.Current();

    for (int i = 2; i < 50; ++i) catalog.Add(MakeSop(std::to_string(i), "x"));

    EXPECT_EQ(held->first_step, "first");
    EXPECT_EQ(catalog.Find("1"), held);
}

TEST(SopCatalogTest, ConcurrentReadsDuringAddsAlwaysSeeAVersion) {
    SopCatalog catalog;
    catalog.Add(MakeSop("0", "x"));
    std::atomic<bool> stop{false};
    std::atomic<int> misses{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            while (!stop.load()) {
                if (catalog.Current() == nullptr || catalog.Find("0") == nullptr) ++misses;
            }
        });
    }

    for (int i = 1; i <= 200; ++i) catalog.Add(MakeSop(std::to_string(i), "x"));
    stop = true;
    for (auto& reader : readers) reader.join();

    EXPECT_EQ(misses.load(), 0);
    EXPECT_EQ(catalog.Current()->version, "200");
}

TEST(SopCatalogTest, AddingNullIsAProgrammerError) {
    SopCatalog catalog;

    EXPECT_THROW(catalog.Add(nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace escbot::config::sop
