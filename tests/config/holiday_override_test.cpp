// Holidays (closed dates, own windows) and overrides (remove, add, replace; dates, ranges, hours).

#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"

namespace escbot::config {
namespace {

using test::At;
using test::Hm;
using test::kFive;
using test::kTwo;
using test::On;
using test::UsersAt;
using test::Ymd;
using Ids = std::vector<std::string>;

Rotation ConcertWith(std::vector<Override> overrides) {
    RotationSpec spec = test::ConcertSpec();
    spec.overrides = std::move(overrides);
    return Rotation(std::move(spec));
}

TEST(Holidays, CalendarDateHasNoWindow) {
    RotationSpec spec = test::ConcertSpec();
    spec.closed_dates = {Ymd(2026, 11, 26)};  // Thanksgiving, a Thursday
    const Rotation concert(std::move(spec));

    EXPECT_TRUE(OnDuty(concert, At("2026-11-26T10:00:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(concert, At("2026-11-26T19:00:00-05:00")).empty());
    EXPECT_EQ(UsersAt(concert, "2026-11-27T10:00:00-05:00"), kFive);
}

TEST(Holidays, ClosedDayIsSkippedByNextWindowOpen) {
    RotationSpec spec = test::ConcertSpec();
    spec.closed_dates = {Ymd(2026, 11, 26)};
    const Rotation concert(std::move(spec));

    const auto open = NextWindowOpen(concert, At("2026-11-25T22:00:00-05:00"));

    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(*open, At("2026-11-27T09:00:00-05:00"));
}

TEST(Holidays, HolidayWithItsOwnWindowsReplacesTheDaysRegularOnes) {
    RotationSpec spec = test::ConcertSpec();
    spec.holidays = {{On(2026, 12, 24), "Christmas Eve", {test::Shift(0, Hm(9), Hm(13), kTwo)}}};
    const Rotation concert(std::move(spec));

    EXPECT_EQ(UsersAt(concert, "2026-12-24T10:00:00-05:00"), kTwo);
    EXPECT_TRUE(OnDuty(concert, At("2026-12-24T13:00:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(concert, At("2026-12-24T18:30:00-05:00")).empty());
    EXPECT_EQ(UsersAt(concert, "2026-12-23T10:00:00-05:00"), kFive);
}

TEST(Holidays, RotationHolidayWinsOverTheCalendarForTheSameDate) {
    RotationSpec spec = test::ConcertSpec();
    spec.holidays = {{On(2026, 11, 26), "short day", {test::Shift(0, Hm(10), Hm(12), kTwo)}}};
    spec.closed_dates = {Ymd(2026, 11, 26)};
    const Rotation concert(std::move(spec));

    EXPECT_EQ(UsersAt(concert, "2026-11-26T11:00:00-05:00"), kTwo);
}

TEST(Holidays, DateRangeCoversEveryDateInclusive) {
    RotationSpec spec = test::ConcertSpec();
    spec.holidays = {{{Ymd(2026, 12, 28), Ymd(2026, 12, 30)}, "shutdown", {}}};
    const Rotation concert(std::move(spec));

    EXPECT_EQ(UsersAt(concert, "2026-12-25T10:00:00-05:00"), kFive);  // Friday before
    EXPECT_TRUE(OnDuty(concert, At("2026-12-28T10:00:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(concert, At("2026-12-30T10:00:00-05:00")).empty());
    EXPECT_EQ(UsersAt(concert, "2026-12-31T10:00:00-05:00"), kFive);
}

TEST(Holidays, LateWindowFromTheDayBeforeRunsIntoTheHolidayButNotOutOfIt) {
    RotationSpec spec;
    spec.name = "late";
    spec.windows = {test::Shift(kEveryDay, Hm(22), Hm(2), {"U0NIGHT1"})};
    spec.closed_dates = {Ymd(2026, 11, 28)};  // a Saturday
    const Rotation late(std::move(spec));

    EXPECT_FALSE(OnDuty(late, At("2026-11-28T01:00:00-05:00")).empty());  // Friday's window
    EXPECT_TRUE(OnDuty(late, At("2026-11-28T22:30:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(late, At("2026-11-29T01:00:00-05:00")).empty());  // no Saturday window
    EXPECT_FALSE(OnDuty(late, At("2026-11-29T22:30:00-05:00")).empty());
}

TEST(Overrides, RemoveTakesSomeoneOffForTheDate) {
    const Rotation concert = ConcertWith({{On(2026, 11, 24), {}, {}, {"U0CONCERT3"}, {}}});

    EXPECT_EQ(UsersAt(concert, "2026-11-24T10:00:00-05:00"),
              (Ids{"U0CONCERT1", "U0CONCERT2", "U0CONCERT4", "U0CONCERT5"}));
    EXPECT_EQ(UsersAt(concert, "2026-11-23T10:00:00-05:00"), kFive);
    EXPECT_EQ(UsersAt(concert, "2026-11-25T10:00:00-05:00"), kFive);
}

TEST(Overrides, RemoveLimitedToHoursAppliesOnlyInThoseHours) {
    const Rotation concert =
        ConcertWith({{On(2026, 11, 24), TimeRange{Hm(12), Hm(14)}, {}, {"U0CONCERT1"}, {}}});

    EXPECT_EQ(UsersAt(concert, "2026-11-24T11:59:59-05:00"), kFive);
    EXPECT_EQ(UsersAt(concert, "2026-11-24T12:00:00-05:00"),
              (Ids{"U0CONCERT2", "U0CONCERT3", "U0CONCERT4", "U0CONCERT5"}));
    EXPECT_EQ(UsersAt(concert, "2026-11-24T14:00:00-05:00"), kFive);
}

TEST(Overrides, ReplaceSwapsSomeoneInTheirPlaceForADateRange) {
    const Rotation concert = ConcertWith(
        {{{Ymd(2026, 11, 23), Ymd(2026, 11, 27)}, {}, {}, {}, {{"U0CONCERT3", "U0CONCERT6"}}}});

    EXPECT_EQ(UsersAt(concert, "2026-11-23T09:00:00-05:00"),
              (Ids{"U0CONCERT1", "U0CONCERT2", "U0CONCERT6", "U0CONCERT4", "U0CONCERT5"}));
    EXPECT_EQ(UsersAt(concert, "2026-11-27T17:59:59-05:00"),
              (Ids{"U0CONCERT1", "U0CONCERT2", "U0CONCERT6", "U0CONCERT4", "U0CONCERT5"}));
    EXPECT_EQ(UsersAt(concert, "2026-11-30T09:00:00-05:00"), kFive);
}

TEST(Overrides, ReplaceOfSomeoneNotOnDutyChangesNothing) {
    const Rotation concert =
        ConcertWith({{On(2026, 11, 23), {}, {}, {}, {{"U0CONCERT3", "U0CONCERT6"}}}});

    EXPECT_EQ(UsersAt(concert, "2026-11-23T19:00:00-05:00"), kTwo);
}

TEST(Overrides, AddWithoutHoursJoinsTheOpenWindowsOnly) {
    const Rotation concert = ConcertWith({{On(2026, 11, 24), {}, {"U0CONCERT9"}, {}, {}}});

    EXPECT_EQ(UsersAt(concert, "2026-11-24T19:00:00-05:00"),
              (Ids{"U0CONCERT1", "U0CONCERT2", "U0CONCERT9"}));
    EXPECT_TRUE(OnDuty(concert, At("2026-11-24T22:00:00-05:00")).empty());
}

TEST(Overrides, AddWithHoursCoversAGapOvernight) {
    const Rotation concert =
        ConcertWith({{On(2026, 11, 24), TimeRange{Hm(22), Hm(2)}, {"U0CONCERT9"}, {}, {}}});

    EXPECT_TRUE(OnDuty(concert, At("2026-11-24T21:30:00-05:00")).empty());
    EXPECT_EQ(UsersAt(concert, "2026-11-24T22:00:00-05:00"), Ids{"U0CONCERT9"});
    EXPECT_EQ(UsersAt(concert, "2026-11-25T01:59:59-05:00"), Ids{"U0CONCERT9"});
    EXPECT_TRUE(OnDuty(concert, At("2026-11-25T02:00:00-05:00")).empty());
    EXPECT_EQ(NextWindowOpen(concert, At("2026-11-24T21:30:00-05:00")),
              At("2026-11-24T22:00:00-05:00"));
}

TEST(Overrides, AddCanPutAUserGroupOnDuty) {
    const Rotation concert = ConcertWith({{On(2026, 11, 24), {}, {"S0CONCERTS"}, {}, {}}});

    EXPECT_EQ(OnDuty(concert, At("2026-11-24T10:00:00-05:00")).groups, Ids{"S0CONCERTS"});
}

TEST(Overrides, LaterOverridesApplyAfterEarlierOnes) {
    const Rotation concert = ConcertWith({{On(2026, 11, 24), {}, {}, {"U0CONCERT1"}, {}},
                                          {On(2026, 11, 24), {}, {"U0CONCERT1"}, {}, {}}});

    EXPECT_EQ(UsersAt(concert, "2026-11-24T19:00:00-05:00"), (Ids{"U0CONCERT2", "U0CONCERT1"}));
}

TEST(Overrides, OverrideEdgesAreChanges) {
    const Rotation concert =
        ConcertWith({{On(2026, 11, 24), TimeRange{Hm(12), Hm(14)}, {}, {"U0CONCERT1"}, {}}});

    const auto change = NextChange(concert, At("2026-11-24T11:00:00-05:00"));

    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->at, At("2026-11-24T12:00:00-05:00"));
    EXPECT_EQ(change->off.users, Ids{"U0CONCERT1"});
    EXPECT_TRUE(change->on.empty());
}

}  // namespace
}  // namespace escbot::config
