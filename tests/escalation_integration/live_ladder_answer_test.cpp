// SOP §1 B as the tiers live it, over signed HTTP against the fake Slack: a page is answered
// within its window (the clock stops), then the one who answered records "accepted for
// handling" (the ladder ends) or "not accepted" (the next tier at once). Only the people paged
// for the tier may press its buttons (the authorization table), never the agent who raised it.

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/escalation/ladder_history.hpp"
#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using commands::escalation::LadderEvent;
using commands::escalation::LadderHistory;
using std::chrono::seconds;
using storage::LiveLadder;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kLive = "C0LIVEESC01";
constexpr const char* kResolution = "C0RESOLUTN1";
constexpr const char* kTier2 = "U0TIER2001";
constexpr const char* kLead = "U0LEAD00001";
constexpr const char* kStranger = "U0AGENT777";
constexpr const char* kGroupLead = "U0GRPLEAD01";  // a lead only through @resolution-leads

constexpr long long kMonday10Et = 1795446000;  // 2026-11-23, America/New_York is UTC-5
constexpr long long kMonday19Et = kMonday10Et + 9 * 3600;

class LadderAnswers : public ::testing::Test {
protected:
    explicit LadderAnswers(TestBot::Options options = {}) : bot_(WithGroups(std::move(options))) {}

    /// @resolution-leads (S0LEADS0001) holds kGroupLead when the bot starts (it fetches the
    /// members of every rotation's groups then).
    static TestBot::Options WithGroups(TestBot::Options options) {
        auto more = std::move(options.prepare_slack);
        options.prepare_slack = [more](FakeSlackServer& slack) {
            slack.SetUsergroupMembers("S0LEADS0001", {kGroupLead});
            if (more) more(slack);
        };
        return options;
    }

    std::vector<nlohmann::json> Pings() { return agent_.Messages(kLive); }
    static std::string Value(long long case_id, int step) {
        return std::to_string(case_id) + ":" + std::to_string(step);
    }
    int Click(const std::string& user, const char* action, long long id, int step) {
        const int status = agent_.Click(user, action, Value(id, step), kLive);
        bot_.Flush();
        return status;
    }
    static std::vector<std::string> ActionIds(const nlohmann::json& message) {
        std::vector<std::string> ids;
        for (const auto& block : message.value("blocks", nlohmann::json::array())) {
            if (block.value("type", "") != "actions") continue;
            for (const auto& element : block["elements"]) ids.push_back(element["action_id"]);
        }
        return ids;
    }
    std::string StatusText() {
        const auto dms = agent_.DirectMessages(kAgent);
        return dms.empty() ? std::string() : AllText(dms.front());
    }
    std::string LastEphemeral(const std::string& user) {
        const auto notes = agent_.Ephemerals(user);
        return notes.empty() ? std::string() : notes.back().value("text", "");
    }
    LadderHistory History(long long id) {
        return agent_.Ladder(id)->history.get<LadderHistory>();
    }
    std::vector<std::string> AuditActions(long long id) {
        std::vector<std::string> actions;
        for (const auto& entry : agent_.Audit("case:" + std::to_string(id))) {
            actions.push_back(entry.action);
        }
        return actions;
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
};

// --- Answered, then accepted or not -----------------------------------------------------------

TEST_F(LadderAnswers, AnsweredThenNotAcceptedPagesTheNextTierAtOnce) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(10));

    ASSERT_EQ(Click(kTier2, "ladder_answer", id, 1), 200);

    EXPECT_EQ(agent_.Ladder(id)->status, LiveLadder::Status::kAnswered);
    EXPECT_EQ(agent_.Ladder(id)->answered_by, kTier2);
    auto pings = Pings();
    ASSERT_EQ(pings.size(), 1u);
    EXPECT_THAT(AllText(pings[0]), HasSubstr("Answered by <@U0TIER2001>"));
    EXPECT_THAT(ActionIds(pings[0]), ::testing::ElementsAre("ladder_accept", "ladder_not_accept"));
    EXPECT_THAT(StatusText(), HasSubstr("answered by <@U0TIER2001>, discussing"));

    // They discuss for two minutes: the window's clock stopped at the answer.
    bot_.Advance(seconds(120));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "tier2");
    EXPECT_EQ(Pings().size(), 1u);

    ASSERT_EQ(Click(kTier2, "ladder_not_accept", id, 1), 200);

    const auto ladder = agent_.Ladder(id);
    EXPECT_EQ(ladder->status, LiveLadder::Status::kPaging);
    EXPECT_EQ(ladder->tier_id, "resolution_lead");
    EXPECT_EQ(ladder->step, 2);
    EXPECT_EQ(ladder->deadline, FromUnix(kMonday10Et + 130 + 30));
    pings = Pings();
    ASSERT_EQ(pings.size(), 2u);
    EXPECT_THAT(ActionIds(pings[0]), IsEmpty());
    EXPECT_THAT(AllText(pings[0]), HasSubstr("Not accepted* by <@U0TIER2001>"));
    EXPECT_THAT(ActionIds(pings[1]), ::testing::ElementsAre("ladder_answer", "ladder_decline"));
    EXPECT_THAT(AllText(pings[1]), HasSubstr("<@U0LEAD00001>"));
    EXPECT_THAT(StatusText(), HasSubstr("*not accepted* by <@U0TIER2001>"));
    EXPECT_THAT(StatusText(), HasSubstr("paging Resolution Lead"));
    const LadderHistory history = History(id);
    bool answered = false, not_accepted = false;
    for (const auto& e : history.entries) {
        if (e.event == LadderEvent::kAnswered) {
            answered = e.by == kTier2 && e.at == FromUnix(kMonday10Et + 10) && e.step == 1;
        }
        if (e.event == LadderEvent::kNotAccepted) {
            not_accepted = e.by == kTier2 && e.at == FromUnix(kMonday10Et + 130) && e.step == 1;
        }
    }
    EXPECT_TRUE(answered);
    EXPECT_TRUE(not_accepted);
    EXPECT_THAT(AuditActions(id),
                ::testing::IsSupersetOf({"ladder.answered", "ladder.not_accepted"}));
    // The next tier has its own full window.
    bot_.Advance(seconds(29));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
    bot_.Advance(seconds(1));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(LadderAnswers, AnsweredThenAcceptedEndsTheLadderAndRecordsTheTransfer) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");
    ASSERT_EQ(Click(kLead, "ladder_answer", id, 1), 200);
    bot_.Advance(seconds(45));  // past the window: the discussion goes on

    ASSERT_EQ(Click(kLead, "ladder_accept", id, 1), 200);

    const auto ladder = agent_.Ladder(id);
    EXPECT_EQ(ladder->status, LiveLadder::Status::kAccepted);
    EXPECT_EQ(ladder->owner, kLead);
    const auto c = agent_.Case(id);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kTransferred);
    EXPECT_EQ(c->owner, kLead);
    EXPECT_THAT(ActionIds(Pings().at(0)), IsEmpty());
    EXPECT_THAT(AllText(Pings().at(0)), HasSubstr("Accepted by <@U0LEAD00001>* for handling"));
    EXPECT_THAT(StatusText(), HasSubstr("accepted by <@U0LEAD00001>* for handling"));
    const LadderHistory history = History(id);
    ASSERT_GE(history.entries.size(), 2u);
    const auto& last = history.entries.back();
    EXPECT_EQ(last.event, LadderEvent::kAccepted);
    EXPECT_EQ(last.by, kLead);
    EXPECT_EQ(last.at, FromUnix(kMonday10Et + 45));
    EXPECT_EQ(history.entries[history.entries.size() - 2].event, LadderEvent::kAnswered);
    bot_.Advance(seconds(120));
    EXPECT_EQ(Pings().size(), 1u);
    EXPECT_THAT(agent_.Messages(kResolution), IsEmpty());
    EXPECT_THAT(AuditActions(id), ::testing::IsSupersetOf({"ladder.answered", "ladder.accepted"}));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

// --- The window, to the second ----------------------------------------------------------------

TEST_F(LadderAnswers, AnswerAtTwentyNineSecondsStopsTheClock) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(29));

    Click(kTier2, "ladder_answer", id, 1);
    bot_.Advance(seconds(1));
    bot_.Advance(seconds(300));

    EXPECT_EQ(agent_.Ladder(id)->status, LiveLadder::Status::kAnswered);
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "tier2");
    EXPECT_EQ(Pings().size(), 1u);
}

TEST_F(LadderAnswers, NoAnswerInThirtySecondsPagesTheNextTierAndTheLateAnswerIsTooLate) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(30));

    Click(kTier2, "ladder_answer", id, 1);

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
    EXPECT_EQ(agent_.Ladder(id)->status, LiveLadder::Status::kPaging);
    EXPECT_THAT(LastEphemeral(kTier2), HasSubstr("expired"));
}

TEST_F(LadderAnswers, OnlyTheOneWhoAnsweredMayAcceptOrNotAccept) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    Click(kTier2, "ladder_answer", id, 1);

    Click("U0TIER2002", "ladder_answer", id, 1);
    EXPECT_THAT(LastEphemeral("U0TIER2002"), HasSubstr("Already answered by <@U0TIER2001>"));
    Click("U0TIER2002", "ladder_accept", id, 1);
    EXPECT_THAT(LastEphemeral("U0TIER2002"),
                HasSubstr("Only the person who answered the page"));
    EXPECT_THAT(LastEphemeral("U0TIER2002"), HasSubstr("<@U0TIER2001>"));
    Click("U0TIER2002", "ladder_not_accept", id, 1);
    Click("U0TIER2002", "ladder_decline", id, 1);

    const auto ladder = agent_.Ladder(id);
    EXPECT_EQ(ladder->status, LiveLadder::Status::kAnswered);
    EXPECT_EQ(ladder->answered_by, kTier2);
    EXPECT_EQ(ladder->step, 1);
}

// --- Who may press what -----------------------------------------------------------------------

TEST_F(LadderAnswers, APersonWhoWasNotPagedIsRefusedPrivatelyAndNothingChanges) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    const auto before = agent_.Ladder(id);
    const std::size_t updates = bot_.slack().CallCount("chat.update");
    const std::size_t audit = AuditActions(id).size();

    for (const char* action : {"ladder_answer", "ladder_accept", "ladder_decline"}) {
        EXPECT_EQ(Click(kStranger, action, id, 1), 200);
    }

    const auto after = agent_.Ladder(id);
    EXPECT_EQ(after->status, LiveLadder::Status::kPaging);
    EXPECT_EQ(after->answered_by, "");
    EXPECT_EQ(after->history, before->history);
    EXPECT_EQ(bot_.slack().CallCount("chat.update"), updates);
    EXPECT_EQ(AuditActions(id).size(), audit);
    const auto notes = agent_.Ephemerals(kStranger);
    ASSERT_EQ(notes.size(), 3u);
    EXPECT_EQ(notes[0]["channel"], kLive);
    EXPECT_EQ(notes[0]["user"], kStranger);
    EXPECT_THAT(notes[0].value("text", ""), HasSubstr("You cannot answer this page."));
    EXPECT_THAT(notes[0].value("text", ""),
                HasSubstr("Only the people paged for that tier"));
    EXPECT_THAT(notes[0].value("text", ""),
                HasSubstr("<@U0TIER2001> <@U0TIER2002> <@U0TIER2003>"));
    EXPECT_THAT(notes[2].value("text", ""), HasSubstr("You cannot decline this page."));
    EXPECT_THAT(bot_.metrics().RenderText(),
                HasSubstr("escbot_access_refusals_total{action=\"answer_page\"} 2"));
}

TEST_F(LadderAnswers, AGroupMemberFoundThroughSlackMayAnswerAndAcceptAndANonMemberMayNot) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");  // leads + @resolution-leads

    Click(kStranger, "ladder_decline", id, 1);
    EXPECT_THAT(LastEphemeral(kStranger), HasSubstr("<!subteam^S0LEADS0001>"));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");

    ASSERT_EQ(Click(kGroupLead, "ladder_answer", id, 1), 200);
    EXPECT_EQ(agent_.Ladder(id)->answered_by, kGroupLead);
    Click(kGroupLead, "ladder_accept", id, 1);

    EXPECT_EQ(agent_.Ladder(id)->status, LiveLadder::Status::kAccepted);
    EXPECT_EQ(agent_.Case(id)->owner, kGroupLead);
    bool asked = false;
    for (const auto& call : bot_.slack().Calls("usergroups.users.list")) {
        asked = asked || call.args.value("usergroup", "") == "S0LEADS0001";
    }
    EXPECT_TRUE(asked);
}

class LadderAnswersWithoutGroupsScope : public LadderAnswers {
protected:
    static TestBot::Options Options() {
        TestBot::Options options;
        options.prepare_slack = [](FakeSlackServer& slack) {
            slack.SetScopes({"chat:write", "commands"});  // installed without usergroups:read
        };
        return options;
    }
    LadderAnswersWithoutGroupsScope() : LadderAnswers(Options()) {}
};

TEST_F(LadderAnswersWithoutGroupsScope, GroupMembersAreRefusedAndTheRefusalSaysWhoMay) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");

    Click(kGroupLead, "ladder_answer", id, 1);

    EXPECT_EQ(agent_.Ladder(id)->status, LiveLadder::Status::kPaging);
    EXPECT_THAT(LastEphemeral(kGroupLead), HasSubstr("<@U0LEAD00001> <@U0LEAD00002>"));
    Click(kLead, "ladder_answer", id, 1);  // paged by name: no group needed
    EXPECT_EQ(agent_.Ladder(id)->answered_by, kLead);
}

class LadderAnswersRaiserOnDuty : public LadderAnswers {
protected:
    static TestBot::Options Options() {
        TestBot::Options options;
        options.edit_config = [](std::string& toml) {
            // The escalating agent is also a Tier 2 agent on duty.
            const std::string users = "users = [\"U0TIER2001\", \"U0TIER2002\", \"U0TIER2003\"]";
            toml.replace(toml.find(users), users.size(),
                         "users = [\"U0TIER2001\", \"U0AGENT001\"]");
        };
        return options;
    }
    LadderAnswersRaiserOnDuty() : LadderAnswers(Options()) {}
};

TEST_F(LadderAnswersRaiserOnDuty, TheRaisingAgentMayNotAnswerOrAcceptItsOwnPage) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    ASSERT_THAT(AllText(Pings().at(0)), HasSubstr("<@U0AGENT001>"));  // paged with the tier

    Click(kAgent, "ladder_answer", id, 1);
    EXPECT_THAT(LastEphemeral(kAgent),
                HasSubstr("You raised this escalation, so you cannot answer this page."));
    EXPECT_THAT(LastEphemeral(kAgent), HasSubstr("<@U0TIER2001>"));
    EXPECT_THAT(LastEphemeral(kAgent), Not(HasSubstr("<@U0AGENT001>")));
    Click(kAgent, "ladder_accept", id, 1);  // the one-click Accept of an older page
    EXPECT_THAT(LastEphemeral(kAgent), HasSubstr("You raised this escalation"));

    const auto ladder = agent_.Ladder(id);
    EXPECT_EQ(ladder->status, LiveLadder::Status::kPaging);
    EXPECT_EQ(ladder->owner, "");
    EXPECT_EQ(agent_.Case(id)->status, storage::EscalationCase::Status::kLive);
    // The Tier 2 colleague on duty still can.
    Click(kTier2, "ladder_answer", id, 1);
    EXPECT_EQ(agent_.Ladder(id)->answered_by, kTier2);
}

// --- What the pages say -----------------------------------------------------------------------

TEST_F(LadderAnswers, OnlyTheLastTiersPageSaysVoicemailComesNext) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(30));
    bot_.Advance(seconds(30));
    ASSERT_EQ(agent_.Ladder(id)->tier_id, "supervisor");

    const auto pings = Pings();
    ASSERT_EQ(pings.size(), 3u);
    EXPECT_THAT(AllText(pings[0]), Not(HasSubstr("voicemail")));
    EXPECT_THAT(AllText(pings[1]), Not(HasSubstr("voicemail")));
    EXPECT_THAT(AllText(pings[2]), HasSubstr("otherwise the customer goes to *voicemail*"));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

class LadderAnswersMonday19 : public LadderAnswers {
protected:
    static TestBot::Options Options() {
        TestBot::Options options;
        options.start = FromUnix(kMonday19Et);
        return options;
    }
    LadderAnswersMonday19() : LadderAnswers(Options()) {}
};

TEST_F(LadderAnswersMonday19, ASkippedTierSaysWhenItsNextShiftStarts) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
    const std::string next = "next shift starts Tue Nov 24, 2026 9:00 AM EST";
    EXPECT_THAT(StatusText(), HasSubstr("Resolution Lead* skipped: no one on duty; " + next));
    EXPECT_THAT(AllText(Pings().at(0)),
                HasSubstr("Resolution Lead skipped: no one on duty; " + next));
    // With the leads off, the supervisor is the last tier before voicemail.
    EXPECT_THAT(AllText(Pings().at(0)), HasSubstr("goes to *voicemail*"));
    const LadderHistory history = History(id);
    ASSERT_EQ(history.entries.front().event, LadderEvent::kSkipped);
    EXPECT_EQ(history.entries.front().next_shift, FromUnix(kMonday10Et + 86400 - 3600));
}

}  // namespace
}  // namespace escbot::test

namespace escbot::test {
namespace {

class LadderAnswersLeadsInChicago : public LadderAnswers {
protected:
    static TestBot::Options Options() {
        TestBot::Options options;
        options.start = FromUnix(kMonday19Et);  // 6 PM in Chicago: the leads are off
        options.edit_config = [](std::string& toml) {
            const std::string leads =
                "[rotations.resolution_leads]\ntime_zone = \"America/New_York\"";
            toml.replace(toml.find(leads), leads.size(),
                         "[rotations.resolution_leads]\ntime_zone = \"America/Chicago\"");
            const std::string hours =
                "start = \"09:00\"\nend = \"18:00\"\nusers = [\"U0LEAD00001\"";
            toml.replace(toml.find(hours), hours.size(),
                         "start = \"08:00\"\nend = \"17:00\"\nusers = [\"U0LEAD00001\"");
        };
        return options;
    }
    LadderAnswersLeadsInChicago() : LadderAnswers(Options()) {}
};

// The rotation speaks Central time; people read the team's (business calendar's) zone.
TEST_F(LadderAnswersLeadsInChicago, TheNextShiftIsShownInTheBusinessCalendarsZone) {
    agent_.RefuseToWait(kAgent, "sales_rep");

    EXPECT_THAT(StatusText(), HasSubstr("next shift starts Tue Nov 24, 2026 9:00 AM EST"));
    EXPECT_THAT(StatusText(), Not(HasSubstr("CST")));
}

}  // namespace
}  // namespace escbot::test

namespace escbot::test {
namespace {

// The handler may run on the thread that carries Slack's answers: it never waits for one.
TEST_F(LadderAnswers, ALeadGroupIsListedOnceForTheLeadsAndTheLadderTiers) {
    ASSERT_TRUE(bot_.slack().WaitForAnswers("usergroups.users.list", 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

    std::size_t asked = 0;
    for (const auto& call : bot_.slack().Calls("usergroups.users.list")) {
        if (call.args.value("usergroup", "") == "S0LEADS0001") ++asked;
    }
    EXPECT_EQ(asked, 1u);  // [groups] leads and the Resolution Lead tier share one cache
}

TEST_F(LadderAnswers, AClickIsAnsweredAtOnceWhileSlackIsSlowToListAGroup) {
    // The members fetched at start-up (one call: leads and paged tiers share the cache) must
    // land before the clock moves on, or they would count as fetched 61 s later.
    ASSERT_TRUE(bot_.slack().WaitForAnswers("usergroups.users.list", 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    bot_.Advance(seconds(61));  // the members fetched at start-up are stale now
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");
    bot_.slack().DelayNext("usergroups.users.list", 1, std::chrono::milliseconds(2500));

    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(agent_.Click(kGroupLead, "ladder_answer", Value(id, 1), kLive), 200);
    const auto took = std::chrono::steady_clock::now() - start;

    EXPECT_LT(took, std::chrono::milliseconds(1000));
    // The last good list answered: the group member took the page.
    bot_.Flush();
    EXPECT_EQ(agent_.Ladder(id)->answered_by, kGroupLead);
    EXPECT_TRUE(bot_.slack().WaitForCalls("usergroups.users.list", 2));  // and it is refreshed
}

}  // namespace
}  // namespace escbot::test
