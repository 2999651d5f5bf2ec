#include <gtest/gtest.h>

#include <stdexcept>
#include <variant>

#include "config/business_calendar.hpp"
#include "config/time_text.hpp"

namespace escbot::config {
namespace {

TimePoint At(std::string_view iso) {
    const auto t = ParseIsoInstant(iso);
    if (!t) throw std::invalid_argument("bad instant in test: " + std::string(iso));
    return *t;
}

Duration D(std::string_view text) { return std::get<Duration>(ParseDuration(text)); }

/// The spec's calendar: New York, weekdays 09:00-18:00, Thanksgiving off.
BusinessCalendar Company() {
    BusinessCalendarSpec spec;
    spec.holidays = {std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                                 std::chrono::day{26}}};
    return BusinessCalendar(spec);
}

class BusinessHours : public ::testing::Test {
protected:
    std::string AddIso(std::string_view from, std::string_view duration) const {
        return calendar_.FormatIso(calendar_.Add(At(from), D(duration)));
    }
    const BusinessCalendar calendar_ = Company();
};

TEST_F(BusinessHours, CarryOverAWeekend) {
    // Friday 17:00 has one hour left; Monday and Tuesday give nine each; Wednesday the last five.
    EXPECT_EQ(AddIso("2026-12-04T17:00:00-05:00", "24bh"), "2026-12-09T14:00:00-05:00");
    EXPECT_EQ(AddIso("2026-12-04T17:00:00-05:00", "48bh"), "2026-12-14T11:00:00-05:00");
}

TEST_F(BusinessHours, SkipAHoliday) {
    // Wednesday before Thanksgiving, two hours left; Thursday is off; Friday 09:00-11:00.
    EXPECT_EQ(AddIso("2026-11-25T16:00:00-05:00", "4bh"), "2026-11-27T11:00:00-05:00");
}

TEST_F(BusinessHours, CountWorkingHoursNotClockHoursAcrossTheSpringChange) {
    // Sunday 2026-03-08 loses an hour; Monday opens at 09:00 EDT.
    EXPECT_EQ(AddIso("2026-03-06T17:00:00-05:00", "2bh"), "2026-03-09T10:00:00-04:00");
}

TEST_F(BusinessHours, CountWorkingHoursNotClockHoursAcrossTheAutumnChange) {
    // Sunday 2026-11-01 gains an hour; Monday opens at 09:00 EST.
    EXPECT_EQ(AddIso("2026-10-30T17:00:00-04:00", "2bh"), "2026-11-02T10:00:00-05:00");
}

TEST_F(BusinessHours, AStartAtNightCountsFromTheNextOpening) {
    EXPECT_EQ(AddIso("2026-12-08T02:00:00-05:00", "1bh"), "2026-12-08T10:00:00-05:00");
    EXPECT_EQ(AddIso("2026-12-08T23:00:00-05:00", "1bh"), "2026-12-09T10:00:00-05:00");
    EXPECT_EQ(AddIso("2026-12-05T12:00:00-05:00", "1bh"), "2026-12-07T10:00:00-05:00");
}

TEST_F(BusinessHours, ACountEndingExactlyAtClosingIsThatClosing) {
    EXPECT_EQ(AddIso("2026-12-07T09:00:00-05:00", "9bh"), "2026-12-07T18:00:00-05:00");
    EXPECT_EQ(AddIso("2026-12-07T17:00:00-05:00", "1bh"), "2026-12-07T18:00:00-05:00");
    EXPECT_EQ(AddIso("2026-12-07T09:00:00-05:00", "18bh"), "2026-12-08T18:00:00-05:00");
}

TEST_F(BusinessHours, AStartExactlyAtClosingCountsFromTheNextOpening) {
    EXPECT_EQ(AddIso("2026-12-07T18:00:00-05:00", "1bh"), "2026-12-08T10:00:00-05:00");
}

TEST_F(BusinessHours, AreCountedToTheSecond) {
    EXPECT_EQ(AddIso("2026-12-07T17:59:59-05:00", "1bh"), "2026-12-08T09:59:59-05:00");
}

TEST(BusinessDays, AStartOutsideWorkingTimeMovesToTheNextOpening) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-12-04T20:00:00-05:00"), D("1bd"))),
              "2026-12-08T09:00:00-05:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-12-05T11:00:00-05:00"), D("2bd"))),
              "2026-12-09T09:00:00-05:00");
}

TEST(BusinessDays, KeepTheWallClockTimeAcrossAWeekendAHolidayAndDst) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-12-04T14:30:00-05:00"), D("1bd"))),
              "2026-12-07T14:30:00-05:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-11-25T10:00:00-05:00"), D("1bd"))),
              "2026-11-27T10:00:00-05:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-03-06T10:00:00-05:00"), D("1bd"))),
              "2026-03-09T10:00:00-04:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-10-30T10:00:00-04:00"), D("1bd"))),
              "2026-11-02T10:00:00-05:00");
}

TEST(CalendarDays, KeepTheWallClockTimeAcrossDst) {
    const BusinessCalendar calendar = Company();
    // 23 and 25 hours of elapsed time.
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-03-07T10:00:00-05:00"), D("1d"))),
              "2026-03-08T10:00:00-04:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-10-31T10:00:00-04:00"), D("1d"))),
              "2026-11-01T10:00:00-05:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-03-01T12:00:00-05:00"), D("1w"))),
              "2026-03-08T12:00:00-04:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-10-25T12:00:00-04:00"), D("2w"))),
              "2026-11-08T12:00:00-05:00");
}

TEST(CalendarDays, ATimeInTheGapIsTheInstantTheClocksJump) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-03-07T02:30:00-05:00"), D("1d"))),
              "2026-03-08T03:00:00-04:00");
}

TEST(CalendarDays, ATimeInTheOverlapIsItsFirstOccurrence) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-10-31T01:30:00-04:00"), D("1d"))),
              "2026-11-01T01:30:00-04:00");
    // From the second occurrence the next day has only one 01:30.
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-11-01T01:30:00-05:00"), D("1d"))),
              "2026-11-02T01:30:00-05:00");
}

TEST(ElapsedTime, HoursMinutesAndSecondsIgnoreTheWallClock) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-11-01T00:30:00-04:00"), D("2h"))),
              "2026-11-01T01:30:00-05:00");
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-03-08T01:30:00-05:00"), D("60m"))),
              "2026-03-08T03:30:00-04:00");
    EXPECT_EQ(calendar.Add(At("2026-12-05T23:59:30-05:00"), D("45s")),
              At("2026-12-06T00:00:15-05:00"));
}

TEST(WorkingTimeBetween, CountsOnlyWorkingSeconds) {
    const BusinessCalendar calendar = Company();
    using std::chrono::hours;
    EXPECT_EQ(calendar.WorkingTimeBetween(At("2026-12-04T17:00:00-05:00"),
                                          At("2026-12-07T10:00:00-05:00")),
              hours{2});
    EXPECT_EQ(calendar.WorkingTimeBetween(At("2026-12-07T00:00:00-05:00"),
                                          At("2026-12-14T00:00:00-05:00")),
              hours{45});
    EXPECT_EQ(calendar.WorkingTimeBetween(At("2026-11-23T00:00:00-05:00"),
                                          At("2026-11-30T00:00:00-05:00")),
              hours{36});
    EXPECT_EQ(calendar.WorkingTimeBetween(At("2026-03-06T17:00:00-05:00"),
                                          At("2026-03-09T10:00:00-04:00")),
              hours{2});
    EXPECT_EQ(calendar.WorkingTimeBetween(At("2026-12-07T10:00:00-05:00"),
                                          At("2026-12-07T10:00:30-05:00")),
              Seconds{30});
}

TEST(WorkingTimeBetween, IsZeroWhenTheEndIsNotAfterTheStart) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.WorkingTimeBetween(At("2026-12-07T12:00:00-05:00"),
                                          At("2026-12-07T10:00:00-05:00")),
              Seconds{0});
    EXPECT_EQ(calendar.WorkingTimeBetween(At("2026-12-07T12:00:00-05:00"),
                                          At("2026-12-07T12:00:00-05:00")),
              Seconds{0});
}

TEST(WorkingTimeBetween, UndoesAdd) {
    const BusinessCalendar calendar = Company();
    const TimePoint from = At("2026-11-20T15:12:07-05:00");
    EXPECT_EQ(calendar.WorkingTimeBetween(from, calendar.Add(from, D("48bh"))),
              std::chrono::hours{48});
}

TEST(NextOpeningAfter, IsTheNextBusinessMorning) {
    const BusinessCalendar calendar = Company();
    auto next = [&](std::string_view iso) { return calendar.FormatIso(calendar.NextOpeningAfter(At(iso))); };
    EXPECT_EQ(next("2026-12-08T10:00:00-05:00"), "2026-12-09T09:00:00-05:00");
    EXPECT_EQ(next("2026-12-08T09:00:00-05:00"), "2026-12-09T09:00:00-05:00");
    EXPECT_EQ(next("2026-12-08T03:00:00-05:00"), "2026-12-08T09:00:00-05:00");
    EXPECT_EQ(next("2026-12-04T12:00:00-05:00"), "2026-12-07T09:00:00-05:00");
    EXPECT_EQ(next("2026-11-25T12:00:00-05:00"), "2026-11-27T09:00:00-05:00");
    EXPECT_EQ(next("2026-03-06T19:00:00-05:00"), "2026-03-09T09:00:00-04:00");
}

TEST(WorkingTime, IsOpeningInclusiveClosingExclusiveOnWorkingDays) {
    const BusinessCalendar calendar = Company();
    EXPECT_TRUE(calendar.IsWorkingTime(At("2026-12-07T09:00:00-05:00")));
    EXPECT_TRUE(calendar.IsWorkingTime(At("2026-12-07T17:59:59-05:00")));
    EXPECT_FALSE(calendar.IsWorkingTime(At("2026-12-07T18:00:00-05:00")));
    EXPECT_FALSE(calendar.IsWorkingTime(At("2026-12-07T08:59:59-05:00")));
    EXPECT_FALSE(calendar.IsWorkingTime(At("2026-12-05T12:00:00-05:00")));
    EXPECT_FALSE(calendar.IsWorkingTime(At("2026-11-26T12:00:00-05:00")));
    EXPECT_EQ(calendar.NextWorkingInstant(At("2026-12-07T10:00:00-05:00")),
              At("2026-12-07T10:00:00-05:00"));
    EXPECT_EQ(calendar.NextWorkingInstant(At("2026-12-05T10:00:00-05:00")),
              At("2026-12-07T09:00:00-05:00"));
}

TEST(WorkingTime, FollowsTheConfiguredDaysAndHours) {
    BusinessCalendarSpec spec;
    spec.days = kMonday | kSaturday;
    spec.start = 8 * 60 + 30;
    spec.end = 12 * 60;
    const BusinessCalendar calendar(spec);
    EXPECT_EQ(calendar.FormatIso(calendar.Add(At("2026-12-07T12:00:00-05:00"), D("1bh"))),
              "2026-12-12T09:30:00-05:00");
}

TEST(Formatting, ForPeopleUsesTheZoneAbbreviationInWinterAndSummer) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.FormatForPeople(At("2026-12-07T14:05:00Z")), "Mon Dec 7, 2026 9:05 AM EST");
    EXPECT_EQ(calendar.FormatForPeople(At("2026-07-01T17:30:00Z")), "Wed Jul 1, 2026 1:30 PM EDT");
    EXPECT_EQ(calendar.ZoneAbbreviation(At("2026-07-01T17:30:00Z")), "EDT");
    EXPECT_EQ(calendar.FormatTimeOfDay(At("2026-12-07T14:05:09Z")), "9:05:09 AM EST");
    EXPECT_EQ(calendar.FormatTimeOfDay(At("2026-07-01T04:00:00Z")), "12:00:00 AM EDT");
}

TEST(Formatting, IsoCarriesTheZoneOffset) {
    const BusinessCalendar calendar = Company();
    EXPECT_EQ(calendar.FormatIso(At("2026-12-07T14:05:00Z")), "2026-12-07T09:05:00-05:00");
    EXPECT_EQ(calendar.FormatIso(At("2026-07-01T17:30:00Z")), "2026-07-01T13:30:00-04:00");
    BusinessCalendarSpec pacific;
    pacific.time_zone = "America/Los_Angeles";
    EXPECT_EQ(BusinessCalendar(pacific).FormatIso(At("2026-12-07T14:05:00Z")),
              "2026-12-07T06:05:00-08:00");
}

TEST(Construction, RefusesABadSpec) {
    BusinessCalendarSpec zone;
    zone.time_zone = "Mars/Olympus";
    EXPECT_THROW(BusinessCalendar{zone}, std::invalid_argument);
    BusinessCalendarSpec backwards;
    backwards.start = 18 * 60;
    backwards.end = 9 * 60;
    EXPECT_THROW(BusinessCalendar{backwards}, std::invalid_argument);
    BusinessCalendarSpec no_days;
    no_days.days = 0;
    EXPECT_THROW(BusinessCalendar{no_days}, std::invalid_argument);
}

TEST(Construction, DefaultsAreTheSpecs) {
    const BusinessCalendar calendar;
    EXPECT_EQ(calendar.spec().time_zone, "America/New_York");
    EXPECT_EQ(calendar.spec().days, kWeekdays);
    EXPECT_EQ(calendar.spec().start, 9 * 60);
    EXPECT_EQ(calendar.spec().end, 18 * 60);
}

}  // namespace
}  // namespace escbot::config
