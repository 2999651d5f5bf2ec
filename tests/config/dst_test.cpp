// Windows across the 2026 US daylight saving changes (America/New_York):
//  - 2026-03-08 02:00 EST jumps to 03:00 EDT at 07:00Z: 02:00-02:59 local does not exist;
//  - 2026-11-01 02:00 EDT falls back to 01:00 EST at 06:00Z: 01:00-01:59 local happens twice.
// Rule under test: an edge in the skipped hour takes effect when the clocks jump; an edge in
// the repeated hour takes effect at its first occurrence.

#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"

namespace escbot::config {
namespace {

using test::At;
using test::Hm;

bool OnAt(const Rotation& rotation, std::string_view iso) {
    return !OnDuty(rotation, At(iso)).empty();
}

std::string NextChangeAt(const Rotation& rotation, std::string_view iso) {
    const auto change = NextChange(rotation, At(iso));
    return change ? FormatIsoLocal(rotation, change->at) : "none";
}

TEST(SpringForward, OvernightWindowAcrossTheJumpIsOneHourShorter) {
    const Rotation night = test::SingleWindow(kSaturday, Hm(22), Hm(6));  // Sat 22:00 EST

    EXPECT_FALSE(OnAt(night, "2026-03-08T02:59:59Z"));
    EXPECT_TRUE(OnAt(night, "2026-03-08T03:00:00Z"));
    EXPECT_TRUE(OnAt(night, "2026-03-08T06:59:59Z"));  // 01:59:59 EST
    EXPECT_TRUE(OnAt(night, "2026-03-08T07:00:00Z"));  // 03:00:00 EDT
    EXPECT_TRUE(OnAt(night, "2026-03-08T09:59:59Z"));
    EXPECT_FALSE(OnAt(night, "2026-03-08T10:00:00Z"));  // 06:00 EDT: 7 real hours
    EXPECT_EQ(NextChangeAt(night, "2026-03-08T03:00:00Z"), "2026-03-08T06:00:00-04:00");
}

TEST(SpringForward, StartInTheSkippedHourTakesEffectWhenTheClocksJump) {
    const Rotation early = test::SingleWindow(kEveryDay, Hm(2, 30), Hm(4));

    EXPECT_FALSE(OnAt(early, "2026-03-08T06:59:59Z"));
    EXPECT_TRUE(OnAt(early, "2026-03-08T07:00:00Z"));
    EXPECT_EQ(NextChangeAt(early, "2026-03-08T06:00:00Z"), "2026-03-08T03:00:00-04:00");
    EXPECT_FALSE(OnAt(early, "2026-03-08T08:00:00Z"));  // 04:00 EDT
}

TEST(SpringForward, EndInTheSkippedHourTakesEffectWhenTheClocksJump) {
    const Rotation late = test::SingleWindow(kEveryDay, Hm(0), Hm(2, 30));

    EXPECT_TRUE(OnAt(late, "2026-03-08T06:59:59Z"));
    EXPECT_FALSE(OnAt(late, "2026-03-08T07:00:00Z"));
}

TEST(SpringForward, ConcertOpensAtNineLocalOnEachSideOfTheChange) {
    const Rotation concert{test::ConcertSpec()};

    EXPECT_FALSE(OnAt(concert, "2026-03-06T13:59:59Z"));  // Fri 08:59:59 EST
    EXPECT_TRUE(OnAt(concert, "2026-03-06T14:00:00Z"));   // Fri 09:00 EST
    EXPECT_FALSE(OnAt(concert, "2026-03-08T12:59:59Z"));  // Sun 08:59:59 EDT
    EXPECT_TRUE(OnAt(concert, "2026-03-08T13:00:00Z"));   // Sun 09:00 EDT
    EXPECT_TRUE(OnAt(concert, "2026-03-09T13:00:00Z"));   // Mon 09:00 EDT
}

TEST(SpringForward, NextChangeAcrossTheShortNightIsNineLocalEdt) {
    const Rotation concert{test::ConcertSpec()};

    EXPECT_EQ(NextChangeAt(concert, "2026-03-07T21:00:00-05:00"), "2026-03-08T09:00:00-04:00");
}

TEST(FallBack, OvernightWindowAcrossTheRepeatedHourIsOneHourLonger) {
    const Rotation night = test::SingleWindow(kSaturday, Hm(22), Hm(6));  // Sat 22:00 EDT

    EXPECT_FALSE(OnAt(night, "2026-11-01T01:59:59Z"));
    EXPECT_TRUE(OnAt(night, "2026-11-01T02:00:00Z"));
    EXPECT_TRUE(OnAt(night, "2026-11-01T05:30:00Z"));  // 01:30 EDT
    EXPECT_TRUE(OnAt(night, "2026-11-01T06:30:00Z"));  // 01:30 EST
    EXPECT_TRUE(OnAt(night, "2026-11-01T10:59:59Z"));
    EXPECT_FALSE(OnAt(night, "2026-11-01T11:00:00Z"));  // 06:00 EST: 9 real hours
    EXPECT_EQ(NextChangeAt(night, "2026-11-01T02:00:00Z"), "2026-11-01T06:00:00-05:00");
}

TEST(FallBack, StartInTheRepeatedHourTakesItsFirstOccurrence) {
    const Rotation early = test::SingleWindow(kEveryDay, Hm(1, 30), Hm(3));

    EXPECT_FALSE(OnAt(early, "2026-11-01T05:29:59Z"));
    EXPECT_TRUE(OnAt(early, "2026-11-01T05:30:00Z"));  // 01:30 EDT
    EXPECT_TRUE(OnAt(early, "2026-11-01T06:30:00Z"));  // 01:30 EST, still inside
    EXPECT_TRUE(OnAt(early, "2026-11-01T07:59:59Z"));
    EXPECT_FALSE(OnAt(early, "2026-11-01T08:00:00Z"));  // 03:00 EST
}

TEST(FallBack, EndInTheRepeatedHourTakesItsFirstOccurrence) {
    const Rotation late = test::SingleWindow(kEveryDay, Hm(0), Hm(1, 30));

    EXPECT_TRUE(OnAt(late, "2026-11-01T05:29:59Z"));
    EXPECT_FALSE(OnAt(late, "2026-11-01T05:30:00Z"));  // 01:30 EDT
    EXPECT_FALSE(OnAt(late, "2026-11-01T06:00:00Z"));  // 01:00 EST, the hour again
}

TEST(FallBack, BackToBackWindowsHandOverOnceInTheRepeatedHour) {
    RotationSpec spec;
    spec.name = "pair";
    spec.windows = {test::Shift(kEveryDay, Hm(0), Hm(1, 30), {"U0EARLY"}),
                    test::Shift(kEveryDay, Hm(1, 30), Hm(6), {"U0LATE"})};
    const Rotation pair(std::move(spec));

    EXPECT_EQ(test::UsersAt(pair, "2026-11-01T05:29:59Z"), std::vector<std::string>{"U0EARLY"});
    EXPECT_EQ(test::UsersAt(pair, "2026-11-01T05:30:00Z"), std::vector<std::string>{"U0LATE"});
    EXPECT_EQ(test::UsersAt(pair, "2026-11-01T06:30:00Z"), std::vector<std::string>{"U0LATE"});
}

TEST(FallBack, ConcertOpensAtNineLocalOnEachSideOfTheChange) {
    const Rotation concert{test::ConcertSpec()};

    EXPECT_TRUE(OnAt(concert, "2026-10-30T13:00:00Z"));   // Fri 09:00 EDT
    EXPECT_FALSE(OnAt(concert, "2026-11-01T13:59:59Z"));  // Sun 08:59:59 EST
    EXPECT_TRUE(OnAt(concert, "2026-11-01T14:00:00Z"));   // Sun 09:00 EST
    EXPECT_FALSE(OnAt(concert, "2026-11-02T13:59:59Z"));  // Mon 08:59:59 EST
    EXPECT_TRUE(OnAt(concert, "2026-11-02T14:00:00Z"));   // Mon 09:00 EST
}

TEST(FallBack, NextChangeAcrossTheLongNightIsNineLocalEst) {
    const Rotation concert{test::ConcertSpec()};

    EXPECT_EQ(NextChangeAt(concert, "2026-10-31T21:00:00-04:00"), "2026-11-01T09:00:00-05:00");
}

}  // namespace
}  // namespace escbot::config
