#include <gtest/gtest.h>

#include "commands/reports/case_report.hpp"
#include "tests/reports/cases_fixture_data.hpp"

namespace escbot::test {
namespace {

using commands::reports::CaseReport;

const TimePoint kNow = ReportFixture::Monday10() + std::chrono::days(35);

TEST(CaseReport, FiguresOfAFixedDataSet) {
    ReportFixture f;
    AddFixedCases(f);
    CaseReport report;

    const auto attempts = f.Read(kNow, ReportFixture::Monday10(), kNow,
                                 [&](const auto& facts, const auto&, const auto*) { report.Add(facts); });
    const std::string text = report.Text("November", attempts);

    EXPECT_EQ(report.Cases(), 4);
    ASSERT_TRUE(report.ShareOfPromisesKept());
    EXPECT_DOUBLE_EQ(*report.ShareOfPromisesKept(), 2.0 / 3.0);
    EXPECT_EQ(text,
              "November\n\n"
              "Cases: 4 (escalation 4)\n"
              "Attempts without a case: not qualified 2, added to an existing case 1, installer "
              "complaints needing no case 0\n"
              "Promises kept: 2 of 3 (66.7%), 0 still running\n"
              "  escalation: 2 of 3 kept, 0 still running\n\n"
              "By outcome:\n  waited: 2\n  live_accepted: 1\n  voicemail: 1\n"
              "Accepted at tier:\n  tier2: 1\n"
              "By concern type:\n  contract: 2\n  fraud: 1\n"
              "By qualifier:\n  legal_counsel: 1\n"
              "By complaint type: none\n"
              "\nMedians in business hours from creation:\n"
              "  to claim: 1.0 (1 cases)\n"
              "  to first update: 5.5 (2 cases)\n"
              "  to resolution: 18.0 (1 cases)\n");
}

TEST(CaseReport, APromiseStillRunningIsNeitherKeptNorBroken) {
    ReportFixture f;
    AddFixedCases(f);
    CaseReport report;

    // Monday 11:00: B's 48 business hours are far from over.
    const TimePoint monday11 = ReportFixture::Monday10() + std::chrono::hours(1);
    f.Read(monday11, ReportFixture::Monday10(), monday11,
           [&](const auto& facts, const auto&, const auto*) { report.Add(facts); });

    EXPECT_NE(report.Text("t", {}).find("Promises kept: 2 of 2 (100.0%), 1 still running"), std::string::npos)
        << report.Text("t", {});
}

TEST(CaseReport, MedianOfOddAndEvenCounts) {
    std::vector<double> odd{5, 1, 3};
    std::vector<double> even{4, 1, 3, 2};
    std::vector<double> none;

    EXPECT_EQ(commands::reports::Median(odd), 3.0);
    EXPECT_EQ(commands::reports::Median(even), 2.5);
    EXPECT_FALSE(commands::reports::Median(none));
}

}  // namespace
}  // namespace escbot::test
