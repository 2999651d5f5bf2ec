#include "commands/concert/on_duty_time.hpp"

#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"

namespace escbot::commands::concert {
namespace {

using config::test::At;
using config::test::ConcertSpec;
using namespace std::chrono_literals;

class AfterOnDutyTimeTest : public ::testing::Test {
protected:
    std::optional<TimePoint> After(std::string_view from, Seconds d) {
        return AfterOnDutyTime(concert_, At(from), d);
    }

    config::Rotation concert_{ConcertSpec()};
};

TEST_F(AfterOnDutyTimeTest, InsideAWindowItIsPlainAddition) {
    EXPECT_EQ(After("2026-11-23T10:00:00-05:00", 10min), At("2026-11-23T10:10:00-05:00"));
}

TEST_F(AfterOnDutyTimeTest, AHandOffBetweenBackToBackWindowsDoesNotStopTheClock) {
    // 17:55 day shift -> 18:00 evening shift (other people, still someone on duty).
    EXPECT_EQ(After("2026-11-23T17:55:00-05:00", 10min), At("2026-11-23T18:05:00-05:00"));
}

TEST_F(AfterOnDutyTimeTest, TimeWithNobodyOnDutyDoesNotCount) {
    // 5 minutes before 21:00, the other 5 after 09:00 the next morning.
    EXPECT_EQ(After("2026-11-23T20:55:00-05:00", 10min), At("2026-11-24T09:05:00-05:00"));
}

TEST_F(AfterOnDutyTimeTest, StartingAtNightCountsFromTheNextWindow) {
    EXPECT_EQ(After("2026-11-23T22:00:00-05:00", 10min), At("2026-11-24T09:10:00-05:00"));
}

TEST_F(AfterOnDutyTimeTest, EndingExactlyAtAWindowsEndMovesToTheNextOpening) {
    // At 21:00 nobody is on duty any more, so the deadline is the next opening.
    EXPECT_EQ(After("2026-11-23T20:50:00-05:00", 10min), At("2026-11-24T09:00:00-05:00"));
}

TEST_F(AfterOnDutyTimeTest, FridayEveningContinuesOnSaturdayMorning) {
    EXPECT_EQ(After("2026-11-27T20:58:00-05:00", 10min), At("2026-11-28T09:08:00-05:00"));
}

TEST_F(AfterOnDutyTimeTest, CountsAcrossTheAutumnDaylightSavingChange) {
    // Saturday 2026-10-31 20:55 EDT; Sunday 2026-11-01 09:05 is EST.
    EXPECT_EQ(After("2026-10-31T20:55:00-04:00", 10min), At("2026-11-01T09:05:00-05:00"));
}

TEST(AfterOnDutyTime, ARotationThatIsNeverOnDutyAgainHasNoDeadline) {
    // Its only window falls on dates that are all holidays without windows.
    config::RotationSpec spec;
    spec.name = "closed";
    spec.windows = {
        config::test::Shift(config::kMonday, config::test::Hm(9), config::test::Hm(10), {"U1"})};
    spec.holidays.push_back(
        {{config::test::Ymd(2026, 1, 1), config::test::Ymd(2028, 12, 31)}, "closed", {}});
    const config::Rotation rotation(std::move(spec));

    EXPECT_EQ(AfterOnDutyTime(rotation, At("2026-11-23T08:00:00-05:00"), 10min), std::nullopt);
}

}  // namespace
}  // namespace escbot::commands::concert
