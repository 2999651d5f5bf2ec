// /escalation list|status over signed HTTP with the real SQLite file and the ManualClock: each
// filter, paging (typed and the Next page button), status of both kinds, refusals by the
// authorization table, and no personal data in any answer.

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
constexpr const char* kBackOffice = "U0BACKOFF01";

nlohmann::json Ask(TestBot& bot, const std::string& user, const std::string& text) {
    SlashCommandFields fields;
    fields.user_id = user;
    const auto response = bot.client().SlashCommand("/escalation", text, fields);
    EXPECT_EQ(response.status, 200);
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    EXPECT_TRUE(body.is_object()) << response.body;
    if (!body.is_object()) return nlohmann::json::object();
    EXPECT_EQ(body.value("response_type", ""), "ephemeral");
    EXPECT_TRUE(commands::block_kit::CheckLimits(body, commands::block_kit::Surface::kMessage).empty())
        << body.dump();
    return body;
}

std::string Esc(long long id) { return "|ESC-" + std::to_string(id) + ">"; }

std::string NoPersonalData(const nlohmann::json& answer) {
    const std::string text = answer.dump();
    EXPECT_THAT(text, Not(HasSubstr(team::kHomeowner)));
    EXPECT_THAT(text, Not(HasSubstr(team::kAddress)));
    EXPECT_THAT(text, Not(HasSubstr(team::kPhone)));
    return text;
}

TEST(CaseList, MineListsWhatTheAskerRaisedOrOwnsOfBothKinds) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    const long long mine = SeedCase(bot, kAgent, now + 4h);
    const long long theirs = SeedCase(bot, kOtherAgent, now + 2h);
    const long long ic = SeedComplaint(bot, kAgent, now + 1h);

    const std::string text = NoPersonalData(Ask(bot, kAgent, "list"));

    EXPECT_THAT(text, HasSubstr("*Your open cases* (2)"));
    EXPECT_THAT(text, HasSubstr("|IC-" + std::to_string(ic) + ">"));
    EXPECT_THAT(text, HasSubstr(Esc(mine)));
    EXPECT_LT(text.find("IC-" + std::to_string(ic)), text.find(Esc(mine)));
    EXPECT_THAT(text, Not(HasSubstr(Esc(theirs))));
    EXPECT_THAT(text, HasSubstr("Claiming fraud"));
}

TEST(CaseList, OverdueFollowsBusinessTimeOnTheInjectedClock) {
    TestBot bot;  // Monday 10:00 ET
    const auto& calendar = bot.settings().business_calendar;
    const TimePoint monday = bot.clock().Now();
    // 9 business hours: Monday 10:00-18:00 is 8, then Tuesday 09:00-10:00.
    const long long esc = SeedCase(bot, kAgent, calendar.Add(monday, {9, config::Duration::Unit::BusinessHours}));

    EXPECT_THAT(Ask(bot, kLead, "list overdue").dump(), HasSubstr("*Overdue cases* (0)"));
    bot.clock().Set(monday + 20h);  // Tuesday 06:00: 24 hours have not passed in business time
    EXPECT_THAT(Ask(bot, kLead, "list overdue").dump(), Not(HasSubstr(Esc(esc))));
    EXPECT_THAT(Ask(bot, kLead, "list open").dump(), HasSubstr("due soon"));
    bot.clock().Set(monday + 24h);  // Tuesday 10:00: due
    const std::string text = NoPersonalData(Ask(bot, kLead, "list overdue"));
    EXPECT_THAT(text, HasSubstr("*Overdue cases* (1)"));
    EXPECT_THAT(text, HasSubstr(Esc(esc)));
    EXPECT_THAT(text, HasSubstr("*overdue*"));
}

TEST(CaseList, UnclaimedLeavesOutClaimedCasesAndLiveLadders) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    const long long open = SeedCase(bot, kAgent, now + 5h);
    const long long claimed = SeedCase(bot, kAgent, now + 6h);
    bot.store().Write([&](storage::UnitOfWork& u) { ASSERT_TRUE(u.Escalation().Cases().Claim(claimed, kLead, now)); });
    const long long live = SeedCase(bot, kAgent, std::nullopt, storage::EscalationCase::Status::kLive);
    const long long ic = SeedComplaint(bot, kOtherAgent, now + 1h);

    const std::string unclaimed = Ask(bot, kBackOffice, "list unclaimed").dump();
    const std::string all = Ask(bot, kBackOffice, "list open").dump();

    EXPECT_THAT(unclaimed, HasSubstr("*Unclaimed cases* (2)"));
    EXPECT_THAT(unclaimed, HasSubstr(Esc(open)));
    EXPECT_THAT(unclaimed, HasSubstr("|IC-" + std::to_string(ic) + ">"));
    EXPECT_THAT(unclaimed, Not(HasSubstr(Esc(claimed))));
    EXPECT_THAT(unclaimed, Not(HasSubstr(Esc(live))));
    EXPECT_THAT(all, HasSubstr("*Open cases* (4)"));
    EXPECT_THAT(all, HasSubstr("live ladder"));
}

TEST(CaseList, TheTeamListsAreRefusedToAnAgentByTheTable) {
    TestBot bot;
    SeedCase(bot, kOtherAgent, bot.clock().Now() + 5h);

    for (const char* filter : {"open", "overdue", "unclaimed"}) {
        const std::string text = Ask(bot, kAgent, std::string("list ") + filter).dump();
        EXPECT_THAT(text, HasSubstr("Only the resolution leads and the back office")) << filter;
        EXPECT_THAT(text, Not(HasSubstr("ESC-"))) << filter;
    }
}

TEST(CaseList, PagesByTypedNumberAndByTheNextPageButtonWhichChecksWhoPressedIt) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    std::vector<long long> ids;
    for (int i = 0; i < 23; ++i) ids.push_back(SeedCase(bot, kOtherAgent, now + Seconds(3600 * (i + 1))));

    const auto first = Ask(bot, kLead, "list open");
    const std::string page1 = first.dump();
    EXPECT_THAT(page1, HasSubstr("*Open cases* (23) · page 1 of 3"));
    EXPECT_THAT(page1, HasSubstr(Esc(ids[9])));
    EXPECT_THAT(page1, Not(HasSubstr(Esc(ids[10]))));
    EXPECT_THAT(page1, HasSubstr("\"value\":\"open:2\""));
    EXPECT_THAT(page1, HasSubstr("`/escalation list open 2`"));

    const std::string page3 = Ask(bot, kLead, "list open 3").dump();
    EXPECT_THAT(page3, HasSubstr("page 3 of 3"));
    EXPECT_THAT(page3, HasSubstr(Esc(ids[22])));
    EXPECT_THAT(page3, Not(HasSubstr("Next page")));

    BlockActionFields click;
    click.user_id = kLead;
    click.action_id = "case_list_next";
    click.block_id = "case_list_pages";
    click.value = "open:2";
    bot.client().BlockAction(BlockActionPayload(click));
    click.user_id = kAgent;  // the same button pressed by someone the table refuses
    bot.client().BlockAction(BlockActionPayload(click));
    bot.Flush();

    const auto lead_notes = bot.slack().Ephemerals(kLead);
    ASSERT_EQ(lead_notes.size(), 1u);
    EXPECT_EQ(lead_notes[0]["via"], "response_url");
    const std::string page2 = lead_notes[0].dump();
    EXPECT_THAT(page2, HasSubstr("page 2 of 3"));
    EXPECT_THAT(page2, HasSubstr("ESC-" + std::to_string(ids[10])));
    EXPECT_THAT(page2, Not(HasSubstr("ESC-" + std::to_string(ids[9]) + ">")));
    const auto agent_notes = bot.slack().Ephemerals(kAgent);
    ASSERT_EQ(agent_notes.size(), 1u);
    EXPECT_THAT(agent_notes[0].dump(), HasSubstr("Only the resolution leads and the back office"));
    EXPECT_THAT(agent_notes[0].dump(), Not(HasSubstr("ESC-")));
}

TEST(CaseList, StatusOfAnEscalationForItsRaiserAndRefusedToAStranger) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    const long long esc = SeedCase(bot, kAgent, now + 5h);
    bot.store().Write([&](storage::UnitOfWork& u) { ASSERT_TRUE(u.Escalation().Cases().Claim(esc, kLead, now)); });

    const std::string text = NoPersonalData(Ask(bot, kAgent, "status ESC-" + std::to_string(esc)));
    const std::string refused = Ask(bot, kOtherAgent, "status esc-" + std::to_string(esc)).dump();
    const std::string missing = Ask(bot, kLead, "status ESC-999").dump();

    EXPECT_THAT(text, HasSubstr(Esc(esc)));
    EXPECT_THAT(text, HasSubstr("*State*\\nclaimed"));
    EXPECT_THAT(text, HasSubstr("*Raised by*\\n<@U0AGENT001>"));
    EXPECT_THAT(text, HasSubstr("*Owner*\\n<@U0LEAD00001>"));
    EXPECT_THAT(text, HasSubstr("*Promise*\\nat risk"));
    EXPECT_THAT(text, HasSubstr("*Created*\\n<!date^"));
    EXPECT_THAT(text, HasSubstr("*Last update*\\nnone yet"));
    EXPECT_THAT(text, HasSubstr("open the thread"));
    EXPECT_THAT(refused, HasSubstr("Only the agent who raised the case, its owner"));
    EXPECT_THAT(refused, Not(HasSubstr("*State*")));
    EXPECT_THAT(missing, HasSubstr("There is no case ESC-999."));
}

TEST(CaseList, StatusOfAResolvedEscalationSaysWhetherThePromiseWasKept) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    const long long kept = SeedCase(bot, kAgent, now + 5h);
    const long long missed = SeedCase(bot, kAgent, now + 1h);
    bot.store().Write([&](storage::UnitOfWork& u) {
        ASSERT_TRUE(u.Escalation().Cases().Resolve(kept, kLead, "called back", now + 2h));
        ASSERT_TRUE(u.Escalation().Cases().Resolve(missed, kLead, "called back", now + 2h));
    });
    bot.clock().Set(now + 3h);

    const std::string kept_text = Ask(bot, kLead, "status ESC-" + std::to_string(kept)).dump();
    const std::string missed_text = Ask(bot, kLead, "status ESC-" + std::to_string(missed)).dump();

    EXPECT_THAT(kept_text, HasSubstr("*State*\\nresolved"));
    EXPECT_THAT(kept_text, HasSubstr("*Promise*\\nkept"));
    EXPECT_THAT(missed_text, HasSubstr("*Promise*\\nmissed"));
    EXPECT_THAT(kept_text, HasSubstr("https://slack.com/archives/C0RESOLUTN1/p"));
}

TEST(CaseList, StatusOfAnInstallerComplaintForTheBackOfficeWithItsNextChase) {
    TestBot bot;
    const TimePoint now = bot.clock().Now();
    const long long ic = SeedComplaint(bot, kAgent, now + 48h);

    const std::string text = NoPersonalData(Ask(bot, kBackOffice, "status IC-" + std::to_string(ic)));
    const std::string refused = Ask(bot, kOtherAgent, "status IC-" + std::to_string(ic)).dump();

    EXPECT_THAT(text, HasSubstr("|IC-" + std::to_string(ic) + ">"));
    EXPECT_THAT(text, HasSubstr("*State*\\nchase 1 waiting"));
    EXPECT_THAT(text, HasSubstr("*Owner*\\nnobody yet"));
    EXPECT_THAT(text, HasSubstr("*Promise*\\non track"));
    EXPECT_THAT(text, HasSubstr("<!date^" + std::to_string(ToUnix(now + 48h))));
    EXPECT_THAT(text, HasSubstr("https://slack.com/archives/C0BACKOFFC1/p"));
    EXPECT_THAT(refused, HasSubstr("Only the agent who raised the case"));
}

TEST(CaseList, HelpAndBadInputAnswerWithTheUsage) {
    TestBot bot;
    EXPECT_THAT(Ask(bot, kAgent, "").dump(), HasSubstr("/escalation list [mine|open|overdue|unclaimed] [page]"));
    const std::string bad = Ask(bot, kAgent, "list everything").dump();
    EXPECT_THAT(bad, HasSubstr("takes `mine`, `open`, `overdue` or `unclaimed`"));
    EXPECT_THAT(Ask(bot, kAgent, "status nope").dump(), HasSubstr("not a case reference"));
}

}  // namespace
}  // namespace escbot::test
