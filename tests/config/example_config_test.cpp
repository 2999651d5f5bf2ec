// config/escalation-bot.example.toml: it loads, and its Concert schedule is the seed's.

#include <gtest/gtest.h>

#include "config/settings_loader.hpp"
#include "tests/config/schedule_fixtures.hpp"
#include "tests/support/paths.hpp"

namespace escbot::config {
namespace {

using test::At;
using test::kFive;
using test::kTwo;

class ExampleConfig : public ::testing::Test {
protected:
    static Settings Load() {
        const auto result =
            LoadSettings(escbot::test::SourceDir() / "config/escalation-bot.example.toml", {});
        if (!result.ok()) throw std::runtime_error(result.ErrorText());
        return result.value();
    }

    const Settings settings_ = Load();
    const Rotation& concert_ = *settings_.rotations.Find("concert_confirmation");
};

TEST_F(ExampleConfig, DefinesTheFourRotations) {
    EXPECT_EQ(settings_.rotations.Names(),
              (std::vector<std::string>{"concert_confirmation", "resolution_leads", "supervisors",
                                        "tier2"}));
}

TEST_F(ExampleConfig, HasItsDocumentedValues) {
    EXPECT_EQ(settings_.server.port, 3000);
    EXPECT_EQ(settings_.storage.path, "data/escalation-bot.sqlite3");
    EXPECT_EQ(settings_.concert.reminder_minutes, 10);
    EXPECT_EQ(settings_.concert.max_reminders, 2);
    EXPECT_EQ(settings_.concert.fallback_rotation, "supervisors");
    EXPECT_EQ(settings_.escalation.sop_file, "config/sop/escalation.toml");
    EXPECT_EQ(settings_.channels.resolution_team.front(), 'C');
}

TEST_F(ExampleConfig, ConcertScheduleFollowsTheSeed) {
    EXPECT_EQ(test::UsersAt(concert_, "2026-11-23T10:00:00-05:00"), kFive);
    EXPECT_EQ(test::UsersAt(concert_, "2026-11-23T19:00:00-05:00"), kTwo);
    EXPECT_TRUE(OnDuty(concert_, At("2026-11-23T22:00:00-05:00")).empty());
    EXPECT_EQ(test::UsersAt(concert_, "2026-11-28T12:00:00-05:00"), kTwo);
}

TEST_F(ExampleConfig, ConcertKeepsTheSeedsHoursOnHolidaysTheSeedDoesNotName) {
    EXPECT_TRUE(concert_.spec().closed_dates.empty());
    EXPECT_TRUE(concert_.spec().holidays.empty());
    EXPECT_EQ(test::UsersAt(concert_, "2026-11-26T10:00:00-05:00"), kFive);
    EXPECT_EQ(test::UsersAt(concert_, "2026-12-24T15:00:00-05:00"), kFive);
}

TEST_F(ExampleConfig, TheBusinessCalendarKeepsTheCompanyHolidays) {
    const BusinessCalendar& calendar = settings_.business_calendar;
    EXPECT_EQ(calendar.spec().time_zone, "America/New_York");
    EXPECT_EQ(calendar.spec().days, kWeekdays);
    EXPECT_EQ(calendar.spec().start, 9 * 60);
    EXPECT_EQ(calendar.spec().end, 18 * 60);
    EXPECT_FALSE(calendar.IsWorkingTime(At("2026-11-26T10:00:00-05:00")));  // Thanksgiving
    EXPECT_FALSE(calendar.IsWorkingTime(At("2026-12-25T10:00:00-05:00")));  // Christmas Day
    EXPECT_TRUE(calendar.IsWorkingTime(At("2026-12-24T10:00:00-05:00")));
    EXPECT_EQ(settings_.escalation.draft_max_age, (Duration{3, Duration::Unit::Days}));
}

TEST_F(ExampleConfig, SupervisorsCoverEveryHourTheConcertContactsDo) {
    const Rotation& supervisors = *settings_.rotations.Find("supervisors");
    const TimePoint start = At("2026-11-23T00:00:00-05:00");

    for (int quarter = 0; quarter < 7 * 24 * 4; ++quarter) {
        const TimePoint t = start + std::chrono::minutes(15 * quarter);
        if (!OnDuty(concert_, t).empty()) {
            EXPECT_FALSE(OnDuty(supervisors, t).empty()) << FormatIsoLocal(concert_, t);
        }
    }
}

}  // namespace
}  // namespace escbot::config
