// The Home view within Slack's limits whatever it holds: many cases, many ladders, long labels.

#include "commands/home/home_view.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "config/settings.hpp"

namespace escbot::commands::home {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const TimePoint kNow = FromUnix(1795446000);  // Monday 2026-11-23 10:00 ET

team::CaseLine Line(long long id, std::string type_text) {
    team::CaseLine line;
    line.id = id;
    line.ref = "ESC-" + std::to_string(id);
    line.type_text = std::move(type_text);
    line.state_text = "claimed";
    line.owner = "U0LEAD00001";
    line.raised_by = "U0AGENT001";
    line.due = kNow + Seconds(3600 * (id % 7) - 7200);
    line.due_class = id % 2 == 0 ? team::DueClass::kOverdue : team::DueClass::kDueSoon;
    line.link = "https://slack.com/archives/C0RESOLUTN1/p17954460000" + std::to_string(id);
    return line;
}

HomeData Agent(int shown, long long total, const std::string& type_text = "Claiming fraud") {
    HomeData data;
    data.viewer = "U0AGENT001";
    for (int i = 1; i <= shown; ++i) data.cases.push_back(Line(i, type_text));
    data.total_cases = total;
    data.sop_version = "2026.12.1";
    data.sop_effective = "2026-12-01";
    return data;
}

TeamSummary Team(int ladders, long long live) {
    TeamSummary team;
    team.counts.escalations = {12, 30, 4, 7};
    team.counts.installer = {3, 9, 1, 2};
    team.counts.live_ladders = live;
    team.oldest_unclaimed = Line(99, "Sales rep");
    for (int i = 0; i < ladders; ++i) {
        team.ladders.push_back({1000 + i, "U0AGENT002", "tier2", 1, "paging", kNow + Seconds(30), kNow});
    }
    team.stages = {{"waiting", 1, 5}, {"due", 1, 2}, {"referral_due", 3, 1}};
    return team;
}

void ExpectWithinLimits(const nlohmann::json& view) {
    EXPECT_THAT(block_kit::CheckLimits(view, block_kit::Surface::kHome), ::testing::IsEmpty());
    EXPECT_LE(view["blocks"].size(), 100u);
    EXPECT_LT(view.dump().size(), 250'000u);
}

TEST(HomeView, AnAgentWithManyCasesSeesTheFirstOnesAndHowManyMore) {
    const config::Settings settings;
    const auto view = RenderHome(Agent(kMaxCases, 240), settings);

    ExpectWithinLimits(view);
    const std::string text = view.dump();
    EXPECT_THAT(text, HasSubstr("*Your open cases* (240)"));
    EXPECT_THAT(text, HasSubstr("ESC-1>"));
    EXPECT_THAT(text, HasSubstr("ESC-25>"));
    EXPECT_THAT(text, HasSubstr("and 215 more: `/escalation list mine`"));
    EXPECT_THAT(text, HasSubstr("*overdue*"));
    EXPECT_THAT(text, HasSubstr("_due soon_"));
    EXPECT_THAT(text, Not(HasSubstr("*Team*")));
    EXPECT_THAT(text, Not(HasSubstr("\"Team\"")));
}

TEST(HomeView, AnAgentWithNoCaseIsToldSo) {
    const auto view = RenderHome(Agent(0, 0), config::Settings{});
    ExpectWithinLimits(view);
    EXPECT_THAT(view.dump(), HasSubstr("No open case raised by you"));
    EXPECT_THAT(view.dump(), Not(HasSubstr("more:")));
}

TEST(HomeView, ALeadSeesTheTeamCountsOldestUnclaimedLaddersAndStagesWithinLimits) {
    HomeData data = Agent(kMaxCases, 90);
    data.team = Team(kMaxLadders, 41);

    const auto view = RenderHome(data, config::Settings{});

    ExpectWithinLimits(view);
    const std::string text = view.dump();
    EXPECT_THAT(text, HasSubstr("\"Team\""));
    EXPECT_THAT(text, HasSubstr("*Escalations*: 12 unclaimed · 30 claimed · 4 due soon · 7 overdue"));
    EXPECT_THAT(text, HasSubstr("*Installer complaints*: 3 unclaimed · 9 claimed · 1 due soon · 2 overdue"));
    EXPECT_THAT(text, HasSubstr("*Oldest unclaimed*: *<https://slack.com/archives/C0RESOLUTN1/p1795446000099|ESC-99>*"));
    EXPECT_THAT(text, HasSubstr("*Live ladders in progress* (41)"));
    EXPECT_THAT(text, HasSubstr("and 31 more"));
    EXPECT_THAT(text, HasSubstr("chase 1 waiting: 5"));
    EXPECT_THAT(text, HasSubstr("referral due: 1"));
}

TEST(HomeView, HugeLabelsAreCutToStayWithinEveryTextLimit) {
    HomeData data = Agent(kMaxCases, kMaxCases, std::string(5000, 'x') + "<&>");
    data.team = Team(kMaxLadders, kMaxLadders);
    data.team->ladders[0].tier_id = std::string(4000, 't');

    ExpectWithinLimits(RenderHome(data, config::Settings{}));
}

}  // namespace
}  // namespace escbot::commands::home
