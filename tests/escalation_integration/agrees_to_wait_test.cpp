// SOP §1 A: the customer agrees to wait. From /escalate to the thread in the Resolution Team
// channel, over signed HTTP against the fake Slack.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/escalation/case_refs.hpp"
#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/support/capture_sink.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kResolution = "C0RESOLUTN1";
constexpr const char* kLive = "C0LIVEESC01";

class AgreesToWait : public ::testing::Test {
protected:
    TestBot bot_;
    EscalationDriver agent_{bot_};
};

TEST_F(AgreesToWait, SlashCommandOpensTheQualifyScreenWithTheGuardrailAndTheTypedName) {
    const nlohmann::json view = agent_.Escalate(kAgent, "Jane Q. Homeowner");

    ASSERT_FALSE(view.is_null());
    EXPECT_EQ(view["callback_id"], "escalation_step");
    EXPECT_THAT(AllText(view), HasSubstr("We never OFFER to escalate"));
    EXPECT_THAT(view.dump(), HasSubstr("\"initial_value\":\"Jane Q. Homeowner\""));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(AgreesToWait, SlashCommandAcksEmptyAtOnceAndOpensTheModalWithItsTrigger) {
    SlashCommandFields fields;
    fields.user_id = kAgent;
    fields.trigger_id = "555.666.trigger";

    const auto response = bot_.client().SlashCommand("/escalate", "", fields);

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "");
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 1));
    EXPECT_EQ(bot_.slack().Calls("views.open")[0].args["trigger_id"], "555.666.trigger");
}

TEST_F(AgreesToWait, FullFlowPostsTheSummaryAsAThreadRootInTheResolutionChannel) {
    const long long id = agent_.AgreeToWait(kAgent);

    ASSERT_GT(id, 0);
    const auto posts = agent_.Messages(kResolution);
    ASSERT_EQ(posts.size(), 1u);
    const std::string root = AllText(posts[0]);
    EXPECT_THAT(root, HasSubstr("Escalation case ESC-" + std::to_string(id)));
    EXPECT_THAT(root, HasSubstr("Jane Q. Homeowner"));
    EXPECT_THAT(root, HasSubstr("Fraudulent claims"));
    EXPECT_THAT(root, HasSubstr("Signed on the rep's tablet"));
    EXPECT_THAT(root, HasSubstr("Key points"));
    EXPECT_THAT(root, HasSubstr("Sales representative"));
    EXPECT_THAT(posts[0].dump(), HasSubstr("case_claim"));
    EXPECT_THAT(posts[0].dump(), HasSubstr("case_resolve"));
    EXPECT_THAT(agent_.Messages(kLive), IsEmpty());
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

// Slack refuses a whole message whose blocks hold over 12,000 characters of text
// (msg_blocks_too_long; the fake does too): long answers must not lose the root, nor the replies
// waiting for it. They go on in thread replies, whole, and the CRM text in further DMs.
TEST_F(AgreesToWait, LongAnswersContinueInTheThreadAndTheRootIsPosted) {
    AgentAnswers answers = FullAnswers();
    int n = 0;
    std::map<int, std::size_t> length;  // each answer as long as its question allows
    for (const auto& [id, max] : std::vector<std::pair<std::string, std::size_t>>{
             {"rep_said_signing_up_for", 2000}, {"rep_said_afterward", 2000},
             {"red_flags", 2000}, {"certificate_of_completion", 2000},
             {"main_concern", 3000}, {"desired_resolution", 3000}}) {
        const std::string head = "Answer " + std::to_string(++n) + ": ";
        length[n] = max - head.size();
        answers[id] = head + std::string(length[n], 'x');
    }
    const nlohmann::json view = agent_.Escalate(kAgent);
    agent_.Walk(kAgent, view, answers);
    bot_.Flush();

    const auto posts = agent_.Messages(kResolution);
    ASSERT_GE(posts.size(), 2u);  // the root, then the answers continued in its thread
    EXPECT_THAT(AllText(posts[0]), HasSubstr("The answers go on in this thread"));
    std::string everything;
    for (std::size_t i = 1; i < posts.size(); ++i) {
        EXPECT_EQ(posts[i].value("thread_ts", ""), posts[0]["ts"].get<std::string>());
    }
    for (const auto& post : posts) everything += AllText(post);
    // Every answer is there, whole (long ones go on in "(continued)" lines).
    std::size_t all_x = 0;
    for (int i = 1; i <= n; ++i) {
        all_x += length[i];
        EXPECT_THAT(everything, HasSubstr("Answer " + std::to_string(i) + ": " +
                                          std::string(1000, 'x')));
    }
    const auto xs = [](const std::string& text) {
        return static_cast<std::size_t>(std::count(text.begin(), text.end(), 'x'));
    };
    EXPECT_GE(xs(everything), all_x);
    // Every post answered ok (none refused with msg_blocks_too_long).
    ASSERT_TRUE(bot_.slack().WaitForAnswers("chat.postMessage",
                                            bot_.slack().CallCount("chat.postMessage")));
    for (const auto& call : bot_.slack().Calls("chat.postMessage")) {
        EXPECT_TRUE(call.response.is_object() && call.response.value("ok", false))
            << call.response.dump();
    }
    // The agent's CRM text went whole too, over several DMs.
    std::string crm;
    for (const auto& dm : agent_.DirectMessages(kAgent)) crm += AllText(dm);
    EXPECT_GE(xs(crm), all_x);
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(AgreesToWait, CaseIsStoredAsOpenWithItsSopVersionAndABusinessTimeFollowUpDeadline) {
    const long long id = agent_.AgreeToWait(kAgent);

    const auto c = agent_.Case(id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kOpen);
    EXPECT_EQ(c->sop_version, "2026.12.1");
    EXPECT_EQ(c->created_by, kAgent);
    ASSERT_TRUE(c->follow_up_due);
    // 48 business hours (the SOP's "due"), on the example config's business calendar.
    EXPECT_EQ(*c->follow_up_due,
              bot_.settings().business_calendar.Add(
                  bot_.clock().Now(), {48, config::Duration::Unit::BusinessHours}));
}

TEST_F(AgreesToWait, ClosingScreenShowsTheCaseAndTheScriptToRead) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    const nlohmann::json result = agent_.Walk(kAgent, view, FullAnswers());

    ASSERT_EQ(result["response_action"], "update");
    const std::string text = AllText(result["view"]);
    EXPECT_THAT(text, HasSubstr("Case ESC-1 created"));
    EXPECT_THAT(text, HasSubstr("We take your concerns seriously"));
}

TEST_F(AgreesToWait, AgentGetsThePlainTextSummaryAndThenTheThreadPermalink) {
    const long long id = agent_.AgreeToWait(kAgent);

    const bool linked = agent_.AdvanceUntil([&] {
        for (const auto& dm : agent_.DirectMessages(kAgent)) {
            if (AllText(dm).find("https://fake-workspace.slack.com/archives/") != std::string::npos)
                return true;
        }
        return false;
    });

    ASSERT_TRUE(linked);
    const auto dms = agent_.DirectMessages(kAgent);
    ASSERT_EQ(dms.size(), 2u);
    const std::string summary = AllText(dms[0]);
    EXPECT_THAT(summary, HasSubstr("ready to paste into the CRM"));
    EXPECT_THAT(summary, HasSubstr("Homeowner: Jane Q. Homeowner"));
    EXPECT_THAT(summary, HasSubstr("Red flags:\nSigned on the rep's tablet"));
    const auto root = bot_.store().Read([&](storage::UnitOfWork& u) {
        return u.MessageRefs().Get(commands::escalation::RootKey(id));
    });
    ASSERT_TRUE(root);
    const auto permalinks = bot_.slack().Calls("chat.getPermalink");
    ASSERT_FALSE(permalinks.empty());
    EXPECT_EQ(permalinks.back().args["message_ts"], root->ts);
    EXPECT_EQ(permalinks.back().args["channel"], kResolution);
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(AgreesToWait, AuditRecordsTheCaseCreatedWithCodesOnly) {
    const long long id = agent_.AgreeToWait(kAgent);

    const auto entries = agent_.Audit("case:" + std::to_string(id));
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries[0].action, "case.created");
    EXPECT_EQ(entries[0].actor, kAgent);
    EXPECT_THAT(entries[0].detail.dump(), Not(HasSubstr("Jane")));
}

TEST_F(AgreesToWait, CountsTheCaseCreatedByOutcome) {
    agent_.AgreeToWait(kAgent);

    EXPECT_THAT(bot_.metrics().RenderText(),
                HasSubstr("escbot_escalation_cases_created_total{outcome=\"follow_up\"} 1"));
}

TEST_F(AgreesToWait, HostileTextIsEscapedInTheChannelPost) {
    agent_.AgreeToWait(kAgent, "<!channel> Jane <https://evil.example|click>");

    const auto posts = agent_.Messages(kResolution);
    ASSERT_EQ(posts.size(), 1u);
    // Slack reads <...> as a mention or link in mrkdwn only (plain_text, such as the header,
    // shows it as typed).
    const std::string mrkdwn = MrkdwnText(posts[0]);
    EXPECT_THAT(mrkdwn, Not(HasSubstr("<!channel>")));
    EXPECT_THAT(mrkdwn, Not(HasSubstr("<https://evil")));
    EXPECT_THAT(mrkdwn, HasSubstr("&lt;!channel&gt;"));
}

TEST_F(AgreesToWait, LogsOfTheWholeFlowHoldNoHomeownerData) {
    CaptureLogs logs;
    EscalationDriver agent(bot_);
    const long long id =
        agent.AgreeToWait(kAgent, "Jane Q. Homeowner", "12 North Main Street, Springfield");
    agent.AdvanceUntil([&] { return agent.DirectMessages(kAgent).size() >= 2; });
    agent.Click("U0LEAD00001", "case_claim", commands::escalation::CaseDisplayId(id));
    bot_.Advance(std::chrono::hours(25));  // the follow-up reminder

    const std::string all = logs.sink().All();
    EXPECT_THAT(all, HasSubstr("case=" + std::to_string(id)));  // the flow did log
    for (const char* personal : {"Jane", "Q. Homeowner", "North Main", "Springfield",
                                 "jane.homeowner@example.com", "201-3344", "tablet"}) {
        EXPECT_THAT(all, Not(HasSubstr(personal))) << personal;
    }
}

}  // namespace
}  // namespace escbot::test
