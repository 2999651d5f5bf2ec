#include "commands/escalation/views/ladder_messages.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/escalation/view_test_util.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using test::LongHostile;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const TimePoint kT = FromUnix(1'795'446'000);

LadderPing HostilePing() {
    LadderPing ping;
    ping.case_id = "ESC-7";
    ping.button_value = "7:2";
    ping.tier_name = "Resolution Lead";
    ping.skill = "Resolution Lead";
    ping.instructions = LongHostile(2000);
    ping.users = {"U0LEAD00001", "U0LEAD00002"};
    ping.groups = {"S0LEADS0001"};
    ping.deadline = kT + Seconds(30);
    ping.agent = "U0AGENT001";
    ping.homeowner_name = LongHostile(3000);
    ping.property_address = LongHostile(3000);
    ping.origin = "Homeowner";
    ping.interaction_id = LongHostile(3000);
    ping.concern = LongHostile(5000);
    return ping;
}

TEST(LadderMessages, PingMentionsTheTierShowsTheDeadlineAndOffersAnswerAndDecline) {
    const auto message = LadderPingMessage(HostilePing(), test::NewYorkCalendar());

    EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(message));
    const std::string dump = message.dump();
    EXPECT_THAT(dump, HasSubstr("<@U0LEAD00001> <@U0LEAD00002> <!subteam^S0LEADS0001>"));
    EXPECT_THAT(dump, HasSubstr("<!date^1795446030^{time_secs}|10:00:30 AM EST>"));
    EXPECT_THAT(dump, HasSubstr("\"action_id\":\"ladder_answer\""));
    EXPECT_THAT(dump, HasSubstr("\"action_id\":\"ladder_decline\""));
    EXPECT_THAT(dump, Not(HasSubstr("\"action_id\":\"ladder_accept\"")));
    EXPECT_THAT(dump, HasSubstr("\"value\":\"7:2\""));
    EXPECT_THAT(dump, HasSubstr("Answer within 30 seconds"));
    EXPECT_THAT(dump, HasSubstr("otherwise it moves to the next tier"));
    EXPECT_THAT(dump, Not(HasSubstr("voicemail")));
}

TEST(LadderMessages, AnsweredPingNamesWhoAnsweredAndOffersAcceptOrNotAccept) {
    LadderPing ping = HostilePing();
    ping.answered_by = "U0LEAD00002";
    ping.answered_at = kT + Seconds(29);

    const auto message = LadderPingMessage(ping, test::NewYorkCalendar());

    EXPECT_THAT(test::UpdateProblems(message), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(message));
    const std::string dump = message.dump();
    EXPECT_THAT(dump, HasSubstr("Answered by <@U0LEAD00002>* at <!date^1795446029^{time_secs}"));
    EXPECT_THAT(dump, HasSubstr("\"action_id\":\"ladder_accept\""));
    EXPECT_THAT(dump, HasSubstr("\"action_id\":\"ladder_not_accept\""));
    EXPECT_THAT(dump, HasSubstr("Accepted for handling"));
    EXPECT_THAT(dump, HasSubstr("Not accepted"));
    EXPECT_THAT(dump, Not(HasSubstr("\"action_id\":\"ladder_answer\"")));
    EXPECT_THAT(dump, Not(HasSubstr("\"action_id\":\"ladder_decline\"")));
}

TEST(LadderMessages, LastTierPingSaysVoicemailComesNext) {
    LadderPing ping = HostilePing();
    ping.voicemail_next = true;

    const std::string dump = LadderPingMessage(ping, test::NewYorkCalendar()).dump();

    EXPECT_THAT(dump, HasSubstr("otherwise the customer goes to *voicemail*"));
    EXPECT_THAT(dump, Not(HasSubstr("moves to the next tier")));
}

TEST(LadderMessages, PingListsTheTiersSkippedBeforeItWithTheirNextShift) {
    LadderPing ping = HostilePing();
    ping.skipped = {{"Tier 2", "Tue Nov 24, 9:00 AM EST"}, {LongHostile(300), ""}};

    const auto message = LadderPingMessage(ping, test::NewYorkCalendar());

    EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(message));
    EXPECT_THAT(message.dump(),
                HasSubstr("Tier 2 skipped: no one on duty; next shift starts Tue Nov 24, "
                          "9:00 AM EST"));
}

TEST(LadderMessages, RefusalSaysWhoMayByName) {
    const std::string text = LadderRefusalText("answer this page", "the people paged for that tier",
                                               {"U0LEAD00001", "S0LEADS0001"}, false);

    EXPECT_THAT(text, HasSubstr("You cannot answer this page."));
    EXPECT_THAT(text,
                HasSubstr("Only the people paged for that tier may: <@U0LEAD00001> "
                          "<!subteam^S0LEADS0001>."));
}

TEST(LadderMessages, RefusalToTheRaiserSaysWhy) {
    const std::string text =
        LadderRefusalText("accept this page", "the person who answered", {"U0LEAD00002"}, true);

    EXPECT_THAT(text, HasSubstr("You raised this escalation, so you cannot accept this page."));
    EXPECT_THAT(text, HasSubstr("<@U0LEAD00002>"));
}

TEST(LadderMessages, ClosedPingHasNoButtonsAndFitsAnUpdate) {
    const auto message =
        LadderPingClosedMessage(HostilePing(), ":white_check_mark: *Accepted by <@U0LEAD00001>*",
                                test::NewYorkCalendar());

    EXPECT_THAT(test::UpdateProblems(message), IsEmpty());
    EXPECT_THAT(message.dump(), Not(HasSubstr("ladder_accept")));
    EXPECT_THAT(message.dump(), HasSubstr("Accepted by <@U0LEAD00001>"));
}

TEST(LadderMessages, PingWithNoOneOnDutySaysSo) {
    LadderPing ping = HostilePing();
    ping.users.clear();
    ping.groups.clear();

    EXPECT_THAT(LadderPingMessage(ping, test::NewYorkCalendar()).dump(),
                HasSubstr("No one is on duty"));
}

TEST(LadderMessages, StatusShowsEveryStepToTheSecondAndFitsAnUpdate) {
    std::vector<LadderEventLine> events = {
        {kT, "skipped", "Tier 2", "", {}, {}, std::nullopt, "", ""},
        {kT,
         "paged",
         "Resolution Lead",
         "",
         {"U0LEAD00001"},
         {"S0LEADS0001"},
         kT + Seconds(30),
         "",
         ""},
        {kT + Seconds(12),
         "declined",
         "Resolution Lead",
         "U0LEAD00001",
         {},
         {},
         std::nullopt,
         "",
         ""},
        {kT + Seconds(12),
         "paged",
         "Team Supervisor",
         "",
         {"U0SUPERV001"},
         {},
         kT + Seconds(42),
         "",
         ""},
        {kT + Seconds(42), "timeout", "Team Supervisor", "", {}, {}, std::nullopt, "", ""},
        {kT + Seconds(42),
         "voicemail",
         "Voicemail",
         "",
         {},
         {},
         std::nullopt,
         "",
         LongHostile(3000)},
    };

    const auto message = LadderStatusMessage("ESC-7", events, test::NewYorkCalendar(),
                                             kT + std::chrono::hours(24));

    EXPECT_THAT(test::UpdateProblems(message), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(message));
    const std::string text = message.dump();
    EXPECT_THAT(text, HasSubstr("no one took the call (voicemail)"));
    EXPECT_THAT(text, HasSubstr("*Tier 2* skipped: no one on duty"));
    EXPECT_THAT(text, HasSubstr("declined by <@U0LEAD00001>"));
    EXPECT_THAT(text, HasSubstr("{time_secs}|10:00:42 AM EST"));
    EXPECT_THAT(text, HasSubstr("follow-up case ESC-7"));
}

TEST(LadderMessages, StatusHeadlineFollowsTheLatestEvent) {
    std::vector<LadderEventLine> events = {
        {kT, "paged", "Tier 2", "", {"U0TIER2001"}, {}, kT + Seconds(30), "", ""}};
    EXPECT_THAT(LadderStatusMessage("ESC-1", events, test::NewYorkCalendar()).dump(),
                HasSubstr("paging Tier 2"));

    events.push_back({kT + Seconds(3),
                      "accepted",
                      "Tier 2",
                      "U0TIER2001",
                      {},
                      {},
                      std::nullopt,
                      "Phone-HO Tier 2",
                      ""});
    const std::string accepted =
        LadderStatusMessage("ESC-1", events, test::NewYorkCalendar()).dump();
    EXPECT_THAT(accepted, HasSubstr("accepted by <@U0TIER2001>"));
    EXPECT_THAT(accepted, HasSubstr("skill Phone-HO Tier 2"));
}

TEST(LadderMessages, StatusShowsAnsweredNotAcceptedAndASkippedTiersNextShift) {
    std::vector<LadderEventLine> events = {
        {kT, "skipped", "Tier 2", "", {}, {}, std::nullopt, "", "", "Tue Nov 24, 9:00 AM EST"},
        {kT, "paged", "Resolution Lead", "", {"U0LEAD00001"}, {}, kT + Seconds(30), "", ""},
        {kT + Seconds(29), "answered", "Resolution Lead", "U0LEAD00001", {}, {}, std::nullopt,
         "", ""},
    };
    const std::string answered =
        LadderStatusMessage("ESC-1", events, test::NewYorkCalendar()).dump();
    EXPECT_THAT(answered, HasSubstr("answered by <@U0LEAD00001>, discussing"));
    EXPECT_THAT(answered, HasSubstr("*Tier 2* skipped: no one on duty; next shift starts Tue "
                                    "Nov 24, 9:00 AM EST"));

    events.push_back({kT + Seconds(90), "not_accepted", "Resolution Lead", "U0LEAD00001", {}, {},
                      std::nullopt, "", ""});
    events.push_back({kT + Seconds(90), "paged", "Team Supervisor", "", {"U0SUPERV001"}, {},
                      kT + Seconds(120), "", ""});
    const std::string moved =
        LadderStatusMessage("ESC-1", events, test::NewYorkCalendar()).dump();
    EXPECT_THAT(moved, HasSubstr("*not accepted* by <@U0LEAD00001>"));
    EXPECT_THAT(moved, HasSubstr("paging Team Supervisor"));
}

}  // namespace
}  // namespace escbot::commands::escalation::views
