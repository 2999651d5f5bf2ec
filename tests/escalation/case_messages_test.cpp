#include "commands/escalation/views/case_messages.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/text.hpp"
#include "commands/escalation/flow/case_summary.hpp"
#include "commands/escalation/views/case_summary_message.hpp"
#include "tests/escalation/view_test_util.hpp"
#include "tests/escalation_views/view_fixtures.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using test::LongHostile;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const TimePoint kT = FromUnix(1'795'446'000);

TEST(CaseMessages, ThreadRepliesFitAndEscapeUserText) {
    InteractionAdded added{
        "U0AGENT002", LongHostile(3000), true, {"Slander", "Fraudulent claims"}, "Homeowner"};
    for (const auto& message :
         {ClaimedReply("U0LEAD00001"), UpdateReply("U0LEAD00001", LongHostile(5000)),
          ResolvedReply("U0LEAD00001", LongHostile(5000)), InteractionAddedReply(added),
          FollowUpReminderReply("<!subteam^S0LEADS0001> <@U0LEAD00001>", kT,
                                test::NewYorkCalendar())}) {
        EXPECT_THAT(test::MessageProblems(message), IsEmpty()) << message.dump();
        EXPECT_TRUE(test::NoLiveInjection(message)) << message.dump();
    }
}

TEST(CaseMessages, LongUpdateIsCutWithAVisibleMarker) {
    const auto message = UpdateReply("U0LEAD00001", std::string(5000, 'a'));

    EXPECT_THAT(message.dump(), HasSubstr(std::string(block_kit::kCutMarker)));
}

TEST(CaseMessages, AgentDmCarriesTheWholePlainTextSummaryInPlainTextBlocks) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    meta.escalated_by = "U0AGENT001";
    meta.escalated_at = kT;
    meta.follow_up_due = kT + std::chrono::hours(24);
    const auto summary = flow::MakeCaseSummary(sop, test::PlausibleAnswers(sop), meta);
    const std::string plain = CaseSummaryPlainText(summary, test::NewYorkCalendar());

    const auto message = AgentCaseCreatedMessage("ESC-9", "C0RESOLUTN1", meta.follow_up_due, plain,
                                                 test::NewYorkCalendar());

    EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    std::string joined;
    for (const auto& block : message["blocks"]) {
        if (block["text"]["type"] == "plain_text")
            joined += block["text"]["text"].get<std::string>();
    }
    EXPECT_EQ(joined, plain);
    EXPECT_THAT(message.dump(), HasSubstr("<#C0RESOLUTN1>"));
}

TEST(CaseMessages, AgentDmOfAHugeSummaryIsCutWithANote) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    const auto summary = flow::MakeCaseSummary(sop, test::MaximalAnswers(sop), meta);
    std::string plain = CaseSummaryPlainText(summary, test::NewYorkCalendar());
    while (block_kit::CountChars(plain) < 200'000) plain += plain;

    const auto message = AgentCaseCreatedMessage("ESC-9", "C0RESOLUTN1", std::nullopt, plain,
                                                 test::NewYorkCalendar());

    EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    EXPECT_THAT(message.dump(), HasSubstr("longer than one message"));
}

TEST(CaseMessages, PermalinkMessageShowsTheLink) {
    const auto message = AgentPermalinkMessage(
        "ESC-9", "https://acme.slack.com/archives/C1/p1700000000000100?thread_ts=1.2&cid=C1");

    EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    EXPECT_THAT(message.dump(), HasSubstr("https://acme.slack.com/archives/C1/p1700000000000100"));
}

TEST(CaseMessages, ResolvedSummaryShowsTheResolutionInsteadOfTheButtons) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    meta.escalated_by = "U0AGENT001";
    meta.escalated_at = kT;
    meta.status = "Resolved";
    meta.resolved = true;
    meta.resolved_by = "U0LEAD00001";
    meta.resolved_at = kT + std::chrono::hours(3);
    meta.resolution_note = LongHostile(5000);
    meta.last_update_at = kT + std::chrono::hours(3);
    meta.note = "Live transfer: voicemail.";

    const auto message = CaseSummaryMessage(
        flow::MakeCaseSummary(sop, test::MaximalAnswers(sop), meta), test::NewYorkCalendar());

    EXPECT_THAT(test::UpdateProblems(message), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(message));
    EXPECT_THAT(message.dump(), Not(HasSubstr("case_claim")));
    EXPECT_THAT(message.dump(), HasSubstr("Resolved* by <@U0LEAD00001>"));
    EXPECT_THAT(message.dump(), HasSubstr("Live transfer: voicemail."));
}

}  // namespace
}  // namespace escbot::commands::escalation::views
