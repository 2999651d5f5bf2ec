// OnDuty at the edges of the seed's Concert windows, on weekends and across midnight.

#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"

namespace escbot::config {
namespace {

using test::At;
using test::Hm;
using test::kFive;
using test::kTwo;
using test::UsersAt;

class ConcertWindows : public ::testing::Test {
protected:
    const Rotation concert_{test::ConcertSpec()};
};

TEST_F(ConcertWindows, DayWindowOpensAtNineSharp) {
    EXPECT_EQ(UsersAt(concert_, "2026-11-23T09:00:00-05:00"), kFive);
}

TEST_F(ConcertWindows, NobodyIsOnDutyOneSecondBeforeNine) {
    EXPECT_TRUE(OnDuty(concert_, At("2026-11-23T08:59:59-05:00")).empty());
}

TEST_F(ConcertWindows, DayWindowStillHoldsTheFiveAtOneSecondBeforeSix) {
    EXPECT_EQ(UsersAt(concert_, "2026-11-23T17:59:59-05:00"), kFive);
}

TEST_F(ConcertWindows, AtSixTheDayWindowHasEndedAndTheEveningPairIsOn) {
    EXPECT_EQ(UsersAt(concert_, "2026-11-23T18:00:00-05:00"), kTwo);
}

TEST_F(ConcertWindows, EveningPairIsOnUntilOneSecondBeforeNine) {
    EXPECT_EQ(UsersAt(concert_, "2026-11-23T20:59:59-05:00"), kTwo);
}

TEST_F(ConcertWindows, NobodyIsOnDutyFromNinePmOnAWeekday) {
    EXPECT_TRUE(OnDuty(concert_, At("2026-11-23T21:00:00-05:00")).empty());
}

TEST_F(ConcertWindows, NobodyIsOnDutyOnAWeekdayNight) {
    EXPECT_TRUE(OnDuty(concert_, At("2026-11-24T03:00:00-05:00")).empty());
}

TEST_F(ConcertWindows, SaturdayHasThePairFromNineToNine) {
    EXPECT_TRUE(OnDuty(concert_, At("2026-11-28T08:59:59-05:00")).empty());
    EXPECT_EQ(UsersAt(concert_, "2026-11-28T09:00:00-05:00"), kTwo);
    EXPECT_EQ(UsersAt(concert_, "2026-11-28T20:59:59-05:00"), kTwo);
    EXPECT_TRUE(OnDuty(concert_, At("2026-11-28T21:00:00-05:00")).empty());
}

TEST_F(ConcertWindows, SundayMiddayHasThePairNotTheFive) {
    EXPECT_EQ(UsersAt(concert_, "2026-11-29T12:00:00-05:00"), kTwo);
}

TEST_F(ConcertWindows, AnInstantGivenInUtcIsReadInEasternTime) {
    // 2026-11-23T23:30Z is 18:30 EST: the evening pair.
    EXPECT_EQ(UsersAt(concert_, "2026-11-23T23:30:00Z"), kTwo);
}

TEST(MidnightWindow, FridayLateWindowRunsIntoSaturdayAndBelongsToFriday) {
    const Rotation late = test::SingleWindow(kFriday, Hm(22), Hm(2));

    EXPECT_TRUE(OnDuty(late, At("2026-11-27T21:59:59-05:00")).empty());
    EXPECT_FALSE(OnDuty(late, At("2026-11-27T22:00:00-05:00")).empty());
    EXPECT_FALSE(OnDuty(late, At("2026-11-28T01:59:59-05:00")).empty());
    EXPECT_TRUE(OnDuty(late, At("2026-11-28T02:00:00-05:00")).empty());
}

TEST(MidnightWindow, SaturdayHasNoLateWindowOfItsOwn) {
    const Rotation late = test::SingleWindow(kFriday, Hm(22), Hm(2));

    EXPECT_TRUE(OnDuty(late, At("2026-11-28T23:00:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(late, At("2026-11-27T01:00:00-05:00")).empty());  // Thursday's night
}

TEST(MidnightWindow, SundayNightWindowRunsIntoMonday) {
    const Rotation late = test::SingleWindow(kSunday, Hm(22), Hm(2));

    EXPECT_FALSE(OnDuty(late, At("2026-11-30T01:30:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(late, At("2026-12-01T01:30:00-05:00")).empty());
}

TEST(MidnightWindow, SaturdayNightWindowRunsIntoSunday) {
    const Rotation late = test::SingleWindow(kSaturday, Hm(23), Hm(1));

    EXPECT_FALSE(OnDuty(late, At("2026-11-29T00:30:00-05:00")).empty());
    EXPECT_TRUE(OnDuty(late, At("2026-11-29T01:00:00-05:00")).empty());
}

TEST(MidnightWindow, WindowEndingAtTwentyFourHundredEndsAtMidnight) {
    const Rotation evening = test::SingleWindow(kMonday, Hm(20), Hm(24));

    EXPECT_FALSE(OnDuty(evening, At("2026-11-23T23:59:59-05:00")).empty());
    EXPECT_TRUE(OnDuty(evening, At("2026-11-24T00:00:00-05:00")).empty());
}

TEST(WindowPeople, GroupsAreOnDutyAlongsideUsersWithoutDuplicates) {
    RotationSpec spec;
    spec.name = "leads";
    spec.windows = {test::Shift(kWeekdays, Hm(9), Hm(18), {"U0LEAD1", "U0LEAD2"}, {"S0LEADS"}),
                    test::Shift(kMonday, Hm(12), Hm(13), {"U0LEAD2", "U0LEAD3"})};
    const Rotation leads(std::move(spec));

    const Duty duty = OnDuty(leads, At("2026-11-23T12:30:00-05:00"));

    EXPECT_EQ(duty.users, (std::vector<std::string>{"U0LEAD1", "U0LEAD2", "U0LEAD3"}));
    EXPECT_EQ(duty.groups, (std::vector<std::string>{"S0LEADS"}));
}

TEST(RotationRules, UnknownTimeZoneIsRejected) {
    RotationSpec spec = test::ConcertSpec();
    spec.time_zone = "America/Nowhere";

    EXPECT_THROW(Rotation{spec}, std::invalid_argument);
}

TEST(RotationRules, WindowWithEqualStartAndEndIsRejected) {
    EXPECT_THROW(test::SingleWindow(kMonday, Hm(9), Hm(9)), std::invalid_argument);
}

TEST(RotationRules, WindowWithoutDaysIsRejected) {
    EXPECT_THROW(test::SingleWindow(0, Hm(9), Hm(10)), std::invalid_argument);
}

}  // namespace
}  // namespace escbot::config
