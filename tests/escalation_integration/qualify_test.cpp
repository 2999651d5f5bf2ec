// SOP §1 step 1 (does it qualify?) and 002 step 2 (is there already a case?), and the inline
// validation of answers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kOtherAgent = "U0AGENT002";
constexpr const char* kResolution = "C0RESOLUTN1";
constexpr const char* kLive = "C0LIVEESC01";

class Qualify : public ::testing::Test {
protected:
    TestBot bot_;
    EscalationDriver agent_{bot_};
};

TEST_F(Qualify, ConcernThatQualifiesByAQualifierAloneGoesOnToTheFollowUpOffer) {
    AgentAnswers answers = QualifyAnswers();
    answers["asked_for_lead"] = "no";
    const nlohmann::json view = agent_.Escalate(kAgent);

    const nlohmann::json ack = agent_.Submit(kAgent, view, answers);

    ASSERT_EQ(ack["response_action"], "update");
    EXPECT_THAT(AllText(ack["view"]), HasSubstr("within 24-48 business hours"));
}

TEST_F(Qualify, CustomerWhoAskedForASupervisorQualifiesWithoutAQualifier) {
    AgentAnswers answers = QualifyAnswers();
    answers["qualifiers"] = nlohmann::json::array();
    const nlohmann::json view = agent_.Escalate(kAgent);

    const nlohmann::json ack = agent_.Submit(kAgent, view, answers);

    ASSERT_EQ(ack["response_action"], "update");
    EXPECT_EQ(ack["view"]["callback_id"], "escalation_step");
    EXPECT_THAT(AllText(ack["view"]), HasSubstr("within 24-48 business hours"));
}

TEST_F(Qualify, NonQualifyingConcernEndsWithTheReasonAndPostsNothing) {
    AgentAnswers answers = QualifyAnswers();
    answers["asked_for_lead"] = "no";
    answers["qualifiers"] = nlohmann::json::array();
    const nlohmann::json view = agent_.Escalate(kAgent);

    const nlohmann::json ack = agent_.Submit(kAgent, view, answers);
    bot_.Flush();

    ASSERT_EQ(ack["response_action"], "update");
    const std::string text = AllText(ack["view"]);
    EXPECT_THAT(text, HasSubstr("Follow the appropriate SOP and stop"));
    EXPECT_THAT(text, HasSubstr("did not ask for a lead or supervisor"));
    EXPECT_THAT(agent_.Messages(kResolution), IsEmpty());
    EXPECT_THAT(agent_.Messages(kLive), IsEmpty());
    EXPECT_EQ(bot_.slack().CallCount("chat.postMessage"), 0u);
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Qualify, NonQualifyingOutcomeIsAuditedWithReasonCodesOnly) {
    AgentAnswers answers = QualifyAnswers();
    answers["asked_for_lead"] = "no";
    answers["qualifiers"] = nlohmann::json::array();
    agent_.Submit(kAgent, agent_.Escalate(kAgent), answers);

    const auto entries = agent_.Audit("draft:1");

    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].action, "escalation.not_qualified");
    EXPECT_EQ(entries[1].detail["asked_for_lead"], "no");
    EXPECT_EQ(entries[1].detail["qualifiers"], 0);
    EXPECT_THAT(entries[1].detail.dump(), Not(HasSubstr("Jane")));
    EXPECT_THAT(bot_.metrics().RenderText(),
                HasSubstr("escbot_escalation_outcomes_total{outcome=\"not_qualified\"} 1"));
}

TEST_F(Qualify, BadEmailComesBackInlineKeyedByItsBlockId) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    nlohmann::json offer = agent_.Submit(kAgent, view, QualifyAnswers());
    nlohmann::json verification =
        agent_.Submit(kAgent, EscalationDriver::Updated(view, offer), {{"agrees_to_wait", "yes"}});
    nlohmann::json screen = EscalationDriver::Updated(view, verification);
    AgentAnswers answers = FullAnswers();
    answers["email"] = "jane at example dot com";

    // The first submission reveals the email question, the second one answers it.
    nlohmann::json ack = agent_.Submit(kAgent, screen, answers);
    ASSERT_EQ(ack["response_action"], "update");
    ack = agent_.Submit(kAgent, EscalationDriver::Updated(screen, ack), answers);

    ASSERT_EQ(ack["response_action"], "errors");
    ASSERT_TRUE(ack["errors"].contains("q_email"));
    EXPECT_EQ(ack["errors"].size(), 1u);
}

TEST_F(Qualify, ChangingAnAnswerOthersDependOnShowsThemAtOnce) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    const std::string fake_hash = view["hash"];  // the fake knows the opened view's hash
    const nlohmann::json offer = agent_.Submit(kAgent, view, QualifyAnswers());
    const nlohmann::json verification =
        agent_.Submit(kAgent, EscalationDriver::Updated(view, offer), {{"agrees_to_wait", "yes"}});
    nlohmann::json screen = EscalationDriver::Updated(view, verification);
    screen["hash"] = fake_hash;
    ASSERT_THAT(screen.dump(), Not(HasSubstr("q_had_access_to_email_on_file")));

    agent_.ChangeAnswer(kAgent, screen, {{"email_status", "different"}}, "email_status");

    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.update", 1));
    const auto update = bot_.slack().Calls("views.update").at(0);
    EXPECT_EQ(update.args["view_id"], view["id"]);
    EXPECT_EQ(update.args["hash"], fake_hash);
    EXPECT_EQ(update.response["ok"], true);
    const std::string shown = update.args["view"].dump();
    EXPECT_THAT(shown, HasSubstr("q_email"));
    EXPECT_THAT(shown, HasSubstr("q_had_access_to_email_on_file"));
    const auto draft = bot_.store().Read([](storage::UnitOfWork& u) { return u.Drafts().Get(1); });
    EXPECT_EQ(draft->answers["email_status"], "different");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Qualify, ChangingAnAnswerThatRevealsNothingNewRedrawsNothing) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    const nlohmann::json offer = agent_.Submit(kAgent, view, QualifyAnswers());
    const nlohmann::json verification =
        agent_.Submit(kAgent, EscalationDriver::Updated(view, offer), {{"agrees_to_wait", "yes"}});
    nlohmann::json screen = EscalationDriver::Updated(view, verification);
    agent_.ChangeAnswer(kAgent, screen, {{"email_status", "on_file"}}, "email_status");
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.update", 1));
    screen = bot_.slack().Calls("views.update").at(0).args["view"];
    screen["id"] = view["id"];

    // Picking the same answer again shows the same questions: no redraw. A change that reveals
    // one more question does redraw, and it is the second update, not the third.
    agent_.ChangeAnswer(kAgent, screen, {{"email_status", "on_file"}}, "email_status");
    agent_.ChangeAnswer(kAgent, screen, {{"email_status", "different"}}, "email_status");

    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.update", 2));
    EXPECT_EQ(bot_.slack().CallCount("views.update"), 2u);
    EXPECT_THAT(bot_.slack().Calls("views.update").at(1).args["view"].dump(),
                HasSubstr("q_had_access_to_email_on_file"));
}

TEST_F(Qualify, MissingRequiredAnswersComeBackInlineAndTheDraftKeepsTheRest) {
    AgentAnswers answers = QualifyAnswers();
    answers.erase("interaction_id");
    const nlohmann::json view = agent_.Escalate(kAgent);

    const nlohmann::json ack = agent_.Submit(kAgent, view, answers);

    ASSERT_EQ(ack["response_action"], "errors");
    EXPECT_TRUE(ack["errors"].contains("q_interaction_id"));
    const auto draft = bot_.store().Read([](storage::UnitOfWork& u) { return u.Drafts().Get(1); });
    ASSERT_TRUE(draft);
    EXPECT_EQ(draft->answers["homeowner_name"], "Jane Q. Homeowner");
}

TEST_F(Qualify, OpenCaseForTheSameHomeownerIsShownWithItsStatusAndLastUpdate) {
    agent_.AgreeToWait(kAgent, "Jane Q. Homeowner", "12 North Main Street, Springfield");
    EscalationDriver other(bot_);
    const nlohmann::json view = other.Escalate(kOtherAgent);

    // Same homeowner, written differently.
    const nlohmann::json ack =
        other.Submit(kOtherAgent, view,
                     QualifyAnswers("homeowner", "jane q homeowner", "12 N. Main St, Springfield"));

    ASSERT_EQ(ack["response_action"], "update");
    const std::string text = AllText(ack["view"]);
    EXPECT_THAT(text, HasSubstr("already open for this homeowner"));
    EXPECT_THAT(text, HasSubstr("ESC-1"));
    EXPECT_THAT(text, HasSubstr("none yet"));
    EXPECT_THAT(other.LimitProblems(), IsEmpty());
}

TEST_F(Qualify, AddingToTheExistingCasePostsInItsThreadInsteadOfOpeningASecondCase) {
    const long long id = agent_.AgreeToWait(kAgent);
    EscalationDriver other(bot_);
    const nlohmann::json view = other.Escalate(kOtherAgent);
    AgentAnswers answers = QualifyAnswers();
    answers["interaction_id"] = "CX-SECOND-CALL";
    answers["existing_case_action"] = "add_to_existing";
    answers["interaction_said"] = "Calling again about the same concern.";

    const nlohmann::json result = other.Walk(kOtherAgent, view, answers);
    bot_.Flush();

    ASSERT_EQ(result["response_action"], "update");
    EXPECT_THAT(AllText(result["view"]), HasSubstr("added to case *ESC-1*"));
    EXPECT_FALSE(other.Case(id + 1).has_value());
    const auto posts = other.Messages(kResolution);
    ASSERT_EQ(posts.size(), 2u);  // the root and the reply in its thread
    EXPECT_EQ(posts[1]["thread_ts"], posts[0]["ts"]);
    EXPECT_THAT(AllText(posts[1]), HasSubstr("CX-SECOND-CALL"));
    EXPECT_THAT(AllText(posts[1]), HasSubstr("<@U0AGENT002>"));
    // An added interaction is not an update given to the customer (issue 16).
    EXPECT_FALSE(other.Case(id)->last_update_at.has_value());
    EXPECT_EQ(other.Audit("case:1").back().action, "case.interaction_added");
    EXPECT_THAT(other.LimitProblems(), IsEmpty());
}

TEST_F(Qualify, OpeningANewCaseForTheSameHomeownerIsStillPossible) {
    agent_.AgreeToWait(kAgent);
    EscalationDriver other(bot_);
    AgentAnswers answers = FullAnswers();
    answers["existing_case_action"] = "open_new";

    const nlohmann::json result = other.Walk(kOtherAgent, other.Escalate(kOtherAgent), answers);
    bot_.Flush();

    EXPECT_THAT(AllText(result["view"]), HasSubstr("Case ESC-2 created"));
    EXPECT_EQ(other.Messages(kResolution).size(), 2u);
}

TEST_F(Qualify, ResolvedCasesAreNotOfferedAsExistingCases) {
    agent_.AgreeToWait(kAgent);
    agent_.Click("U0LEAD00001", "case_resolve", "ESC-1");
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));
    const auto open = bot_.slack().Calls("views.open");
    nlohmann::json resolve = open.back().args["view"];
    resolve["id"] = open.back().response["view"]["id"];
    agent_.Submit("U0LEAD00001", resolve, {{"case_note", "Loan cancelled."}});

    const nlohmann::json ack = agent_.Submit(kAgent, agent_.Escalate(kAgent), QualifyAnswers());

    EXPECT_THAT(AllText(ack["view"]), HasSubstr("within 24-48 business hours"));
}

}  // namespace
}  // namespace escbot::test
