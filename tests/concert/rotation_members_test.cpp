#include "commands/concert/rotation_members.hpp"

#include <gtest/gtest.h>

#include "tests/config/schedule_fixtures.hpp"

namespace escbot::commands::concert {
namespace {

using namespace config::test;

config::Rotation WithExtras() {
    config::RotationSpec spec = ConcertSpec();
    spec.windows.push_back(Shift(config::kSaturday, Hm(9), Hm(12), {}, {"S0GROUP001"}));
    spec.holidays.push_back(
        {On(2026, 12, 24), "Christmas Eve", {Shift(0, Hm(9), Hm(13), {"U0HOLIDAY1"})}});
    config::Override pto;
    pto.dates = On(2026, 12, 15);
    pto.replace = {{"U0CONCERT3", "U0COVER001"}};
    pto.add = {"U0EXTRA001"};
    pto.remove = {"U0CONCERT4"};
    spec.overrides.push_back(pto);
    return config::Rotation(std::move(spec));
}

TEST(IsRotationMember, EveryoneInAnyWeeklyWindowIsAMember) {
    const auto rotation = WithExtras();

    EXPECT_TRUE(IsRotationMember(rotation, "U0CONCERT1"));
    EXPECT_TRUE(IsRotationMember(rotation, "U0CONCERT5"));
}

TEST(IsRotationMember, HolidayWindowsAndOverridesBringTheirPeopleIn) {
    const auto rotation = WithExtras();

    EXPECT_TRUE(IsRotationMember(rotation, "U0HOLIDAY1"));
    EXPECT_TRUE(IsRotationMember(rotation, "U0COVER001"));
    EXPECT_TRUE(IsRotationMember(rotation, "U0EXTRA001"));
}

TEST(IsRotationMember, SomeoneRemovedForADayIsStillAMember) {
    EXPECT_TRUE(IsRotationMember(WithExtras(), "U0CONCERT4"));
}

TEST(IsRotationMember, StrangersGroupIdsAndEmptyIdsAreNot) {
    const auto rotation = WithExtras();

    EXPECT_FALSE(IsRotationMember(rotation, "U0AGENT001"));
    EXPECT_FALSE(IsRotationMember(rotation, "S0GROUP001"));
    EXPECT_FALSE(IsRotationMember(rotation, ""));
}

}  // namespace
}  // namespace escbot::commands::concert
