// Times people read are in the business calendar's zone with its abbreviation, never UTC.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/escalation/flow/case_summary.hpp"
#include "commands/escalation/views/case_summary_message.hpp"
#include "commands/escalation/views/format.hpp"
#include "config/time_text.hpp"
#include "tests/escalation_views/view_fixtures.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TimePoint At(std::string_view iso) { return *config::ParseIsoInstant(iso); }

const config::BusinessCalendar& Pacific() {
    static const config::BusinessCalendar calendar(
        config::BusinessCalendarSpec{.time_zone = "America/Los_Angeles"});
    return calendar;
}

TEST(TimeFormat, PeopleTextIsEasternStandardInWinter) {
    EXPECT_EQ(PeopleText(At("2026-12-07T14:05:00Z"), test::NewYorkCalendar()),
              "Mon Dec 7, 2026 9:05 AM EST");
}

TEST(TimeFormat, PeopleTextIsEasternDaylightInSummer) {
    EXPECT_EQ(PeopleText(At("2026-07-01T17:30:00Z"), test::NewYorkCalendar()),
              "Wed Jul 1, 2026 1:30 PM EDT");
}

TEST(TimeFormat, SlackDateFallsBackToTheCalendarsZone) {
    EXPECT_EQ(SlackDate(At("2026-12-07T14:05:00Z"), test::NewYorkCalendar()),
              "<!date^1796652300^{date_short_pretty} at {time}|Mon Dec 7, 2026 9:05 AM EST>");
    EXPECT_THAT(SlackDate(At("2026-07-01T17:30:00Z"), test::NewYorkCalendar()),
                HasSubstr("|Wed Jul 1, 2026 1:30 PM EDT>"));
}

TEST(TimeFormat, SlackTimeIsToTheSecondWithTheAbbreviation) {
    EXPECT_EQ(SlackTime(At("2026-11-23T15:00:30Z"), test::NewYorkCalendar()),
              "<!date^1795446030^{time_secs}|10:00:30 AM EST>");
    EXPECT_EQ(TimeOfDayText(At("2026-06-01T16:00:05Z"), test::NewYorkCalendar()),
              "12:00:05 PM EDT");
}

TEST(TimeFormat, FollowsTheConfiguredZone) {
    EXPECT_EQ(PeopleText(At("2026-12-07T14:05:00Z"), Pacific()), "Mon Dec 7, 2026 6:05 AM PST");
}

TEST(TimeFormat, TheCrmTextAndTheSummaryShowTheZoneNotUtc) {
    const auto& sop = test::ShippedSop();
    const flow::CaseMeta meta{
        "42", "U0AGENT1", At("2026-07-01T17:30:00Z"), At("2026-12-07T14:05:00Z"), "", "Open"};
    const flow::CaseSummary summary = flow::MakeCaseSummary(sop, test::PlausibleAnswers(sop), meta);

    const std::string crm = CaseSummaryPlainText(summary, test::NewYorkCalendar());
    EXPECT_THAT(crm, HasSubstr("Wed Jul 1, 2026 1:30 PM EDT"));
    EXPECT_THAT(crm, HasSubstr("Follow-up due: Mon Dec 7, 2026 9:05 AM EST"));
    EXPECT_THAT(crm, Not(HasSubstr("UTC")));

    const std::string message = CaseSummaryMessage(summary, Pacific()).dump();
    EXPECT_THAT(message, HasSubstr("|Wed Jul 1, 2026 10:30 AM PDT>"));
    EXPECT_THAT(message, HasSubstr("(follow-up due Mon Dec 7, 2026 6:05 AM PST)"));
    EXPECT_THAT(message, Not(HasSubstr("UTC")));
}

}  // namespace
}  // namespace escbot::commands::escalation::views
