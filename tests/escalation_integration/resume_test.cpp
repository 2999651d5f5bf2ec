// Drafts: /escalate lists the agent's open drafts (homeowner, step reached, age) to pick one or
// start a new one; a draft keeps the SOP version it started under, also across a restart after
// the SOP file moved on. Several drafts at once: drafts_test.cpp.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/support/paths.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";

void Replace(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::logic_error("no " + from);
    text.replace(at, from.size(), to);
}

std::optional<storage::Draft> Draft(TestBot& bot, long long id) {
    return bot.store().Read([&](storage::UnitOfWork& u) { return u.Drafts().Get(id); });
}

class Resume : public ::testing::Test {
protected:
    /// Runs /escalate, answers the qualify screen, and returns the follow-up offer screen.
    nlohmann::json ToOfferScreen(EscalationDriver& agent) {
        const nlohmann::json view = agent.Escalate(kAgent, "Jane Q. Homeowner");
        const nlohmann::json ack = agent.Submit(kAgent, view, QualifyAnswers());
        return EscalationDriver::Updated(view, ack);
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
};

TEST_F(Resume, SlashCommandWithoutANameListsTheOpenDrafts) {
    ToOfferScreen(agent_);
    bot_.Advance(std::chrono::hours(2));

    const nlohmann::json view = agent_.Escalate(kAgent);

    ASSERT_FALSE(view.is_null());
    EXPECT_EQ(view["callback_id"], "escalation_resume");
    const std::string text = AllText(view);
    EXPECT_THAT(text, HasSubstr("1 unfinished escalation form"));
    EXPECT_THAT(text, HasSubstr("Jane Q. Homeowner · Offer a follow-up · 2 h"));
    EXPECT_THAT(text, HasSubstr("Start a new escalation"));
    EXPECT_THAT(view.dump(), HasSubstr("\"value\":\"draft:1\""));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Resume, PickingADraftShowsItsStepWithWhatWasTypedBeforeClosing) {
    const nlohmann::json offer = ToOfferScreen(agent_);
    agent_.Close(kAgent, offer, {{"agrees_to_wait", "yes"}});

    const nlohmann::json choice = agent_.Escalate(kAgent);
    const nlohmann::json ack = agent_.Submit(kAgent, choice, {{"resume_choice", "draft:1"}});

    ASSERT_EQ(ack["response_action"], "update");
    EXPECT_EQ(ack["view"]["callback_id"], "escalation_step");
    EXPECT_EQ(ack["view"]["title"]["text"], "Offer a follow-up");
    EXPECT_THAT(ack["view"].dump(),
                HasSubstr("\"initial_option\":{\"text\":{\"emoji\":true,\"text\":\"Yes\""));
    EXPECT_EQ(Draft(bot_, 1)->answers["agrees_to_wait"], "yes");
}

TEST_F(Resume, ResumedFormGoesOnToCreateTheCase) {
    const nlohmann::json offer = ToOfferScreen(agent_);
    agent_.Close(kAgent, offer, {});
    const nlohmann::json choice = agent_.Escalate(kAgent);
    const nlohmann::json resumed = agent_.Submit(kAgent, choice, {{"resume_choice", "draft:1"}});

    const nlohmann::json result =
        agent_.Walk(kAgent, EscalationDriver::Updated(choice, resumed), FullAnswers());
    bot_.Flush();

    EXPECT_THAT(AllText(result["view"]), HasSubstr("Case ESC-1 created"));
    EXPECT_EQ(agent_.Messages("C0RESOLUTN1").size(), 1u);
}

TEST_F(Resume, StartingANewOneFromTheListKeepsTheOtherDraftOpen) {
    ToOfferScreen(agent_);
    const nlohmann::json choice = agent_.Escalate(kAgent);

    const nlohmann::json ack = agent_.Submit(kAgent, choice, {{"resume_choice", "new"}});

    ASSERT_EQ(ack["response_action"], "update");
    EXPECT_EQ(ack["view"]["title"]["text"], "Escalate: qualify");
    EXPECT_THAT(ack["view"].dump(), Not(HasSubstr("Jane Q. Homeowner")));
    EXPECT_EQ(Draft(bot_, 1)->status, storage::Draft::Status::kOpen);
    EXPECT_EQ(Draft(bot_, 2)->status, storage::Draft::Status::kOpen);
    EXPECT_EQ(Draft(bot_, 2)->channel_id, Draft(bot_, 1)->channel_id);
}

TEST_F(Resume, ANameWithNoDraftStartsANewOnePrefilledAndKeepsTheOtherDraft) {
    ToOfferScreen(agent_);

    const nlohmann::json view = agent_.Escalate(kAgent, "John Smith");

    EXPECT_EQ(view["callback_id"], "escalation_step");
    EXPECT_EQ(view["title"]["text"], "Escalate: qualify");
    EXPECT_THAT(view.dump(), HasSubstr("\"initial_value\":\"John Smith\""));
    EXPECT_EQ(Draft(bot_, 1)->status, storage::Draft::Status::kOpen);
    EXPECT_EQ(Draft(bot_, 2)->answers["homeowner_name"], "John Smith");
}

TEST_F(Resume, TheResumeScreenListsOnlyTheAgentsOwnDrafts) {
    agent_.Escalate("U0AGENT002", "Other Person");
    ToOfferScreen(agent_);

    const nlohmann::json choice = agent_.Escalate(kAgent);

    EXPECT_THAT(AllText(choice), Not(HasSubstr("Other Person")));
    EXPECT_THAT(choice.dump(), Not(HasSubstr("draft:1")));
    EXPECT_THAT(choice.dump(), HasSubstr("draft:2"));
    // A choice that is not on the screen comes back as an error on it.
    const nlohmann::json ack = agent_.Submit(kAgent, choice, {{"resume_choice", "draft:1"}});
    EXPECT_EQ(ack["response_action"], "errors");
    EXPECT_TRUE(ack["errors"].contains("resume_choice"));
}

TEST_F(Resume, AnotherAgentsFormIsNotOffered) {
    ToOfferScreen(agent_);

    const nlohmann::json view = agent_.Escalate("U0AGENT002");

    EXPECT_EQ(view["callback_id"], "escalation_step");
    EXPECT_EQ(view["title"]["text"], "Escalate: qualify");
}

TEST_F(Resume, SubmittingAFinishedFormAgainChangesNothing) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    agent_.Walk(kAgent, view, FullAnswers());
    bot_.Flush();

    const nlohmann::json ack = agent_.Submit(kAgent, view, QualifyAnswers());
    bot_.Flush();

    EXPECT_THAT(AllText(ack["view"]), HasSubstr("already submitted"));
    EXPECT_EQ(agent_.Messages("C0RESOLUTN1").size(), 1u);
}

TEST(ResumeAcrossVersions, DraftStartedUnderAnOlderSopResumesAfterARestartWhenTheFileMovedOn) {
    TempDir dir;
    const std::filesystem::path sop_path = dir / "escalation.toml";
    std::string sop_text = ReadFile(SourceDir() / "config/sop/escalation.toml");
    { std::ofstream(sop_path) << sop_text; }
    TestBot::Options options;
    options.edit_config = [&](std::string& toml) {
        const auto at = toml.find("sop_file = ");
        const auto end = toml.find('\n', at);
        toml.replace(at, end - at, "sop_file = \"" + sop_path.string() + "\"");
    };
    TestBot bot(options);
    EscalationDriver agent(bot);
    const nlohmann::json view = agent.Escalate(kAgent);
    agent.Submit(kAgent, view, QualifyAnswers());

    // Ops publish a new version; the bot restarts and only knows the new file.
    Replace(sop_text, "version = \"2026.11.1\"", "version = \"2026.12.1\"");
    Replace(sop_text, "label = \"Does the customer allow us to review",
            "label = \"NEW WORDING: does the customer allow us to review");
    { std::ofstream(sop_path) << sop_text; }
    bot.Restart();
    EscalationDriver after(bot);
    const nlohmann::json choice = after.Escalate(kAgent);
    const nlohmann::json resumed = after.Submit(kAgent, choice, {{"resume_choice", "draft:1"}});

    ASSERT_EQ(resumed["response_action"], "update");
    EXPECT_EQ(resumed["view"]["title"]["text"], "Offer a follow-up");
    EXPECT_THAT(AllText(resumed["view"]), Not(HasSubstr("NEW WORDING")));
    const nlohmann::json result =
        after.Walk(kAgent, EscalationDriver::Updated(choice, resumed), FullAnswers());
    EXPECT_THAT(AllText(result["view"]), HasSubstr("Case ESC-1 created"));
    EXPECT_EQ(after.Case(1)->sop_version, "2026.11.1");
    // A new form starts under the new version.
    const nlohmann::json fresh = after.Escalate("U0AGENT002");
    const nlohmann::json offer =
        after.Submit("U0AGENT002", fresh, QualifyAnswers("homeowner", "Other Person", "1 Elm St"));
    EXPECT_THAT(AllText(offer["view"]), HasSubstr("NEW WORDING"));
}

}  // namespace
}  // namespace escbot::test
