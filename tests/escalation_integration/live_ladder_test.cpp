// SOP §1 B: the customer refuses to wait. The live ladder pages Tier 2 (homeowners) or the
// Resolution Lead (sales reps, installers), then the Team Supervisor, 30 seconds each, skipping a
// tier with no one on duty, and ends in voicemail with a follow-up case. Deadlines are timers
// fired by the scheduler, to the second on the injected clock, also across a restart.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kLive = "C0LIVEESC01";
constexpr const char* kResolution = "C0RESOLUTN1";
constexpr const char* kTier2 = "U0TIER2001";
constexpr const char* kLead = "U0LEAD00001";
constexpr const char* kSupervisor = "U0SUPERV001";

// 2026-11-23 is a Monday; America/New_York is UTC-5 in November.
constexpr long long kMonday10Et = 1795446000;
constexpr long long kMonday19Et = kMonday10Et + 9 * 3600;         // leads off, supervisors on
constexpr long long kMonday23Et = kMonday10Et + 13 * 3600;        // no one on duty
constexpr long long kThanksgiving10Et = kMonday10Et + 3 * 86400;  // only supervisors

TestBot::Options At(long long unix_seconds) {
    TestBot::Options options;
    options.start = FromUnix(unix_seconds);
    return options;
}

class LiveLadder : public ::testing::Test {
protected:
    explicit LiveLadder(TestBot::Options options = {}) : bot_(std::move(options)) {}

    /// The pings in the live-escalation channel, as they read now.
    std::vector<nlohmann::json> Pings() { return agent_.Messages(kLive); }
    bool HasButtons(const nlohmann::json& message) {
        return message.dump().find("\"type\":\"actions\"") != std::string::npos;
    }
    std::string Value(long long case_id, int step) {
        return std::to_string(case_id) + ":" + std::to_string(step);
    }
    /// Answers the page, then records it accepted for handling (two clicks, as a person does).
    int Accept(const std::string& user, long long case_id, int step) {
        const int answered = agent_.Click(user, "ladder_answer", Value(case_id, step), kLive);
        bot_.Flush();
        if (answered != 200) return answered;
        const int status = agent_.Click(user, "ladder_accept", Value(case_id, step), kLive);
        bot_.Flush();
        return status;
    }
    int Decline(const std::string& user, long long case_id, int step) {
        const int status = agent_.Click(user, "ladder_decline", Value(case_id, step), kLive);
        bot_.Flush();
        return status;
    }
    std::string StatusText() {
        const auto dms = agent_.DirectMessages(kAgent);
        return dms.empty() ? std::string() : AllText(dms.front());
    }
    std::string LastEphemeral(const std::string& user) {
        const auto notes = agent_.Ephemerals(user);
        return notes.empty() ? std::string() : notes.back().value("text", "");
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
};

class LiveLadderMonday19 : public LiveLadder {
protected:
    LiveLadderMonday19() : LiveLadder(At(kMonday19Et)) {}
};
class LiveLadderMonday23 : public LiveLadder {
protected:
    LiveLadderMonday23() : LiveLadder(At(kMonday23Et)) {}
};
class LiveLadderThanksgiving : public LiveLadder {
protected:
    LiveLadderThanksgiving() : LiveLadder(At(kThanksgiving10Et)) {}
};
class LiveLadderNoTier2 : public LiveLadder {
protected:
    static TestBot::Options Options() {
        TestBot::Options options;
        options.edit_config = [](std::string& toml) {
            // Tier 2 works Saturdays only: on a Monday no one is on duty for it.
            const std::string weekdays = "[[rotations.tier2.windows]]\ndays = [\"weekdays\"]";
            toml.replace(toml.find(weekdays), weekdays.size(),
                         "[[rotations.tier2.windows]]\ndays = [\"sun\"]");
        };
        return options;
    }
    LiveLadderNoTier2() : LiveLadder(Options()) {}
};

// --- Entry by who is escalating (SOP §1 B step 1) --------------------------------------------

TEST_F(LiveLadder, HomeownerEscalationPagesTier2FirstWithTheDeadlineShown) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");

    ASSERT_GT(id, 0);
    const auto pings = Pings();
    ASSERT_EQ(pings.size(), 1u);
    const std::string text = AllText(pings[0]);
    EXPECT_THAT(text, HasSubstr("<@U0TIER2001> <@U0TIER2002> <@U0TIER2003>"));
    EXPECT_THAT(text, HasSubstr("Answer within 30 seconds"));
    const long long deadline = kMonday10Et + 30;
    EXPECT_THAT(text, HasSubstr("<!date^" + std::to_string(deadline) + "^{time_secs}"));
    EXPECT_THAT(text, HasSubstr("Says the rep forged her signature."));
    EXPECT_TRUE(HasButtons(pings[0]));
    const auto ladder = agent_.Ladder(id);
    EXPECT_EQ(ladder->tier_id, "tier2");
    EXPECT_EQ(ladder->deadline, FromUnix(deadline));
    EXPECT_EQ(agent_.Case(id)->status, storage::EscalationCase::Status::kLive);
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(LiveLadder, SalesRepEscalationStartsAtTheResolutionLead) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
    const std::string text = AllText(Pings().at(0));
    EXPECT_THAT(text, HasSubstr("<@U0LEAD00001> <@U0LEAD00002> <!subteam^S0LEADS0001>"));
    EXPECT_THAT(text, Not(HasSubstr("U0TIER2")));
}

TEST_F(LiveLadder, InstallerEscalationStartsAtTheResolutionLead) {
    const long long id = agent_.RefuseToWait(kAgent, "installer");

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
    EXPECT_EQ(Pings().size(), 1u);
}

TEST_F(LiveLadder, ResultScreenTellsTheAgentWhoIsPagedAndForHowLong) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    const nlohmann::json offer = agent_.Submit(kAgent, view, QualifyAnswers());

    const nlohmann::json result =
        agent_.Walk(kAgent, EscalationDriver::Updated(view, offer),
                    {{"agrees_to_wait", "no"}, {"live_concern_summary", "x"}});

    const std::string text = AllText(result["view"]);
    EXPECT_THAT(text, HasSubstr("Tell the customer we will try to connect them"));
    EXPECT_THAT(text, HasSubstr("Paging Tier 2 now"));
    EXPECT_THAT(text, HasSubstr("30 seconds"));
}

TEST_F(LiveLadder, AgentStatusMessageShowsTheStepBeingPaged) {
    agent_.RefuseToWait(kAgent, "homeowner");

    EXPECT_THAT(StatusText(), HasSubstr("paging Tier 2"));
}

// --- Timeouts, to the second ------------------------------------------------------------------

TEST_F(LiveLadder, AStepsWindowCountsFromWhenSlackTookItsPage) {
    // Slack rate-limits the first posts: the page goes out a second after it was queued.
    bot_.slack().RateLimitNext("chat.postMessage", 2, 1);
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    ASSERT_EQ(bot_.slack().Calls("chat.postMessage").at(0).status, 429);
    bot_.Advance(seconds(1));
    ASSERT_EQ(Pings().size(), 1u);

    bot_.Advance(seconds(29));  // 30 s after it was queued, 29 s after Slack took it

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "tier2");
    const long long deadline = kMonday10Et + 31;
    EXPECT_EQ(agent_.Ladder(id)->deadline, FromUnix(deadline));
    EXPECT_THAT(AllText(Pings().at(0)), HasSubstr("<!date^" + std::to_string(deadline) + "^{time_secs}"));
    EXPECT_THAT(StatusText(), HasSubstr("<!date^" + std::to_string(deadline) + "^"));
    bot_.Advance(seconds(1));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
}

TEST_F(LiveLadder, APageAnsweredInItsMovedWindowIsTaken) {
    bot_.slack().RateLimitNext("chat.postMessage", 2, 1);
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(1));
    bot_.Advance(seconds(29));

    const int answered = agent_.Click(kTier2, "ladder_answer", Value(id, 1), kLive);
    bot_.Flush();

    EXPECT_EQ(answered, 200);
    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kAnswered);
    EXPECT_EQ(agent_.Ladder(id)->answered_by, kTier2);
}

TEST_F(LiveLadder, UnansweredTier2MovesToTheLeadAtExactlyThirtySeconds) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");

    bot_.Advance(seconds(29));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "tier2");
    EXPECT_EQ(Pings().size(), 1u);

    bot_.Advance(seconds(1));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
    const auto pings = Pings();
    ASSERT_EQ(pings.size(), 2u);
    EXPECT_FALSE(HasButtons(pings[0]));
    EXPECT_THAT(AllText(pings[0]), HasSubstr("No one answered"));
    EXPECT_TRUE(HasButtons(pings[1]));
    EXPECT_THAT(AllText(pings[1]), HasSubstr("<@U0LEAD00001>"));
    EXPECT_EQ(agent_.Ladder(id)->deadline, FromUnix(kMonday10Et + 60));
}

TEST_F(LiveLadder, HomeownerLadderTimesOutTierByTierToVoicemailAndStillCreatesACase) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");

    bot_.Advance(seconds(30));  // Tier 2 -> Resolution Lead
    bot_.Advance(seconds(30));  // Resolution Lead -> Team Supervisor
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
    EXPECT_THAT(AllText(Pings().at(2)), HasSubstr("<@U0SUPERV001> <@U0SUPERV002>"));
    bot_.Advance(seconds(29));
    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kPaging);
    bot_.Advance(seconds(1));  // Team Supervisor -> voicemail

    const auto ladder = agent_.Ladder(id);
    EXPECT_EQ(ladder->status, storage::LiveLadder::Status::kVoicemail);
    const auto c = agent_.Case(id);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kOpen);
    ASSERT_TRUE(c->follow_up_due);
    EXPECT_EQ(*c->follow_up_due,
              bot_.settings().business_calendar.Add(FromUnix(kMonday10Et + 90),
                                                    {48, config::Duration::Unit::BusinessHours}));
    const auto roots = agent_.Messages(kResolution);
    ASSERT_EQ(roots.size(), 1u);
    EXPECT_THAT(AllText(roots[0]), HasSubstr("sent to voicemail"));
    for (const auto& ping : Pings()) EXPECT_FALSE(HasButtons(ping));
    const std::string status = StatusText();
    EXPECT_THAT(status, HasSubstr("no one took the call (voicemail)"));
    EXPECT_THAT(status, HasSubstr("Tier 2*: no answer"));
    EXPECT_THAT(status, HasSubstr("Resolution Lead*: no answer"));
    EXPECT_THAT(status, HasSubstr("Team Supervisor*: no answer"));
    EXPECT_THAT(status, HasSubstr("follow-up case ESC-1"));
    std::vector<std::string> actions;
    for (const auto& entry : agent_.Audit("case:1")) actions.push_back(entry.action);
    EXPECT_THAT(actions,
                ::testing::IsSupersetOf({"ladder.started", "ladder.paged", "ladder.timeout",
                                         "ladder.voicemail", "case.created"}));
    EXPECT_THAT(
        bot_.metrics().RenderText(),
        HasSubstr(
            "escbot_escalation_ladder_outcomes_total{outcome=\"voicemail\",tier=\"voicemail\"} 1"));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(LiveLadder, SalesRepLadderTimesOutFromTheLeadToTheSupervisorToVoicemail) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");

    bot_.Advance(seconds(30));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
    bot_.Advance(seconds(30));

    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kVoicemail);
    EXPECT_EQ(Pings().size(), 2u);
    EXPECT_EQ(agent_.Messages(kResolution).size(), 1u);
}

// --- Accept at each tier ----------------------------------------------------------------------

TEST_F(LiveLadder, Tier2AcceptWithinTheWindowTakesTheCallAndStopsTheLadder) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(29));

    EXPECT_EQ(Accept(kTier2, id, 1), 200);

    const auto ladder = agent_.Ladder(id);
    EXPECT_EQ(ladder->status, storage::LiveLadder::Status::kAccepted);
    EXPECT_EQ(ladder->owner, kTier2);
    const auto c = agent_.Case(id);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kTransferred);
    EXPECT_EQ(c->owner, kTier2);
    EXPECT_FALSE(HasButtons(Pings().at(0)));
    EXPECT_THAT(AllText(Pings().at(0)), HasSubstr("Accepted by <@U0TIER2001>"));
    EXPECT_THAT(StatusText(), HasSubstr("accepted by <@U0TIER2001>"));
    EXPECT_THAT(StatusText(), HasSubstr("Phone-HO Tier 2"));
    bot_.Advance(seconds(120));
    EXPECT_EQ(Pings().size(), 1u);
    EXPECT_THAT(agent_.Messages(kResolution), IsEmpty());
    EXPECT_THAT(
        bot_.metrics().RenderText(),
        HasSubstr(
            "escbot_escalation_ladder_outcomes_total{outcome=\"accepted\",tier=\"tier2\"} 1"));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(LiveLadder, ResolutionLeadAcceptAfterTier2TimedOutTakesTheCall) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(30));

    Accept(kLead, id, 2);

    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kAccepted);
    EXPECT_EQ(agent_.Case(id)->owner, kLead);
    EXPECT_THAT(AllText(Pings().at(1)), HasSubstr("Accepted by <@U0LEAD00001>"));
}

TEST_F(LiveLadder, SupervisorAcceptAtTheLastTierTakesTheCall) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(30));
    bot_.Advance(seconds(30));

    Accept(kSupervisor, id, 3);
    bot_.Advance(seconds(60));

    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kAccepted);
    EXPECT_EQ(agent_.Case(id)->owner, kSupervisor);
    EXPECT_THAT(agent_.Messages(kResolution), IsEmpty());
}

TEST_F(LiveLadder, SecondAcceptIsToldWhoAlreadyTookIt) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    Accept(kTier2, id, 1);

    Accept("U0TIER2002", id, 1);

    EXPECT_THAT(LastEphemeral("U0TIER2002"), HasSubstr("Already taken by <@U0TIER2001>"));
    EXPECT_EQ(agent_.Ladder(id)->owner, kTier2);
}

TEST_F(LiveLadder, AcceptOnAnExpiredStepIsToldTheStepExpired) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(30));

    Accept(kTier2, id, 1);

    EXPECT_THAT(LastEphemeral(kTier2), HasSubstr("expired"));
    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kPaging);
    EXPECT_EQ(agent_.Ladder(id)->step, 2);
}

TEST_F(LiveLadder, AcceptAtTheDeadlineSecondIsTooLateEvenBeforeTheTimerFires) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.clock().Advance(seconds(30));  // the timer has not run yet

    agent_.Click(kTier2, "ladder_accept", Value(id, 1), kLive);

    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kPaging);
    bot_.Flush();
    EXPECT_THAT(LastEphemeral(kTier2), HasSubstr("expired"));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
}

// A page posted before answering existed has one Accept button: it answers and accepts at once.
TEST_F(LiveLadder, TwoAcceptsOnAnOldPageRacingOnlyTheFirstWins) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    SlackHttpClient first(bot_.port(), TestBot::kSigningSecret, bot_.clock());
    SlackHttpClient second(bot_.port(), TestBot::kSigningSecret, bot_.clock());
    const auto click = [&](SlackHttpClient& client, const char* user) {
        BlockActionFields fields;
        fields.user_id = user;
        fields.action_id = "ladder_accept";
        fields.value = Value(id, 1);
        fields.channel_id = kLive;
        return client.BlockAction(BlockActionPayload(fields)).status;
    };

    int status_a = 0, status_b = 0;
    std::thread a([&] { status_a = click(first, "U0TIER2001"); });
    std::thread b([&] { status_b = click(second, "U0TIER2002"); });
    a.join();
    b.join();
    bot_.Flush();

    EXPECT_EQ(status_a, 200);
    EXPECT_EQ(status_b, 200);
    const std::string owner = agent_.Ladder(id)->owner;
    ASSERT_TRUE(owner == "U0TIER2001" || owner == "U0TIER2002");
    const std::string loser = owner == "U0TIER2001" ? "U0TIER2002" : "U0TIER2001";
    EXPECT_THAT(LastEphemeral(loser), HasSubstr("Already taken by <@" + owner + ">"));
    EXPECT_THAT(agent_.Ephemerals(owner), IsEmpty());
    int accepted = 0;
    for (const auto& entry : agent_.Audit("case:" + std::to_string(id)))
        accepted += entry.action == "ladder.accepted";
    EXPECT_EQ(accepted, 1);
}

// --- Decline at each tier ---------------------------------------------------------------------

TEST_F(LiveLadder, Tier2DeclineMovesToTheLeadAtOnce) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(5));

    Decline(kTier2, id, 1);

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
    EXPECT_EQ(agent_.Ladder(id)->deadline, FromUnix(kMonday10Et + 35));
    EXPECT_THAT(AllText(Pings().at(0)), HasSubstr("Declined* by <@U0TIER2001>"));
    EXPECT_THAT(StatusText(), HasSubstr("declined by <@U0TIER2001>"));
    // The old step's timer no longer fires: the lead has the full 30 seconds.
    bot_.Advance(seconds(29));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "resolution_lead");
}

TEST_F(LiveLadder, LeadDeclineMovesToTheSupervisor) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");

    Decline(kLead, id, 1);

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
    EXPECT_EQ(Pings().size(), 2u);
}

TEST_F(LiveLadder, SupervisorDeclineEndsInVoicemailWithAFollowUpCase) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");
    Decline(kLead, id, 1);

    Decline(kSupervisor, id, 2);

    EXPECT_EQ(agent_.Ladder(id)->status, storage::LiveLadder::Status::kVoicemail);
    EXPECT_EQ(agent_.Case(id)->status, storage::EscalationCase::Status::kOpen);
    EXPECT_EQ(agent_.Messages(kResolution).size(), 1u);
}

TEST_F(LiveLadder, DeclineBySomeoneWhoWasNotPagedIsRefused) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");

    Decline("U0AGENT777", id, 1);

    EXPECT_THAT(LastEphemeral("U0AGENT777"), HasSubstr("Only the people paged"));
    EXPECT_EQ(agent_.Ladder(id)->tier_id, "tier2");
}

// --- No one on duty ---------------------------------------------------------------------------

TEST_F(LiveLadderNoTier2, HomeownerLadderSkipsTier2WhenNoOneIsOnDuty) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    const nlohmann::json offer = agent_.Submit(kAgent, view, QualifyAnswers());
    const nlohmann::json result =
        agent_.Walk(kAgent, EscalationDriver::Updated(view, offer),
                    {{"agrees_to_wait", "no"}, {"live_concern_summary", "x"}});
    bot_.Flush();

    EXPECT_EQ(agent_.Ladder(1)->tier_id, "resolution_lead");
    EXPECT_THAT(AllText(result["view"]), HasSubstr("Skipped, no one on duty: Tier 2"));
    ASSERT_EQ(Pings().size(), 1u);
    EXPECT_THAT(AllText(Pings()[0]), Not(HasSubstr("U0TIER2")));
    EXPECT_THAT(StatusText(), HasSubstr("Tier 2* skipped: no one on duty"));
}

TEST_F(LiveLadderMonday19, SalesRepLadderSkipsTheLeadsAfterHoursAndPagesTheSupervisor) {
    const long long id = agent_.RefuseToWait(kAgent, "sales_rep");

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
}

TEST_F(LiveLadderMonday19, HomeownerTier2TimeoutSkipsTheLeadsStraightToTheSupervisor) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");

    bot_.Advance(seconds(30));

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
    EXPECT_EQ(Pings().size(), 2u);
}

TEST_F(LiveLadderThanksgiving, OnAHolidayOnlyTheSupervisorIsPaged) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");

    EXPECT_EQ(agent_.Ladder(id)->tier_id, "supervisor");
    EXPECT_THAT(AllText(Pings().at(0)), HasSubstr("<@U0SUPERV001>"));
}

TEST_F(LiveLadderMonday23, NoOneOnDutyEndsInVoicemailAtOnceAndStillCreatesTheCase) {
    const nlohmann::json view = agent_.Escalate(kAgent);
    const nlohmann::json offer = agent_.Submit(kAgent, view, QualifyAnswers());
    const nlohmann::json result =
        agent_.Walk(kAgent, EscalationDriver::Updated(view, offer),
                    {{"agrees_to_wait", "no"}, {"live_concern_summary", "x"}});
    bot_.Flush();

    EXPECT_THAT(AllText(result["view"]), HasSubstr("No one is available"));
    EXPECT_THAT(AllText(result["view"]), HasSubstr("Follow-up case *ESC-1*"));
    EXPECT_THAT(Pings(), IsEmpty());
    EXPECT_EQ(agent_.Ladder(1)->status, storage::LiveLadder::Status::kVoicemail);
    EXPECT_EQ(agent_.Case(1)->status, storage::EscalationCase::Status::kOpen);
    EXPECT_EQ(agent_.Messages(kResolution).size(), 1u);
    EXPECT_THAT(StatusText(), HasSubstr("voicemail"));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

// --- Restart ----------------------------------------------------------------------------------

TEST_F(LiveLadder, RestartInTheMiddleOfAWindowKeepsItsDeadlineToTheSecond) {
    const long long id = agent_.RefuseToWait(kAgent, "homeowner");
    bot_.Advance(seconds(10));

    bot_.Restart();
    EscalationDriver after(bot_);
    bot_.Advance(seconds(19));
    EXPECT_EQ(after.Ladder(id)->tier_id, "tier2");
    bot_.Advance(seconds(1));

    EXPECT_EQ(after.Ladder(id)->tier_id, "resolution_lead");
    EXPECT_EQ(after.Messages(kLive).size(), 2u);
    after.Click(kLead, "ladder_accept", Value(id, 2), kLive);
    bot_.Flush();
    EXPECT_EQ(after.Ladder(id)->owner, kLead);
    EXPECT_THAT(AllText(after.DirectMessages(kAgent).at(0)),
                HasSubstr("accepted by <@U0LEAD00001>"));
}

}  // namespace
}  // namespace escbot::test
