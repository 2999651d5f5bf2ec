// The App Home follows the viewer's cases: a claim refreshes the Homes of the agent and the
// owner who opened theirs, a burst of changes becomes one publish, and publishes for one person
// are at least commands::home::kRefreshSpacing apart.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/home/home_refresh.hpp"
#include "tests/support/http_client/slack_requests.hpp"
#include "tests/team/team_seed.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using team::SeedCase;
using team::SeedComplaint;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kLead = "U0LEAD00001";

std::size_t PublishesFor(TestBot& bot, const std::string& user) {
    std::size_t n = 0;
    for (const auto& call : bot.slack().Calls("views.publish")) n += call.args.value("user_id", "") == user;
    return n;
}

void OpenHome(TestBot& bot, const std::string& user, const std::string& event_id) {
    bot.client().Event(EventCallback({{"type", "app_home_opened"}, {"user", user}, {"tab", "home"}}, event_id));
    bot.Flush();
}

void Claim(TestBot& bot, long long case_id) {
    BlockActionFields click;
    click.user_id = kLead;
    click.action_id = "case_claim";
    click.block_id = "case_actions";
    click.value = "ESC-" + std::to_string(case_id);
    click.channel_id = "C0RESOLUTN1";
    const auto response = bot.client().BlockAction(BlockActionPayload(click));
    EXPECT_EQ(response.status, 200);
    bot.Flush();
}

TEST(HomeRefresh, ABurstOfClaimsBecomesOnePublishAfterTheSpacingAndOnlyForPeopleWhoOpenedHome) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    const long long a = SeedCase(bot, kAgent, now + 30h);
    const long long b = SeedCase(bot, kAgent, now + 31h);
    OpenHome(bot, kAgent, "Ev0REFR1");
    ASSERT_EQ(PublishesFor(bot, kAgent), 1u);

    Claim(bot, a);
    Claim(bot, b);
    EXPECT_EQ(PublishesFor(bot, kAgent), 1u);  // not before the spacing
    bot.Advance(commands::home::kRefreshSpacing - 1s);
    EXPECT_EQ(PublishesFor(bot, kAgent), 1u);
    bot.Advance(1s);

    ASSERT_TRUE(bot.slack().WaitForAnswers("views.publish", 2));
    EXPECT_EQ(PublishesFor(bot, kAgent), 2u);  // both claims, one publish
    EXPECT_EQ(PublishesFor(bot, kLead), 0u);   // the lead never opened the Home tab
    const std::string view = bot.slack().HomeView(kAgent)->dump();
    EXPECT_THAT(view, HasSubstr("ESC-" + std::to_string(a) + ">* · Claiming fraud · claimed by <@U0LEAD00001>"));
    EXPECT_THAT(view, HasSubstr("ESC-" + std::to_string(b) + ">* · Claiming fraud · claimed by <@U0LEAD00001>"));

    bot.Advance(60s);
    EXPECT_EQ(PublishesFor(bot, kAgent), 2u);  // nothing changed: nothing published
}

TEST(HomeRefresh, TheOwnerWhoOpenedHomeIsRefreshedToo) {
    TestBot bot;
    const long long a = SeedCase(bot, kAgent, bot.clock().Now() + 30h);
    OpenHome(bot, kLead, "Ev0REFR2");
    ASSERT_EQ(PublishesFor(bot, kLead), 1u);
    EXPECT_THAT(bot.slack().HomeView(kLead)->dump(), HasSubstr("*Your open cases* (0)"));

    Claim(bot, a);
    bot.Advance(commands::home::kRefreshSpacing);

    EXPECT_EQ(PublishesFor(bot, kLead), 2u);
    EXPECT_THAT(bot.slack().HomeView(kLead)->dump(), HasSubstr("*Your open cases* (1)"));
    EXPECT_EQ(PublishesFor(bot, kAgent), 0u);
}

TEST(HomeRefresh, OpeningHomeDropsAPendingRefreshAndPublishesTheLatestStateAtOnce) {
    TestBot bot;
    const long long a = SeedCase(bot, kAgent, bot.clock().Now() + 30h);
    OpenHome(bot, kAgent, "Ev0REFR3");
    Claim(bot, a);

    OpenHome(bot, kAgent, "Ev0REFR4");
    EXPECT_EQ(PublishesFor(bot, kAgent), 2u);
    EXPECT_THAT(bot.slack().HomeView(kAgent)->dump(), HasSubstr("claimed by <@U0LEAD00001>"));
    bot.Advance(commands::home::kRefreshSpacing + 5s);
    EXPECT_EQ(PublishesFor(bot, kAgent), 2u);
}

TEST(HomeRefresh, AnInstallerComplaintStepRefreshesTheAgentsHome) {
    TestBot bot;
    const long long ic = SeedComplaint(bot, kAgent, bot.clock().Now() + 48h);
    OpenHome(bot, kAgent, "Ev0REFR5");
    EXPECT_THAT(bot.slack().HomeView(kAgent)->dump(), HasSubstr("chase 1 waiting ·"));

    BlockActionFields click;
    click.user_id = "U0BACKOFF01";
    click.action_id = "installer_claim";
    click.block_id = "installer_actions";
    click.value = std::to_string(ic);
    click.channel_id = "C0BACKOFFC1";
    bot.client().BlockAction(BlockActionPayload(click));
    bot.Flush();
    bot.Advance(commands::home::kRefreshSpacing);

    EXPECT_EQ(PublishesFor(bot, kAgent), 2u);
    EXPECT_THAT(bot.slack().HomeView(kAgent)->dump(), HasSubstr("chase 1 waiting · owner <@U0BACKOFF01>"));
}

}  // namespace
}  // namespace escbot::test
