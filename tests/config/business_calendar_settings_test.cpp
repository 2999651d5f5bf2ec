// [business_calendar] and [escalation] draft_max_age: values kept, errors name file, line and key.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/time_text.hpp"
#include "tests/config/settings_test_util.hpp"

namespace escbot::config {
namespace {

using test::ConfigFile;
using test::FirstError;
using ::testing::HasSubstr;

TimePoint At(std::string_view iso) { return *ParseIsoInstant(iso); }

TEST(BusinessCalendarSettings, DefaultsAreNewYorkWeekdaysNineToSixWithoutHolidays) {
    const ConfigFile file("");
    const auto result = file.Load();
    ASSERT_TRUE(result.ok()) << result.ErrorText();
    const auto& spec = result.value().business_calendar.spec();
    EXPECT_EQ(spec.time_zone, "America/New_York");
    EXPECT_EQ(spec.days, kWeekdays);
    EXPECT_EQ(spec.start, 9 * 60);
    EXPECT_EQ(spec.end, 18 * 60);
    EXPECT_TRUE(spec.holidays.empty());
    EXPECT_EQ(result.value().escalation.draft_max_age, (Duration{3, Duration::Unit::Days}));
}

TEST(BusinessCalendarSettings, ValuesAndTheNamedHolidayCalendarAreKept) {
    const ConfigFile file(R"([holiday_calendars.us_company]
dates = [2026-11-26, 2026-12-22]

[business_calendar]
time_zone = "America/Chicago"
days = ["mon", "tue", "sat"]
start = "08:30"
end = "17:00"
holiday_calendar = "us_company"

[escalation]
draft_max_age = "2bd"
)");
    const auto result = file.Load();
    ASSERT_TRUE(result.ok()) << result.ErrorText();
    const BusinessCalendar& calendar = result.value().business_calendar;
    EXPECT_EQ(calendar.spec().time_zone, "America/Chicago");
    EXPECT_EQ(calendar.spec().days, kMonday | kTuesday | kSaturday);
    EXPECT_EQ(calendar.spec().start, 8 * 60 + 30);
    EXPECT_EQ(calendar.spec().end, 17 * 60);
    EXPECT_EQ(calendar.spec().holidays.size(), 2u);
    // Monday 12-21 works; Tuesday 12-22 is the calendar's holiday; Saturday 12-26 works.
    EXPECT_TRUE(calendar.IsWorkingTime(At("2026-12-21T16:59:59-06:00")));
    EXPECT_FALSE(calendar.IsWorkingTime(At("2026-12-22T10:00:00-06:00")));
    EXPECT_EQ(calendar.FormatIso(calendar.NextOpeningAfter(At("2026-12-21T12:00:00-06:00"))),
              "2026-12-26T08:30:00-06:00");
    EXPECT_EQ(result.value().escalation.draft_max_age,
              (Duration{2, Duration::Unit::BusinessDays}));
}

TEST(BusinessCalendarSettings, UnknownZoneNamesTheKey) {
    const ConfigFile file("[business_calendar]\ntime_zone = \"Eastern\"\n");
    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: business_calendar.time_zone: expected an IANA time zone name "
                            "such as America/New_York");
}

TEST(BusinessCalendarSettings, BadDayNamesTheKeyAndElement) {
    const ConfigFile file("[business_calendar]\ndays = [\"mon\", \"funday\"]\n");
    EXPECT_THAT(FirstError(file.Load()),
                HasSubstr(file.name() + ":2: business_calendar.days: element 1: expected mon"));
}

TEST(BusinessCalendarSettings, BadTimeNamesTheKey) {
    const ConfigFile file("[business_calendar]\nstart = \"9am\"\n");
    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: business_calendar.start: expected a local time \"HH:MM\" "
                            "between 00:00 and 23:59");
}

TEST(BusinessCalendarSettings, EndMustBeAfterStart) {
    const ConfigFile file("[business_calendar]\nstart = \"18:00\"\nend = \"09:00\"\n");
    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":3: business_calendar.end: must be after start (working hours end "
                            "the same day)");
}

TEST(BusinessCalendarSettings, HolidayCalendarMustExist) {
    const ConfigFile file("[business_calendar]\nholiday_calendar = \"us_compnay\"\n");
    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: business_calendar.holiday_calendar: no such calendar under "
                            "[holiday_calendars]");
}

TEST(BusinessCalendarSettings, UnknownKeySuggestsTheKnownOne) {
    const ConfigFile file("[business_calendar]\ntimezone = \"America/New_York\"\n");
    EXPECT_THAT(FirstError(file.Load()),
                HasSubstr(file.name() + ":2: business_calendar.timezone: unknown key"));
}

TEST(DraftMaxAge, BadDurationNamesTheKeyWithoutQuotingTheValue) {
    const ConfigFile file("[escalation]\ndraft_max_age = \"1.5d\"\n");
    const std::string error = FirstError(file.Load());
    EXPECT_THAT(error, HasSubstr(file.name() + ":2: escalation.draft_max_age: expected a "
                                               "duration such as 24bh"));
    EXPECT_THAT(error, ::testing::Not(HasSubstr("1.5d")));
}

TEST(DraftMaxAge, ANumberIsNotADuration) {
    const ConfigFile file("[escalation]\ndraft_max_age = 3\n");
    EXPECT_THAT(FirstError(file.Load()),
                HasSubstr(":2: escalation.draft_max_age: expected a duration as a string"));
}

}  // namespace
}  // namespace escbot::config
