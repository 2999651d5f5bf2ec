#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"

namespace escbot::config {
namespace {

using test::At;

class TimeText : public ::testing::Test {
protected:
    const Rotation concert_{test::ConcertSpec()};
};

TEST_F(TimeText, IsoLocalShowsTheEasternOffsetInWinter) {
    EXPECT_EQ(FormatIsoLocal(concert_, At("2026-11-23T23:00:00Z")), "2026-11-23T18:00:00-05:00");
}

TEST_F(TimeText, IsoLocalShowsTheEasternOffsetInSummer) {
    EXPECT_EQ(FormatIsoLocal(concert_, At("2026-07-01T13:00:00Z")), "2026-07-01T09:00:00-04:00");
}

TEST_F(TimeText, ClockTimeIsTwelveHourWithTheZoneAbbreviation) {
    EXPECT_EQ(FormatClockTime(concert_, At("2026-11-23T18:00:00-05:00")), "6:00 PM EST");
    EXPECT_EQ(FormatClockTime(concert_, At("2026-07-01T09:30:00-04:00")), "9:30 AM EDT");
}

TEST_F(TimeText, DayAndTimeNamesTheWeekdayAndDate) {
    EXPECT_EQ(FormatDayAndTime(concert_, At("2026-11-24T09:00:00-05:00")),
              "Tue Nov 24, 9:00 AM EST");
}

TEST(ParseIsoInstant, AcceptsANegativeOffset) {
    EXPECT_EQ(ParseIsoInstant("2026-11-23T22:00:00-05:00"), FromUnix(1795489200));
}

TEST(ParseIsoInstant, AcceptsZuluAsTheSameInstant) {
    EXPECT_EQ(ParseIsoInstant("2026-11-24T03:00:00Z"),
              ParseIsoInstant("2026-11-23T22:00:00-05:00"));
}

TEST(ParseIsoInstant, AcceptsACompactOffsetAndMissingSeconds) {
    EXPECT_EQ(ParseIsoInstant("2026-11-24T08:30+0530"), ParseIsoInstant("2026-11-24T03:00:00Z"));
}

TEST(ParseIsoInstant, RejectsALocalTimeWithoutAnOffset) {
    EXPECT_FALSE(ParseIsoInstant("2026-11-23T22:00:00").has_value());
}

TEST(ParseIsoInstant, RejectsImpossibleDatesAndTimes) {
    EXPECT_FALSE(ParseIsoInstant("2026-02-30T10:00:00Z").has_value());
    EXPECT_FALSE(ParseIsoInstant("2026-11-23T24:00:00Z").has_value());
    EXPECT_FALSE(ParseIsoInstant("2026-11-23T10:60:00Z").has_value());
}

TEST(ParseIsoInstant, RejectsTrailingTextAndGarbage) {
    EXPECT_FALSE(ParseIsoInstant("2026-11-23T22:00:00Zx").has_value());
    EXPECT_FALSE(ParseIsoInstant("tomorrow").has_value());
    EXPECT_FALSE(ParseIsoInstant("").has_value());
}

}  // namespace
}  // namespace escbot::config
