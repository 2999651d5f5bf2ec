// RunOncall: the admin's `escalation-bot oncall` output, line for line.

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/oncall/oncall_report.hpp"
#include "tests/oncall/oncall_fixture.hpp"

namespace escbot::commands::oncall {
namespace {

using ::testing::HasSubstr;

struct Output {
    int code = -1;
    std::string out;
    std::string err;
};

class OncallReport : public ::testing::Test {
protected:
    Output Oncall(OncallArgs args) const {
        std::ostringstream out, err;
        Output run;
        run.code = RunOncall(*settings_, args, clock_, out, err);
        run.out = out.str();
        run.err = err.str();
        return run;
    }

    const std::shared_ptr<const config::Settings> settings_ = test::ExampleSettings();
    ManualClock clock_{test::At("2026-11-28T12:00:00-05:00")};  // a Saturday noon
};

TEST_F(OncallReport, PrintsWhoIsOnDutyThenTheNextChange) {
    const Output run = Oncall({.at = "2026-11-23T17:00:00-05:00"});

    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.out,
              "U0CONCERT1\nU0CONCERT2\nU0CONCERT3\nU0CONCERT4\nU0CONCERT5\n"
              "next: 2026-11-23T18:00:00-05:00 off: U0CONCERT3 U0CONCERT4 U0CONCERT5\n");
    EXPECT_EQ(run.err, "");
}

TEST_F(OncallReport, AtInUtcIsTheSameInstantShownInTheRotationsZone) {
    const Output run = Oncall({.at = "2026-11-24T03:00:00Z"});  // Monday 22:00 EST

    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.out,
              "next: 2026-11-24T09:00:00-05:00 on: U0CONCERT1 U0CONCERT2 U0CONCERT3 U0CONCERT4 "
              "U0CONCERT5\n");
}

TEST_F(OncallReport, WithoutAtUsesTheClock) {
    const Output run = Oncall({});

    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.out, "U0CONCERT1\nU0CONCERT2\nnext: 2026-11-28T21:00:00-05:00 off: U0CONCERT1 "
                       "U0CONCERT2\n");
}

TEST_F(OncallReport, OtherRotationsListGroupsAfterUsers) {
    const Output run = Oncall({.rotation = "resolution_leads", .at = "2026-11-23T10:00:00-05:00"});

    EXPECT_EQ(run.code, 0);
    EXPECT_EQ(run.out, "U0LEAD00001\nU0LEAD00002\nS0LEADS0001\n"
                       "next: 2026-11-23T18:00:00-05:00 off: U0LEAD00001 U0LEAD00002 "
                       "S0LEADS0001\n");
}

TEST_F(OncallReport, WeekListsEveryHandOffOfTheComingSevenDays) {
    const Output run = Oncall({.at = "2026-11-23T00:00:00-05:00", .week = true});

    EXPECT_EQ(run.code, 0);
    std::vector<std::string> lines;
    std::istringstream in(run.out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    // Mon-Fri: 09:00, 18:00, 21:00 (Thanksgiving too: the seed names no holiday for Concert);
    // Sat, Sun: 09:00, 21:00.
    ASSERT_EQ(lines.size(), 5u * 3 + 2u * 2);
    EXPECT_EQ(lines[0], "2026-11-23T09:00:00-05:00 on: U0CONCERT1 U0CONCERT2 U0CONCERT3 "
                        "U0CONCERT4 U0CONCERT5");
    EXPECT_EQ(lines[1], "2026-11-23T18:00:00-05:00 off: U0CONCERT3 U0CONCERT4 U0CONCERT5");
    EXPECT_EQ(lines[2], "2026-11-23T21:00:00-05:00 off: U0CONCERT1 U0CONCERT2");
    EXPECT_EQ(lines[9], "2026-11-26T09:00:00-05:00 on: U0CONCERT1 U0CONCERT2 U0CONCERT3 "
                        "U0CONCERT4 U0CONCERT5");
    EXPECT_EQ(lines[12], "2026-11-27T09:00:00-05:00 on: U0CONCERT1 U0CONCERT2 U0CONCERT3 "
                         "U0CONCERT4 U0CONCERT5");
    EXPECT_EQ(lines.back(), "2026-11-29T21:00:00-05:00 off: U0CONCERT1 U0CONCERT2");
}

TEST_F(OncallReport, BadTimeIsAUsageError) {
    const Output run = Oncall({.at = "2026-11-23 22:00"});

    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_THAT(run.err, HasSubstr("--at: expected an ISO-8601 instant with an offset or Z"));
}

TEST_F(OncallReport, TimeWithoutOffsetIsAUsageError) {
    const Output run = Oncall({.at = "2026-11-23T22:00:00"});

    EXPECT_EQ(run.code, 2);
    EXPECT_THAT(run.err, HasSubstr("--at"));
}

TEST_F(OncallReport, UnknownRotationIsAUsageErrorThatListsTheRotations) {
    OncallArgs args;
    args.rotation = "concert";

    const Output run = Oncall(args);

    EXPECT_EQ(run.code, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "oncall: unknown rotation \"concert\"; configured rotations: "
                       "concert_confirmation, resolution_leads, supervisors, tier2\n");
}

}  // namespace
}  // namespace escbot::commands::oncall
