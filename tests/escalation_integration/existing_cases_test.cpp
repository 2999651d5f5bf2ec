// Issue 16 item 3 over signed HTTP against the fake Slack: every open case of the homeowner is
// shown; adding this interaction asks what the customer said, posts it in the chosen case's
// thread tagging its owner (or the leads), and records an added interaction, never an update.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/escalation/case_refs.hpp"
#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kOtherAgent = "U0AGENT002";
constexpr const char* kLead = "U0LEAD00001";
constexpr const char* kResolution = "C0RESOLUTN1";

class ExistingCases : public ::testing::Test {
protected:
    /// Two open cases for Jane: ESC-1 (claimed by the lead) and ESC-2 (unclaimed).
    void TwoOpenCases() {
        agent_.AgreeToWait(kAgent);
        agent_.Click(kLead, "case_claim", commands::escalation::CaseDisplayId(1));
        AgentAnswers second = FullAnswers();
        second["existing_case_action"] = "open_new";
        agent_.Walk(kAgent, agent_.Escalate(kAgent), second);
        bot_.Flush();
        ASSERT_TRUE(agent_.Case(2).has_value());
        ASSERT_EQ(agent_.Case(1)->owner, kLead);
    }

    /// The existing-case screen as another agent reaches it, for Jane written another way.
    nlohmann::json ExistingCaseScreen(const std::string& name = "JANE HOMEOWNER",
                                      const std::string& address = "12 N. Main St., Springfield") {
        const nlohmann::json view = other_.Escalate(kOtherAgent);
        const nlohmann::json ack =
            other_.Submit(kOtherAgent, view, QualifyAnswers("homeowner", name, address));
        EXPECT_EQ(ack["response_action"], "update");
        return EscalationDriver::Updated(view, ack);
    }

    static nlohmann::json InputFor(const nlohmann::json& view, const std::string& question) {
        for (const auto& block : view["blocks"]) {
            if (block.value("block_id", "") == "q_" + question) return block;
        }
        return nullptr;
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
    EscalationDriver other_{bot_};
};

TEST_F(ExistingCases, BothOpenCasesAreShownWithReferenceStateOwnerAndOpened) {
    TwoOpenCases();

    const nlohmann::json screen = ExistingCaseScreen();

    const std::string text = AllText(screen);
    EXPECT_THAT(text, HasSubstr("2 escalation cases are already open"));
    EXPECT_THAT(text, HasSubstr("*Case:* ESC-1"));
    EXPECT_THAT(text, HasSubstr("*Case:* ESC-2"));
    EXPECT_THAT(text, HasSubstr("*Status:* Claimed   *Owner:* <@U0LEAD00001>"));
    EXPECT_THAT(text, HasSubstr("*Status:* Open   *Owner:* unclaimed"));
    EXPECT_THAT(text, HasSubstr("*Opened:* <!date^"));
    EXPECT_THAT(other_.LimitProblems(), IsEmpty());
}

TEST_F(ExistingCases, AddingTheInteractionAsksWhatTheCustomerSaidAndListsTheCasesToChoose) {
    TwoOpenCases();
    nlohmann::json screen = ExistingCaseScreen();
    AgentAnswers answers{{"existing_case_action", "add_to_existing"}};

    other_.ChangeAnswer(kOtherAgent, screen, answers, "existing_case_action");
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.update", 1));
    const nlohmann::json updated = bot_.slack().Calls("views.update").back().args["view"];

    const nlohmann::json choice = InputFor(updated, "existing_case_ref");
    ASSERT_FALSE(choice.is_null());
    const nlohmann::json options = choice["element"]["options"];
    ASSERT_EQ(options.size(), 2u);
    EXPECT_EQ(options[0]["value"], "2");  // newest first
    EXPECT_EQ(options[1]["value"], "1");
    EXPECT_THAT(options[1].dump(), HasSubstr("ESC-1"));
    const nlohmann::json said = InputFor(updated, "interaction_said");
    ASSERT_FALSE(said.is_null());
    EXPECT_THAT(said.dump(), HasSubstr("What did the customer say this time?"));
    EXPECT_THAT(other_.LimitProblems(), IsEmpty());
}

TEST_F(ExistingCases, TheInteractionGoesToTheChosenCaseThreadTaggingItsOwnerAndIsNotAnUpdate) {
    TwoOpenCases();
    const std::size_t posts_before = other_.Messages(kResolution).size();
    AgentAnswers answers = QualifyAnswers("homeowner", "JANE HOMEOWNER", "12 N. Main St., Springfield");
    answers["interaction_id"] = "CX-THIRD-CALL";
    answers["existing_case_action"] = "add_to_existing";
    answers["existing_case_ref"] = "1";
    answers["interaction_said"] = "Still no call back from the installer <!channel>";

    const nlohmann::json result = other_.Walk(kOtherAgent, other_.Escalate(kOtherAgent), answers);
    bot_.Flush();

    ASSERT_EQ(result["response_action"], "update");
    EXPECT_THAT(AllText(result["view"]), HasSubstr("added to case *ESC-1*"));
    EXPECT_FALSE(other_.Case(3).has_value());  // no third case
    const auto posts = other_.Messages(kResolution);
    ASSERT_EQ(posts.size(), posts_before + 1);
    const nlohmann::json reply = posts.back();
    EXPECT_EQ(reply["thread_ts"], posts[0]["ts"]);  // ESC-1's root, the first post
    const std::string mrkdwn = MrkdwnText(reply);
    EXPECT_THAT(mrkdwn, HasSubstr("<@U0LEAD00001>"));
    EXPECT_THAT(mrkdwn, HasSubstr("<@U0AGENT002>"));
    EXPECT_THAT(mrkdwn, HasSubstr("Still no call back from the installer"));
    EXPECT_THAT(mrkdwn, Not(HasSubstr("<!channel>")));
    EXPECT_THAT(mrkdwn, HasSubstr("CX-THIRD-CALL"));
    EXPECT_THAT(mrkdwn, HasSubstr("not an update given to the customer"));

    // Recorded as an added interaction, never as an update: "last update" does not move.
    const auto recorded = bot_.store().Read([](storage::UnitOfWork& u) {
        return std::make_pair(u.Escalation().Interactions().ForCase(1),
                              u.Escalation().Updates().ForCase(1));
    });
    ASSERT_EQ(recorded.first.size(), 1u);
    EXPECT_EQ(recorded.first[0].agent, kOtherAgent);
    EXPECT_EQ(recorded.first[0].interaction_id, "CX-THIRD-CALL");
    EXPECT_EQ(recorded.first[0].said, "Still no call back from the installer <!channel>");
    for (const auto& update : recorded.second) EXPECT_NE(update.kind, "interaction");
    EXPECT_FALSE(other_.Case(1)->last_update_at.has_value());
    EXPECT_TRUE(bot_.store()
                    .Read([](storage::UnitOfWork& u) {
                        return u.Escalation().Interactions().ForCase(2);
                    })
                    .empty());
    EXPECT_EQ(other_.Audit("case:1").back().action, "case.interaction_added");
    EXPECT_THAT(other_.LimitProblems(), IsEmpty());
}

TEST_F(ExistingCases, AnUnclaimedCaseTagsTheLeads) {
    agent_.AgreeToWait(kAgent);
    AgentAnswers answers = QualifyAnswers();
    answers["existing_case_action"] = "add_to_existing";
    answers["interaction_said"] = "Wants to know who is handling it.";

    const nlohmann::json result = other_.Walk(kOtherAgent, other_.Escalate(kOtherAgent), answers);
    bot_.Flush();

    ASSERT_EQ(result["response_action"], "update");
    const auto posts = other_.Messages(kResolution);
    ASSERT_EQ(posts.size(), 2u);
    EXPECT_EQ(posts[1]["thread_ts"], posts[0]["ts"]);
    EXPECT_THAT(MrkdwnText(posts[1]), HasSubstr("<!subteam^S0LEADS0001>"));
    EXPECT_THAT(MrkdwnText(posts[1]), HasSubstr("Wants to know who is handling it."));
}

TEST_F(ExistingCases, NamesMatchAcrossCaseAccentsPunctuationAndAMiddleInitial) {
    agent_.AgreeToWait(kAgent, "José Ñúñez", "4 Calle Peña, Miami");
    agent_.AgreeToWait(kAgent, "Mary-Ann O'Neil", "3 Bay Road, Tampa");

    EXPECT_THAT(AllText(ExistingCaseScreen("JOSÉ ÑÚÑEZ", "4 calle pena miami")),
                HasSubstr("*Case:* ESC-1"));
    EscalationDriver third(bot_);
    const nlohmann::json view = third.Escalate("U0AGENT003");
    const nlohmann::json ack = third.Submit(
        "U0AGENT003", view, QualifyAnswers("homeowner", "Mary Ann R. ONeil", "3 Bay Rd, Tampa"));
    EXPECT_THAT(AllText(ack["view"]), HasSubstr("*Case:* ESC-2"));
}

}  // namespace
}  // namespace escbot::test
