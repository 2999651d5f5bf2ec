// The leads' thread: Claim (Reassign once claimed), Add update, Resolve, and the agent's DMs as
// the case moves on. Only leads (settings groups.leads: users and user groups) may act; a refusal
// changes nothing and says who may. The promise's reminders are in promise_test.cpp.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kLead = "U0LEAD00001";  // listed by id in groups.leads
constexpr const char* kResolution = "C0RESOLUTN1";

class CaseThread : public ::testing::Test {
protected:
    void SetUp() override {
        id_ = agent_.AgreeToWait(kAgent);
        ASSERT_GT(id_, 0);
    }
    std::string Id() const { return "ESC-" + std::to_string(id_); }
    nlohmann::json Root() { return agent_.Messages(kResolution).at(0); }
    std::vector<nlohmann::json> Replies() {
        auto all = agent_.Messages(kResolution);
        return {all.begin() + 1, all.end()};
    }
    /// The modal the last click opened (as Slack shows it).
    nlohmann::json OpenedView() {
        const auto calls = bot_.slack().Calls("views.open");
        nlohmann::json view = calls.back().args["view"];
        view["id"] = calls.back().response["view"]["id"];
        return view;
    }
    /// The DMs the agent who escalated got after the case was posted (summary and link left out).
    std::vector<std::string> AgentNews() {
        std::vector<std::string> out;
        for (const auto& dm : agent_.DirectMessages(kAgent)) {
            const std::string text = MrkdwnText(dm);
            if (text.find("Your escalation") != std::string::npos ||
                text.find("gave the customer an update") != std::string::npos)
                out.push_back(text);
        }
        return out;
    }
    /// Clicks Reassign as `lead` and submits the modal picking `to`; returns the ack body.
    nlohmann::json Reassign(const std::string& lead, const std::string& to,
                            const std::string& note = "") {
        const std::size_t opened = bot_.slack().CallCount("views.open");
        agent_.Click(lead, "case_reassign", Id());
        EXPECT_TRUE(bot_.slack().WaitForAnswers("views.open", opened + 1));
        const nlohmann::json view = OpenedView();
        EXPECT_EQ(view["callback_id"], "case_reassign_to");
        const nlohmann::json ack =
            agent_.Submit(lead, view, {{"case_new_owner", to}, {"case_note", note}});
        bot_.Flush();
        return ack;
    }
    std::string LastEphemeral(const std::string& user) {
        const auto notes = agent_.Ephemerals(user);
        return notes.empty() ? std::string() : notes.back().value("text", "");
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
    long long id_ = 0;
};

TEST_F(CaseThread, LeadClaimSetsTheOwnerAndTheRootShowsIt) {
    agent_.Click(kLead, "case_claim", Id());
    bot_.Flush();

    const auto c = agent_.Case(id_);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kClaimed);
    EXPECT_EQ(c->owner, kLead);
    const std::string root = AllText(Root());
    EXPECT_THAT(root, HasSubstr("<@U0LEAD00001>"));
    EXPECT_THAT(root, HasSubstr("Claimed"));
    ASSERT_EQ(Replies().size(), 1u);
    EXPECT_THAT(AllText(Replies()[0]), HasSubstr("claimed this case"));
    EXPECT_EQ(Replies()[0]["thread_ts"], Root()["ts"]);
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.claimed");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(CaseThread, UnauthorisedClaimGetsAnEphemeralRefusalAndNothingChanges) {
    const nlohmann::json before = Root();

    agent_.Click("U0NOTALEAD", "case_claim", Id());
    bot_.Flush();

    EXPECT_THAT(LastEphemeral("U0NOTALEAD"), HasSubstr("Only resolution leads"));
    EXPECT_THAT(LastEphemeral("U0NOTALEAD"), HasSubstr("<!subteam^S0LEADS0001> <@U0LEAD00001>"));
    const auto c = agent_.Case(id_);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kOpen);
    EXPECT_EQ(c->owner, "");
    EXPECT_EQ(Root(), before);
    EXPECT_THAT(Replies(), IsEmpty());
    EXPECT_EQ(bot_.slack().CallCount("chat.update"), 0u);
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.created");
}

TEST_F(CaseThread, ClaimingTwiceIsToldTheCaseIsAlreadyYours) {
    agent_.Click(kLead, "case_claim", Id());

    agent_.Click(kLead, "case_claim", Id());
    bot_.Flush();

    EXPECT_EQ(agent_.Case(id_)->owner, kLead);
    EXPECT_THAT(LastEphemeral(kLead), HasSubstr("already own this case"));
    EXPECT_EQ(Replies().size(), 1u);
}

TEST(CaseThreadTwoLeads, SecondLeadsClaimIsToldWhoOwnsTheCase) {
    TestBot::Options options;
    options.edit_config = [](std::string& toml) {
        const std::string leads = "leads = [\"S0LEADS0001\", \"U0LEAD00001\"]";
        toml.replace(toml.find(leads), leads.size(),
                     "leads = [\"S0LEADS0001\", \"U0LEAD00001\", \"U0LEAD00002\"]");
    };
    TestBot bot(options);
    EscalationDriver agent(bot);
    const std::string id = "ESC-" + std::to_string(agent.AgreeToWait(kAgent));
    agent.Click(kLead, "case_claim", id);

    agent.Click("U0LEAD00002", "case_claim", id);
    bot.Flush();

    EXPECT_EQ(agent.Case(1)->owner, kLead);
    const auto notes = agent.Ephemerals("U0LEAD00002");
    ASSERT_FALSE(notes.empty());
    EXPECT_THAT(notes.back().value("text", ""), HasSubstr("already claimed by <@U0LEAD00001>"));
}

TEST_F(CaseThread, AddUpdateOpensAModalAndPostsTheUpdateInTheThread) {
    agent_.Click(kLead, "case_add_update", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));
    const nlohmann::json modal = OpenedView();
    EXPECT_EQ(modal["callback_id"], "case_update");
    bot_.clock().Advance(std::chrono::minutes(90));

    const nlohmann::json ack = agent_.Submit(
        kLead, modal, {{"case_note", "Called the installer; <!here> waiting on docs"}});
    bot_.Flush();

    EXPECT_TRUE(ack.is_null());  // the modal closes
    ASSERT_EQ(Replies().size(), 1u);
    const std::string reply = Replies()[0].dump();
    EXPECT_THAT(reply, HasSubstr("Called the installer"));
    EXPECT_THAT(reply, HasSubstr("&lt;!here&gt;"));
    EXPECT_THAT(reply, Not(HasSubstr("<!here>")));
    EXPECT_EQ(agent_.Case(id_)->last_update_at, bot_.clock().Now());
    EXPECT_THAT(AllText(Root()), HasSubstr("Last update"));
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.updated");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(CaseThread, EmptyUpdateIsRefusedInline) {
    agent_.Click(kLead, "case_add_update", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));

    const nlohmann::json ack = agent_.Submit(kLead, OpenedView(), {{"case_note", "   "}});

    ASSERT_EQ(ack["response_action"], "errors");
    EXPECT_TRUE(ack["errors"].contains("case_note"));
}

TEST_F(CaseThread, LeadResolvesWithANoteAndTheCaseCloses) {
    agent_.Click(kLead, "case_resolve", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));
    const nlohmann::json modal = OpenedView();
    EXPECT_EQ(modal["callback_id"], "case_resolve_note");

    const nlohmann::json ack =
        agent_.Submit(kLead, modal, {{"case_note", "Loan cancelled with the installer."}});
    bot_.Flush();

    EXPECT_TRUE(ack.is_null());
    const auto c = agent_.Case(id_);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kResolved);
    EXPECT_EQ(c->resolved_by, kLead);
    EXPECT_EQ(c->resolution_note, "Loan cancelled with the installer.");
    const nlohmann::json root = Root();
    EXPECT_THAT(AllText(root), HasSubstr("Resolved"));
    EXPECT_THAT(AllText(root), HasSubstr("Loan cancelled with the installer."));
    EXPECT_THAT(root.dump(), Not(HasSubstr("case_claim")));
    EXPECT_THAT(AllText(Replies().back()), HasSubstr("Resolved by <@U0LEAD00001>"));
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.resolved");
    // No follow-up reminder for a resolved case.
    bot_.Advance(std::chrono::hours(25));
    EXPECT_EQ(Replies().size(), 1u);
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(CaseThread, UnauthorisedResolveIsRefusedWithoutOpeningTheModal) {
    agent_.Click("U0NOTALEAD", "case_resolve", Id());
    bot_.Flush();

    EXPECT_THAT(LastEphemeral("U0NOTALEAD"), HasSubstr("Only resolution leads"));
    EXPECT_EQ(bot_.slack().CallCount("views.open"), 1u);  // only the /escalate form
    EXPECT_EQ(agent_.Case(id_)->status, storage::EscalationCase::Status::kOpen);
}

TEST_F(CaseThread, ResolveSubmittedBySomeoneWhoIsNotALeadChangesNothing) {
    agent_.Click(kLead, "case_resolve", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));

    const nlohmann::json ack = agent_.Submit("U0NOTALEAD", OpenedView(), {{"case_note", "done"}});

    ASSERT_EQ(ack["response_action"], "errors");
    EXPECT_EQ(agent_.Case(id_)->status, storage::EscalationCase::Status::kOpen);
}

TEST_F(CaseThread, UnauthorisedAddUpdateIsRefusedWithoutOpeningTheModal) {
    agent_.Click("U0SPECIAL01", "case_add_update", Id());
    bot_.Flush();

    EXPECT_THAT(LastEphemeral("U0SPECIAL01"), HasSubstr("Only resolution leads"));
    EXPECT_EQ(bot_.slack().CallCount("views.open"), 1u);  // only the /escalate form
    EXPECT_THAT(Replies(), IsEmpty());
}

TEST_F(CaseThread, UpdateSubmittedBySomeoneWhoIsNotALeadChangesNothing) {
    agent_.Click(kLead, "case_add_update", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));

    const nlohmann::json ack = agent_.Submit("U0NOTALEAD", OpenedView(), {{"case_note", "hi"}});
    bot_.Flush();

    ASSERT_EQ(ack["response_action"], "errors");
    EXPECT_THAT(ack["errors"]["case_note"].get<std::string>(), HasSubstr("Only resolution leads"));
    EXPECT_FALSE(agent_.Case(id_)->last_update_at.has_value());
    EXPECT_THAT(Replies(), IsEmpty());
}

TEST_F(CaseThread, ClaimTurnsIntoReassignOnTheRoot) {
    EXPECT_THAT(Root().dump(), HasSubstr("\"case_claim\""));

    agent_.Click(kLead, "case_claim", Id());
    bot_.Flush();

    EXPECT_THAT(Root().dump(), HasSubstr("\"case_reassign\""));
    EXPECT_THAT(Root().dump(), Not(HasSubstr("\"case_claim\"")));
}

TEST_F(CaseThread, LeadReassignsAClaimedCaseWithANoteInTheThread) {
    agent_.Click(kLead, "case_claim", Id());
    bot_.clock().Advance(std::chrono::minutes(30));

    const nlohmann::json ack = Reassign(kLead, "U0SPECIAL01", "Sam knows this installer.");

    EXPECT_TRUE(ack.is_null());  // the modal closes
    const auto c = agent_.Case(id_);
    EXPECT_EQ(c->owner, "U0SPECIAL01");
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kClaimed);
    const std::string note = AllText(Replies().back());
    EXPECT_THAT(note, HasSubstr("<@U0LEAD00001> reassigned this case from <@U0LEAD00001> to "
                                "<@U0SPECIAL01>"));
    EXPECT_THAT(note, HasSubstr("Sam knows this installer."));
    EXPECT_EQ(Replies().back()["thread_ts"], Root()["ts"]);
    EXPECT_THAT(AllText(Root()), HasSubstr("<@U0SPECIAL01>"));
    const auto audit = agent_.Audit("case:1").back();
    EXPECT_EQ(audit.action, "case.reassigned");
    EXPECT_EQ(audit.actor, kLead);
    EXPECT_EQ(audit.detail["before"]["owner"], kLead);
    EXPECT_EQ(audit.detail["after"]["owner"], "U0SPECIAL01");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(CaseThread, UnauthorisedReassignIsRefusedAndChangesNothing) {
    agent_.Click(kLead, "case_claim", Id());
    bot_.Flush();
    const nlohmann::json before = Root();

    agent_.Click("U0NOTALEAD", "case_reassign", Id());
    bot_.Flush();

    EXPECT_THAT(LastEphemeral("U0NOTALEAD"), HasSubstr("Only resolution leads"));
    EXPECT_EQ(bot_.slack().CallCount("views.open"), 1u);
    EXPECT_EQ(agent_.Case(id_)->owner, kLead);
    EXPECT_EQ(Root(), before);
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.claimed");
}

TEST_F(CaseThread, ReassignSubmittedBySomeoneWhoIsNotALeadChangesNothing) {
    agent_.Click(kLead, "case_claim", Id());
    agent_.Click(kLead, "case_reassign", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));

    const nlohmann::json ack =
        agent_.Submit("U0NOTALEAD", OpenedView(), {{"case_new_owner", "U0NOTALEAD"}});

    ASSERT_EQ(ack["response_action"], "errors");
    EXPECT_THAT(ack["errors"]["case_new_owner"].get<std::string>(),
                HasSubstr("Only resolution leads"));
    // An inline error is plain text: no raw mention markup in it.
    EXPECT_THAT(ack["errors"]["case_new_owner"].get<std::string>(), Not(HasSubstr("<")));
    EXPECT_EQ(agent_.Case(id_)->owner, kLead);
}

TEST_F(CaseThread, ReassigningToTheOwnerOrToNobodyIsRefusedInline) {
    agent_.Click(kLead, "case_claim", Id());

    const nlohmann::json same = Reassign(kLead, kLead);
    const nlohmann::json nobody = Reassign(kLead, "");

    ASSERT_EQ(same["response_action"], "errors");
    EXPECT_THAT(same["errors"]["case_new_owner"].get<std::string>(), HasSubstr("already own"));
    ASSERT_EQ(nobody["response_action"], "errors");
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.claimed");
}

TEST_F(CaseThread, AnUnclaimedCaseCannotBeReassigned) {
    agent_.Click(kLead, "case_reassign", Id());
    bot_.Flush();

    EXPECT_THAT(LastEphemeral(kLead), HasSubstr("claim it first"));
    EXPECT_EQ(bot_.slack().CallCount("views.open"), 1u);
}

TEST_F(CaseThread, TheAgentWhoEscalatedIsToldOfClaimUpdateReassignAndResolveByDm) {
    agent_.Click(kLead, "case_claim", Id());
    bot_.Flush();
    ASSERT_EQ(AgentNews().size(), 1u);
    EXPECT_THAT(AgentNews()[0], HasSubstr("was claimed by <@U0LEAD00001>"));
    EXPECT_THAT(AgentNews()[0], HasSubstr(Id()));

    agent_.Click(kLead, "case_add_update", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));
    agent_.Submit(kLead, OpenedView(), {{"case_note", "Left a voicemail for the homeowner."}});
    bot_.Flush();
    ASSERT_EQ(AgentNews().size(), 2u);
    EXPECT_THAT(AgentNews()[1], HasSubstr("gave the customer an update"));
    EXPECT_THAT(AgentNews()[1], HasSubstr("Left a voicemail for the homeowner."));
    EXPECT_THAT(AgentNews()[1], HasSubstr("Next update due"));

    Reassign(kLead, "U0SPECIAL01");
    ASSERT_EQ(AgentNews().size(), 3u);
    EXPECT_THAT(AgentNews()[2], HasSubstr("reassigned to <@U0SPECIAL01>"));

    agent_.Click(kLead, "case_resolve", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 4));
    agent_.Submit(kLead, OpenedView(), {{"case_note", "Contract cancelled."}});
    bot_.Flush();
    ASSERT_EQ(AgentNews().size(), 4u);
    EXPECT_THAT(AgentNews()[3], HasSubstr("was resolved by <@U0LEAD00001>"));
    EXPECT_THAT(AgentNews()[3], HasSubstr("Contract cancelled."));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(CaseThread, ARefusedClickSendsTheAgentNothing) {
    agent_.Click("U0NOTALEAD", "case_claim", Id());
    agent_.Click("U0NOTALEAD", "case_resolve", Id());
    bot_.Flush();

    EXPECT_THAT(AgentNews(), IsEmpty());
}

TEST_F(CaseThread, StaleButtonValueIsToldSo) {
    agent_.Click(kLead, "case_claim", "not-a-case");
    bot_.Flush();

    EXPECT_THAT(LastEphemeral(kLead), HasSubstr("no longer valid"));
}

TEST(CaseThreadGroups, MemberOfALeadUserGroupMayClaim) {
    TestBot bot;
    bot.slack().SetUsergroupMembers("S0LEADS0001", {"U0GROUPLEAD"});
    bot.Restart();  // the bot fetches the lead groups' members when it starts
    EscalationDriver agent(bot);
    const long long id = agent.AgreeToWait(kAgent);

    // The members arrive in the background: a click before they do is refused, so click until
    // the claim goes through (bounded).
    bool claimed = false;
    for (int attempt = 0; attempt < 400 && !claimed; ++attempt) {
        agent.Click("U0GROUPLEAD", "case_claim", "ESC-" + std::to_string(id));
        claimed = agent.Case(id)->owner == "U0GROUPLEAD";
        if (!claimed) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    EXPECT_TRUE(claimed);
}

}  // namespace
}  // namespace escbot::test
