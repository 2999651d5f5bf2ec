#include "commands/escalation/views/case_messages.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/text.hpp"
#include "commands/escalation/flow/case_summary.hpp"
#include "commands/escalation/views/case_modals.hpp"
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
          ReassignedReply("U0LEAD00001", "U0LEAD00002", "U0LEAD00003", LongHostile(5000)),
          DueSoonReply("<@U0LEAD00001>", kT, test::NewYorkCalendar()),
          OverdueReply("<!subteam^S0LEADS0001> <@U0LEAD00001>", kT, test::NewYorkCalendar()),
          StillOverdueReply("<!subteam^S0LEADS0001> <@U0LEAD00001>", kT,
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

    const auto messages = AgentCaseCreatedMessages("ESC-9", "C0RESOLUTN1", meta.follow_up_due,
                                                   plain, test::NewYorkCalendar());

    ASSERT_EQ(messages.size(), 1u);
    const auto& message = messages[0];
    EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    std::string joined;
    for (const auto& block : message["blocks"]) {
        if (block["text"]["type"] == "plain_text")
            joined += block["text"]["text"].get<std::string>();
    }
    EXPECT_EQ(joined, plain);
    EXPECT_THAT(message.dump(), HasSubstr("<#C0RESOLUTN1>"));
}

// Slack refuses a message whose blocks hold over 12,000 characters together
// (msg_blocks_too_long), so a long CRM text goes on in further messages, whole.
TEST(CaseMessages, AgentDmOfALongSummaryGoesOnInFurtherMessagesEachWithinSlacksTotal) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    const auto summary = flow::MakeCaseSummary(sop, test::MaximalAnswers(sop), meta);
    std::string plain = CaseSummaryPlainText(summary, test::NewYorkCalendar());
    while (block_kit::CountChars(plain) < 30'000) plain += plain;

    const auto messages = AgentCaseCreatedMessages("ESC-9", "C0RESOLUTN1", std::nullopt, plain,
                                                   test::NewYorkCalendar());

    ASSERT_GE(messages.size(), 3u);
    std::string joined;
    for (const auto& message : messages) {
        EXPECT_THAT(test::MessageProblems(message), IsEmpty());
        for (const auto& block : message["blocks"]) {
            if (block["text"]["type"] == "plain_text")
                joined += block["text"]["text"].get<std::string>();
        }
    }
    EXPECT_EQ(joined, block_kit::SanitizeUtf8(plain));
    EXPECT_THAT(messages[1].dump(), HasSubstr("the summary, continued (2 of"));
}

TEST(CaseMessages, AgentDmOfAHugeSummaryStopsAfterFiveMessagesWithANote) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    const auto summary = flow::MakeCaseSummary(sop, test::MaximalAnswers(sop), meta);
    std::string plain = CaseSummaryPlainText(summary, test::NewYorkCalendar());
    while (block_kit::CountChars(plain) < 200'000) plain += plain;

    const auto messages = AgentCaseCreatedMessages("ESC-9", "C0RESOLUTN1", std::nullopt, plain,
                                                   test::NewYorkCalendar());

    ASSERT_EQ(messages.size(), 5u);
    for (const auto& message : messages) EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    EXPECT_THAT(messages.back().dump(), HasSubstr("longer than 5 messages"));
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

TEST(CaseMessages, AgentNewsOfEveryKindFitsAndEscapesUserText) {
    using Kind = CaseNews::Kind;
    for (const Kind kind : {Kind::kClaimed, Kind::kUpdated, Kind::kReassigned, Kind::kResolved}) {
        CaseNews news{kind, "ESC-9", "U0LEAD00001", "U0LEAD00002", LongHostile(5000),
                      kT + std::chrono::hours(48)};

        const auto message = AgentCaseNewsMessage(news, test::NewYorkCalendar());

        EXPECT_THAT(test::MessageProblems(message), IsEmpty()) << message.dump();
        EXPECT_TRUE(test::NoLiveInjection(message)) << message.dump();
        EXPECT_THAT(message.dump(), HasSubstr("ESC-9"));
        EXPECT_THAT(message.dump(), HasSubstr("<@U0LEAD00001>"));
    }
}

TEST(CaseMessages, AgentNewsSaysWhatHappened) {
    using Kind = CaseNews::Kind;
    const auto text = [](Kind kind) {
        return AgentCaseNewsMessage(
                   {kind, "ESC-9", "U0LEAD00001", "U0LEAD00002", "Called her", kT},
                   test::NewYorkCalendar())
            .dump();
    };

    EXPECT_THAT(text(Kind::kClaimed), HasSubstr("was claimed by <@U0LEAD00001>"));
    EXPECT_THAT(text(Kind::kUpdated), HasSubstr("gave the customer an update"));
    EXPECT_THAT(text(Kind::kUpdated), HasSubstr("Called her"));
    EXPECT_THAT(text(Kind::kUpdated), HasSubstr("Next update due"));
    EXPECT_THAT(text(Kind::kReassigned), HasSubstr("reassigned to <@U0LEAD00002>"));
    EXPECT_THAT(text(Kind::kResolved), HasSubstr("was resolved by <@U0LEAD00001>"));
}

TEST(CaseMessages, ReassignModalFitsAndAsksForAUser) {
    const auto view = ReassignCaseModal("ESC-9", "U0LEAD00001", "c:9");

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_EQ(view["callback_id"], "case_reassign_to");
    EXPECT_THAT(view.dump(), HasSubstr("\"users_select\""));
    EXPECT_THAT(view.dump(), HasSubstr("<@U0LEAD00001>"));
}

TEST(CaseMessages, SummaryShowsRequestTypeAndAssignmentInTheRootAndTheCrmText) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    meta.escalated_by = "U0AGENT001";
    meta.escalated_at = kT;
    meta.follow_up_due = kT + std::chrono::hours(48);
    const auto summary = flow::MakeCaseSummary(sop, test::PlausibleAnswers(sop), meta);

    const std::string root = CaseSummaryMessage(summary, test::NewYorkCalendar()).dump();
    const std::string crm = CaseSummaryPlainText(summary, test::NewYorkCalendar());

    EXPECT_THAT(root, HasSubstr("*Request type*\\nComplaints"));
    EXPECT_THAT(root, HasSubstr("*Assigned to*\\nResolution Team"));
    EXPECT_THAT(crm, HasSubstr("Request type: Complaints\n"));
    EXPECT_THAT(crm, HasSubstr("Assigned to: Resolution Team\n"));
}

TEST(CaseMessages, ClaimBecomesReassignOnceSomeoneOwnsTheCase) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    const auto open =
        CaseSummaryMessage(flow::MakeCaseSummary(sop, {}, meta), test::NewYorkCalendar()).dump();
    meta.owner = "U0LEAD00001";
    meta.status = "Claimed";

    const auto claimed =
        CaseSummaryMessage(flow::MakeCaseSummary(sop, {}, meta), test::NewYorkCalendar()).dump();

    EXPECT_THAT(open, HasSubstr("\"case_claim\""));
    EXPECT_THAT(open, Not(HasSubstr("\"case_reassign\"")));
    EXPECT_THAT(claimed, HasSubstr("\"case_reassign\""));
    EXPECT_THAT(claimed, Not(HasSubstr("\"case_claim\"")));
}

TEST(CaseMessages, OverdueCaseSaysSoInItsRootAndStaysWithinLimits) {
    const auto& sop = test::ShippedSop();
    flow::CaseMeta meta;
    meta.case_id = "ESC-9";
    meta.escalated_by = "U0AGENT001";
    meta.escalated_at = kT;
    meta.follow_up_due = kT + std::chrono::hours(48);
    meta.overdue_since = kT + std::chrono::hours(48);
    meta.owner = "U0LEAD00001";

    const auto message = CaseSummaryMessage(
        flow::MakeCaseSummary(sop, test::MaximalAnswers(sop), meta), test::NewYorkCalendar());

    EXPECT_THAT(test::UpdateProblems(message), IsEmpty());
    EXPECT_THAT(message.dump(), HasSubstr("*Overdue*"));
    EXPECT_THAT(message["text"].get<std::string>(), HasSubstr("OVERDUE"));
}

}  // namespace
}  // namespace escbot::commands::escalation::views
