// [rotations.*] and [holiday_calendars.*] as read from TOML.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"
#include "tests/config/settings_test_util.hpp"

namespace escbot::config {
namespace {

using test::At;
using test::ConfigFile;
using test::FirstError;
using Ids = std::vector<std::string>;

/// Loads `text` (plus the required rotations) and returns the rotation called `name`.
const Rotation& Loaded(const SettingsResult& result, std::string_view name) {
    if (!result.ok()) throw std::runtime_error(result.ErrorText());
    const Rotation* rotation = result.value().rotations.Find(name);
    if (rotation == nullptr) throw std::runtime_error("no rotation " + std::string(name));
    return *rotation;
}

TEST(RotationToml, WindowsReadDaysHoursUsersAndGroups) {
    const ConfigFile file(R"(
[rotations.leads]
time_zone = "America/Chicago"
[[rotations.leads.windows]]
days = ["mon", "Wednesday", "weekend"]
start = "08:30"
end = "17:00"
users = ["U0LEAD1"]
groups = ["S0LEADS"]
)");
    const auto result = file.Load();

    const Rotation& leads = Loaded(result, "leads");

    EXPECT_EQ(leads.time_zone_name(), "America/Chicago");
    ASSERT_EQ(leads.spec().windows.size(), 1u);
    EXPECT_EQ(leads.spec().windows[0].days, kMonday | kWednesday | kWeekend);
    EXPECT_EQ(leads.spec().windows[0].start, 8 * 60 + 30);
    EXPECT_EQ(leads.spec().windows[0].end, 17 * 60);
    const Duty duty = OnDuty(leads, At("2026-11-23T08:30:00-06:00"));
    EXPECT_EQ(duty.users, Ids{"U0LEAD1"});
    EXPECT_EQ(duty.groups, Ids{"S0LEADS"});
}

TEST(RotationToml, TimeZoneDefaultsToNewYork) {
    const ConfigFile file("");

    EXPECT_EQ(Loaded(file.Load(), "supervisors").time_zone_name(), "America/New_York");
}

TEST(RotationToml, NativeTomlDatesAndTimesAreAccepted) {
    const ConfigFile file(R"(
[rotations.r]
[[rotations.r.windows]]
days = ["daily"]
start = 09:00:00
end = 17:00:00
users = ["U0ONE"]
[[rotations.r.holidays]]
date = 2026-11-26
)");
    const auto result = file.Load();

    const Rotation& r = Loaded(result, "r");

    EXPECT_FALSE(OnDuty(r, At("2026-11-25T09:00:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(r, At("2026-11-26T12:00:00-05:00")).empty());
}

TEST(RotationToml, SingleDigitHourIsAccepted) {
    const ConfigFile file(R"(
[rotations.r]
[[rotations.r.windows]]
days = ["daily"]
start = "9:00"
end = "17:30"
users = ["U0ONE"]
)");
    const auto result = file.Load();

    EXPECT_EQ(Loaded(result, "r").spec().windows.at(0).start, 9 * 60);
}

TEST(RotationToml, BadTimeNamesTheWindowsKey) {
    const ConfigFile file(R"([rotations.r]
[[rotations.r.windows]]
days = ["mon"]
start = "25:00"
end = "17:00"
users = ["U0ONE"]
)");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":4: rotations.r.windows[0].start: expected a local time \"HH:MM\" "
                            "between 00:00 and 24:00");
}

TEST(RotationToml, UnknownDayNameIsAnError) {
    const ConfigFile file(R"([rotations.r]
[[rotations.r.windows]]
days = ["mon", "funday"]
start = "09:00"
end = "17:00"
users = ["U0ONE"]
)");

    EXPECT_THAT(FirstError(file.Load()),
                ::testing::HasSubstr(":3: rotations.r.windows[0].days: element 1: expected mon"));
}

TEST(RotationToml, UnknownTimeZoneIsAnError) {
    const ConfigFile file("[rotations.r]\ntime_zone = \"Eastern\"\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: rotations.r.time_zone: expected an IANA time zone name such as "
                            "America/New_York");
}

TEST(RotationToml, BadUserIdNamesTheElement) {
    const ConfigFile file(R"([rotations.r]
[[rotations.r.windows]]
days = ["mon"]
start = "09:00"
end = "17:00"
users = ["U0ONE", "cassie"]
)");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() +
                  ":6: rotations.r.windows[0].users[1]: expected a Slack user id (U… or W…)");
}

TEST(RotationToml, WindowWithNobodyIsAnError) {
    const ConfigFile file(R"([rotations.r]
[[rotations.r.windows]]
days = ["mon"]
start = "09:00"
end = "17:00"
)");

    EXPECT_THAT(FirstError(file.Load()),
                ::testing::HasSubstr(
                    "rotations.r.windows[0].users: a window needs users or groups"));
}

TEST(RotationToml, TypoInAWindowKeyIsCaught) {
    const ConfigFile file(R"([rotations.r]
[[rotations.r.windows]]
days = ["mon"]
start = "09:00"
end = "17:00"
user = ["U0ONE"]
)");

    EXPECT_THAT(file.Load().ErrorText(),
                ::testing::HasSubstr(":6: rotations.r.windows[0].user: unknown key (did you mean "
                                     "users?)"));
}

TEST(RotationToml, HolidayCalendarMustExist) {
    const ConfigFile file("[rotations.r]\nholiday_calendar = \"us\"\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: rotations.r.holiday_calendar: no such calendar under "
                            "[holiday_calendars]");
}

TEST(RotationToml, HolidayCalendarAndOwnWindowsApply) {
    const ConfigFile file(R"(
[holiday_calendars.us]
dates = [2026-11-26, "2026-12-25"]

[rotations.r]
holiday_calendar = "us"
[[rotations.r.windows]]
days = ["weekdays"]
start = "09:00"
end = "18:00"
users = ["U0ONE", "U0TWO"]
[[rotations.r.holidays]]
date = 2026-12-24
name = "Christmas Eve"
windows = [{ start = "09:00", end = "13:00", users = ["U0ONE"] }]
)");
    const auto result = file.Load();

    const Rotation& r = Loaded(result, "r");

    EXPECT_TRUE(OnDuty(r, At("2026-11-26T10:00:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(r, At("2026-12-25T10:00:00-05:00")).empty());
    EXPECT_EQ(OnDuty(r, At("2026-12-24T10:00:00-05:00")).users, Ids{"U0ONE"});
    EXPECT_TRUE(OnDuty(r, At("2026-12-24T14:00:00-05:00")).empty());
}

TEST(RotationToml, OverridesReadRangesHoursAndChanges) {
    const ConfigFile file(R"(
[rotations.r]
[[rotations.r.windows]]
days = ["weekdays"]
start = "09:00"
end = "18:00"
users = ["U0ONE", "U0TWO"]
[[rotations.r.overrides]]
from = 2026-11-23
to = 2026-11-25
replace = [{ user = "U0TWO", with = "U0SIX" }]
[[rotations.r.overrides]]
date = 2026-11-24
start = "12:00"
end = "13:00"
remove = ["U0ONE"]
add = ["U0SEVEN"]
)");
    const auto result = file.Load();

    const Rotation& r = Loaded(result, "r");

    EXPECT_EQ(OnDuty(r, At("2026-11-23T10:00:00-05:00")).users, (Ids{"U0ONE", "U0SIX"}));
    EXPECT_EQ(OnDuty(r, At("2026-11-24T12:30:00-05:00")).users, (Ids{"U0SIX", "U0SEVEN"}));
    EXPECT_EQ(OnDuty(r, At("2026-11-26T10:00:00-05:00")).users, (Ids{"U0ONE", "U0TWO"}));
}

TEST(RotationToml, OverrideNeedsDates) {
    const ConfigFile file(R"([rotations.r]
[[rotations.r.overrides]]
remove = ["U0ONE"]
)");

    EXPECT_THAT(FirstError(file.Load()),
                ::testing::HasSubstr(
                    "rotations.r.overrides[0].from: expected date, or from and to"));
}

TEST(RotationToml, OverrideRangeMustNotRunBackwards) {
    const ConfigFile file(R"([rotations.r]
[[rotations.r.overrides]]
from = 2026-11-25
to = 2026-11-23
remove = ["U0ONE"]
)");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":4: rotations.r.overrides[0].to: is before from");
}

TEST(RotationToml, RotationNameMustBeTypeable) {
    const ConfigFile file("[rotations.\"Tier 2\"]\n");

    EXPECT_THAT(FirstError(file.Load()), ::testing::HasSubstr("rotations.Tier 2: a rotation name"));
}

}  // namespace
}  // namespace escbot::config
