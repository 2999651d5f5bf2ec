#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "commands/escalation/flow/case_summary.hpp"
#include "commands/escalation/views/case_summary_message.hpp"
#include "commands/escalation/views/ids.hpp"
#include "tests/escalation_views/view_fixtures.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using block_kit::CheckLimits;
using block_kit::Surface;
using flow::CaseMeta;
using flow::CaseSummary;
using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class CaseSummaryTest : public ::testing::Test {
protected:
    const config::sop::Sop& sop_ = test::ShippedSop();
    const CaseMeta meta_{"42", "U0AGENT1", FromUnix(1'700'000'000), FromUnix(1'700'086'400), "",
                         "Open"};

    CaseSummary Summary(const flow::Answers& answers) {
        return flow::MakeCaseSummary(sop_, answers, meta_);
    }

    static void ExpectAcceptedBySlack(const json& message) {
        EXPECT_THAT(CheckLimits(message, Surface::kMessage), IsEmpty());
        EXPECT_THAT(CheckLimits(message, Surface::kMessageUpdate), IsEmpty());
        EXPECT_LE(message["blocks"].size(), 50u);
    }
};

TEST_F(CaseSummaryTest, SummaryTakesHeadlineFactsFromTheSopFields) {
    const CaseSummary summary = Summary(test::PlausibleAnswers(sop_));

    EXPECT_EQ(summary.sop_version, sop_.version);
    EXPECT_EQ(summary.homeowner_name, "Short answer to homeowner_name");
    EXPECT_EQ(summary.origin, "Homeowner");
    EXPECT_EQ(summary.concern_types, std::vector<std::string>{"Claiming fraud"});
    EXPECT_EQ(summary.qualifiers,
              std::vector<std::string>{"Retained or contacted a lawyer/legal counsel"});
    EXPECT_TRUE(summary.asked_for_lead);
    EXPECT_FALSE(summary.key_points.empty());
    for (const auto& section : summary.sections) {
        for (const auto& line : section.lines) {
            EXPECT_NE(line.question_id, "homeowner_name");  // headline facts are not repeated
            EXPECT_NE(line.question_id, "red_flags");
        }
    }
}

TEST_F(CaseSummaryTest, MessageWithPlausibleAnswersPassesLimitsAndHasTheLeadButtons) {
    const json message =
        CaseSummaryMessage(Summary(test::PlausibleAnswers(sop_)), test::NewYorkCalendar());

    ExpectAcceptedBySlack(message);
    const json& actions = message["blocks"].back();
    EXPECT_EQ(actions["type"], "actions");
    EXPECT_EQ(actions["block_id"], ids::kCaseActionsBlockId);
    ASSERT_EQ(actions["elements"].size(), 3u);
    EXPECT_EQ(actions["elements"][0]["action_id"], "case_claim");
    EXPECT_EQ(actions["elements"][1]["action_id"], "case_add_update");
    EXPECT_EQ(actions["elements"][2]["action_id"], "case_resolve");
    for (const json& button : actions["elements"]) EXPECT_EQ(button["value"], "42");
}

TEST_F(CaseSummaryTest, MessageShowsWhoEscalatedAndWhenWithADateFallback) {
    const json message =
        CaseSummaryMessage(Summary(test::PlausibleAnswers(sop_)), test::NewYorkCalendar());

    const std::string all = message["blocks"].dump();
    EXPECT_THAT(all, HasSubstr("Escalated by <@U0AGENT1> on <!date^1700000000^"));
    EXPECT_THAT(all, HasSubstr("|Tue Nov 14, 2023 5:13 PM EST>"));
    EXPECT_THAT(all, HasSubstr("<!date^1700086400^"));  // follow-up due
}

TEST_F(CaseSummaryTest, MessageWithEveryAnswerAtMaximumLengthStillFits) {
    const json message =
        CaseSummaryMessage(Summary(test::MaximalAnswers(sop_)), test::NewYorkCalendar());

    ExpectAcceptedBySlack(message);
}

TEST_F(CaseSummaryTest, HostileTextIsEscapedEverywhereItLandsInMrkdwn) {
    flow::Answers answers = test::PlausibleAnswers(sop_);
    for (auto& [key, value] : answers.items()) {
        if (value.is_string() && value.get<std::string>().find(' ') != std::string::npos) {
            value = test::kHostile;
        }
    }
    answers["homeowner_name"] = test::kHostile;
    answers["red_flags"] = test::kHostile;
    CaseMeta meta = meta_;
    meta.status = test::kHostile;
    meta.owner = "<!here>";

    const json message =
        CaseSummaryMessage(flow::MakeCaseSummary(sop_, answers, meta), test::NewYorkCalendar());

    ExpectAcceptedBySlack(message);
    const std::vector<std::string> texts = test::MrkdwnTexts(message);
    ASSERT_FALSE(texts.empty());
    for (const std::string& text : texts) {
        EXPECT_THAT(text, Not(HasSubstr("<!channel>")));
        EXPECT_THAT(text, Not(HasSubstr("<!here>")));
        EXPECT_THAT(text, Not(HasSubstr("<https://evil")));
        EXPECT_THAT(text, Not(HasSubstr("<@U999>")));
        // Every & starts one of the three entities Slack decodes.
        for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 1)) {
            const std::string rest = text.substr(at, 5);
            EXPECT_TRUE(rest.rfind("&amp;", 0) == 0 || rest.rfind("&lt;", 0) == 0 ||
                        rest.rfind("&gt;", 0) == 0)
                << text;
        }
    }
    EXPECT_THAT(message["blocks"].dump(), HasSubstr("&lt;!channel&gt; &lt;https://evil|x&gt; &amp;"));
}

// Slack refuses the whole message past 12,000 characters of block text (msg_blocks_too_long):
// the answers the root has no room for go on in thread replies, and long answers in
// "(continued)" lines; nothing is cut.
TEST_F(CaseSummaryTest, AnswersPastOneMessageGoOnInThreadRepliesWhole) {
    CaseSummary summary = Summary(test::PlausibleAnswers(sop_));
    summary.sections.clear();
    for (int s = 0; s < 60; ++s) {
        flow::AnswerSection section{"s" + std::to_string(s), "Section " + std::to_string(s), {}};
        for (int l = 0; l < 3; ++l) {
            section.lines.push_back({"q", "Question?", std::string(2000, 'a')});
        }
        summary.sections.push_back(section);
    }

    const json message = CaseSummaryMessage(summary, test::NewYorkCalendar());
    const std::vector<json> replies = CaseSummaryAnswerReplies(summary, test::NewYorkCalendar());

    ExpectAcceptedBySlack(message);
    EXPECT_THAT(message["blocks"].dump(), HasSubstr("The answers go on in this thread"));
    ASSERT_GE(replies.size(), 10u);  // 360,000 characters of answers
    // The text of a message's answer blocks.
    const auto answers_of = [](const json& m) {
        std::string text;
        for (const json& block : m["blocks"]) {
            if (block.value("block_id", "").rfind("answers_", 0) == 0 && block.contains("text"))
                text += block["text"]["text"].get<std::string>();
        }
        return text;
    };
    std::string all = answers_of(message);
    for (const json& reply : replies) {
        ExpectAcceptedBySlack(reply);
        all += answers_of(reply);
    }
    EXPECT_EQ(static_cast<std::size_t>(std::count(all.begin(), all.end(), 'a')),
              60u * 3 * 2000);  // every answer whole
    EXPECT_THAT(replies[0].dump(), HasSubstr("the answers, continued (1 of"));
    // The root splits the same way once claimed and resolved: no answer is lost by an update.
    summary.owner = "U0LEAD00001";
    summary.status = "Resolved";
    summary.resolved = true;
    summary.resolution_note = std::string(2400, 'z');
    const json resolved = CaseSummaryMessage(summary, test::NewYorkCalendar());
    ExpectAcceptedBySlack(resolved);
    EXPECT_EQ(CaseSummaryAnswerReplies(summary, test::NewYorkCalendar()).size(), replies.size());
    EXPECT_EQ(answers_of(resolved), answers_of(message));
}

TEST_F(CaseSummaryTest, PlainTextForTheCrmHoldsEveryAnswerUnescaped) {
    flow::Answers answers = test::PlausibleAnswers(sop_);
    answers["red_flags"] = test::kHostile;
    const CaseSummary summary = Summary(answers);

    const std::string text = CaseSummaryPlainText(summary, test::NewYorkCalendar());

    EXPECT_THAT(text, HasSubstr("Escalation case 42 (SOP " + sop_.version + ")"));
    EXPECT_THAT(text, HasSubstr(test::kHostile));
    EXPECT_THAT(text, Not(HasSubstr("&lt;")));
    for (const auto& section : summary.sections) {
        for (const auto& line : section.lines) EXPECT_THAT(text, HasSubstr(line.value));
    }
    EXPECT_THAT(text, HasSubstr("Follow-up due: Wed Nov 15, 2023 5:13 PM EST"));
}

}  // namespace
}  // namespace escbot::commands::escalation::views
