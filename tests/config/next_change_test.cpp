// NextChange, NextWindowOpen and HandOffs over the seed's Concert schedule.

#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"

namespace escbot::config {
namespace {

using test::At;
using test::Hm;
using test::kFive;
using test::kTwo;
using Ids = std::vector<std::string>;

class ConcertChanges : public ::testing::Test {
protected:
    const Rotation concert_{test::ConcertSpec()};
};

TEST_F(ConcertChanges, RequestAtMondayTenPmIsHeldUntilTuesdayNineAm) {
    const auto open = NextWindowOpen(concert_, At("2026-11-23T22:00:00-05:00"));

    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(*open, At("2026-11-24T09:00:00-05:00"));
}

TEST_F(ConcertChanges, RequestAtFridayNineThirtyPmIsHeldUntilSaturdaysOpening) {
    const auto open = NextWindowOpen(concert_, At("2026-11-27T21:30:00-05:00"));

    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(*open, At("2026-11-28T09:00:00-05:00"));
}

TEST_F(ConcertChanges, NextWindowOpenIsNowWhenSomeoneIsOnDuty) {
    const TimePoint now = At("2026-11-23T10:00:00-05:00");

    EXPECT_EQ(NextWindowOpen(concert_, now), now);
}

TEST_F(ConcertChanges, AtSixThreeOfTheFiveGoOff) {
    const auto change = NextChange(concert_, At("2026-11-23T17:00:00-05:00"));

    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->at, At("2026-11-23T18:00:00-05:00"));
    EXPECT_EQ(change->off.users, (Ids{"U0CONCERT3", "U0CONCERT4", "U0CONCERT5"}));
    EXPECT_TRUE(change->on.empty());
    EXPECT_EQ(change->after.users, kTwo);
}

TEST_F(ConcertChanges, NextChangeIsStrictlyAfterTheGivenInstant) {
    const auto change = NextChange(concert_, At("2026-11-23T18:00:00-05:00"));

    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->at, At("2026-11-23T21:00:00-05:00"));
    EXPECT_EQ(change->off.users, kTwo);
    EXPECT_TRUE(change->after.empty());
}

TEST_F(ConcertChanges, FromANightTheNextChangeBringsTheFiveOn) {
    const auto change = NextChange(concert_, At("2026-11-24T03:00:00-05:00"));

    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->at, At("2026-11-24T09:00:00-05:00"));
    EXPECT_EQ(change->on.users, kFive);
}

TEST_F(ConcertChanges, AWeekOfHandOffsListsEveryChangeInOrder) {
    const auto changes = HandOffs(concert_, At("2026-11-23T00:00:00-05:00"),
                                  At("2026-11-30T00:00:00-05:00"));

    // Weekdays: 09:00 on, 18:00 three off, 21:00 two off; weekend days: 09:00 on, 21:00 off.
    ASSERT_EQ(changes.size(), 5u * 3 + 2u * 2);
    EXPECT_EQ(changes.front().at, At("2026-11-23T09:00:00-05:00"));
    EXPECT_EQ(changes.back().at, At("2026-11-29T21:00:00-05:00"));
    for (std::size_t i = 1; i < changes.size(); ++i) EXPECT_LT(changes[i - 1].at, changes[i].at);
}

TEST(NextChange, AdjacentWindowsWithTheSamePeopleAreNotAChange) {
    RotationSpec spec;
    spec.name = "split";
    spec.windows = {test::Shift(kMonday, Hm(9), Hm(12), {"U0ONE"}),
                    test::Shift(kMonday, Hm(12), Hm(15), {"U0ONE"})};
    const Rotation split(std::move(spec));

    const auto change = NextChange(split, At("2026-11-23T10:00:00-05:00"));

    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->at, At("2026-11-23T15:00:00-05:00"));
}

TEST(NextChange, RotationWithNobodyEverOnDutyHasNoNextChange) {
    RotationSpec spec;
    spec.name = "empty";
    const Rotation empty(std::move(spec));

    EXPECT_FALSE(NextChange(empty, At("2026-11-23T10:00:00-05:00")).has_value());
    EXPECT_FALSE(NextWindowOpen(empty, At("2026-11-23T10:00:00-05:00")).has_value());
}

TEST(NextChange, RoundTheClockRotationHasNoNextChange) {
    const Rotation always = test::SingleWindow(kEveryDay, Hm(0), Hm(24));

    EXPECT_FALSE(NextChange(always, At("2026-11-23T10:00:00-05:00")).has_value());
}

TEST(NextChange, WeeklyWindowFarAwayIsFoundWithinTheHorizon) {
    RotationSpec spec;
    spec.name = "rare";
    spec.windows = {test::Shift(kMonday, Hm(9), Hm(10), {"U0RARE"})};
    spec.holidays = {{{test::Ymd(2026, 11, 23), test::Ymd(2027, 6, 6)}, "break", {}}};
    const Rotation rare(std::move(spec));

    const auto open = NextWindowOpen(rare, At("2026-11-23T10:00:00-05:00"));

    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(*open, At("2027-06-07T09:00:00-04:00"));
}

}  // namespace
}  // namespace escbot::config
