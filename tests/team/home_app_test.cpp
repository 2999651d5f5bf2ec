// App Home over signed HTTP against the fake Slack: app_home_opened -> views.publish holding the
// viewer's cases of both kinds (overdue first), the team part for leads, who is on duty next.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "tests/support/http_client/slack_requests.hpp"
#include "tests/team/team_seed.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using team::SeedCase;
using team::SeedComplaint;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kOtherAgent = "U0AGENT002";
constexpr const char* kLead = "U0LEAD00001";

nlohmann::json OpenHome(TestBot& bot, const std::string& user, const std::string& event_id) {
    const auto before = bot.slack().CallCount("views.publish");
    const auto response = bot.client().Event(
        EventCallback({{"type", "app_home_opened"}, {"user", user}, {"tab", "home"}}, event_id));
    EXPECT_EQ(response.status, 200);
    bot.Flush();
    EXPECT_TRUE(bot.slack().WaitForAnswers("views.publish", before + 1));
    const auto calls = bot.slack().Calls("views.publish");
    EXPECT_EQ(calls.back().response.value("ok", false), true) << calls.back().response.dump();
    const auto view = bot.slack().HomeView(user);
    return view ? *view : nlohmann::json();
}

std::string Ref(const char* prefix, long long id) { return std::string(prefix) + std::to_string(id); }

TEST(HomeApp, AnAgentSeesTheirCasesOfBothKindsOverdueFirstWithLinksAndNoPersonalData) {
    TestBot bot;
    const auto& calendar = bot.settings().business_calendar;
    const TimePoint now = bot.clock().Now();
    const long long later = SeedCase(bot, kAgent, calendar.Add(now, {40, config::Duration::Unit::BusinessHours}));
    const long long overdue = SeedCase(bot, kAgent, now - 1h);
    const long long soon = SeedCase(bot, kAgent, now + 5h);
    const long long ic = SeedComplaint(bot, kAgent, now + 2h);
    const long long others = SeedCase(bot, kOtherAgent, now - 2h);

    const auto view = OpenHome(bot, kAgent, "Ev0HOMEA1");

    const std::string text = view.dump();
    EXPECT_TRUE(commands::block_kit::CheckLimits(view, commands::block_kit::Surface::kHome).empty());
    EXPECT_THAT(text, HasSubstr("*Your open cases* (4)"));
    const auto at = [&](const std::string& ref) { return text.find("|" + ref + ">"); };
    ASSERT_NE(at(Ref("ESC-", overdue)), std::string::npos);
    EXPECT_LT(at(Ref("ESC-", overdue)), at(Ref("IC-", ic)));
    EXPECT_LT(at(Ref("IC-", ic)), at(Ref("ESC-", soon)));
    EXPECT_LT(at(Ref("ESC-", soon)), at(Ref("ESC-", later)));
    EXPECT_EQ(at(Ref("ESC-", others)), std::string::npos);
    EXPECT_THAT(text, HasSubstr("https://slack.com/archives/C0RESOLUTN1/p1795446000" +
                                std::to_string(100000 + overdue) + "|ESC-" + std::to_string(overdue)));
    EXPECT_THAT(text, HasSubstr("https://slack.com/archives/C0BACKOFFC1/p"));
    EXPECT_THAT(text, HasSubstr("chase 1 waiting"));
    EXPECT_THAT(text, HasSubstr("*overdue*"));
    EXPECT_THAT(text, HasSubstr("_due soon_"));
    EXPECT_THAT(text, Not(HasSubstr(team::kHomeowner)));
    EXPECT_THAT(text, Not(HasSubstr(team::kAddress)));
    EXPECT_THAT(text, Not(HasSubstr(team::kPhone)));
    EXPECT_THAT(text, Not(HasSubstr("\"Team\"")));  // an agent sees no team part
    EXPECT_THAT(text, HasSubstr("*On duty now and next*"));
    EXPECT_THAT(text, HasSubstr(" · next: "));
    EXPECT_THAT(text, HasSubstr("/escalation"));
}

TEST(HomeApp, ALeadSeesTheTeamPartAndAnAgentWithManyCasesSeesAndNMore) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    const long long oldest = SeedCase(bot, kOtherAgent, now - 30h);  // the lowest id: oldest
    for (int i = 0; i < 60; ++i) SeedCase(bot, kAgent, now + Seconds(600 * (i + 1)));
    SeedComplaint(bot, kOtherAgent, now + 1h);

    const auto agent_view = OpenHome(bot, kAgent, "Ev0HOMEB1");
    const auto lead_view = OpenHome(bot, kLead, "Ev0HOMEB2");

    EXPECT_TRUE(commands::block_kit::CheckLimits(agent_view, commands::block_kit::Surface::kHome).empty());
    EXPECT_LE(agent_view["blocks"].size(), 100u);
    EXPECT_THAT(agent_view.dump(), HasSubstr("*Your open cases* (60)"));
    EXPECT_THAT(agent_view.dump(), HasSubstr("and 35 more"));
    const std::string lead = lead_view.dump();
    EXPECT_TRUE(commands::block_kit::CheckLimits(lead_view, commands::block_kit::Surface::kHome).empty());
    EXPECT_THAT(lead, HasSubstr("\"Team\""));
    EXPECT_THAT(lead, HasSubstr("*Escalations*: 61 unclaimed · 0 claimed"));
    EXPECT_THAT(lead, HasSubstr("1 overdue"));
    EXPECT_THAT(lead, HasSubstr("*Installer complaints*: 1 unclaimed"));
    EXPECT_THAT(lead, HasSubstr("*Oldest unclaimed*: *<https://slack.com/archives/C0RESOLUTN1/p1795446000" +
                                std::to_string(100000 + oldest) + "|ESC-" + std::to_string(oldest) + ">*"));
    EXPECT_THAT(lead, HasSubstr("chase 1 waiting: 1"));
    EXPECT_THAT(lead, Not(HasSubstr(team::kHomeowner)));
}

}  // namespace
}  // namespace escbot::test
