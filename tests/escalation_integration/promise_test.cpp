// The follow-up promise on business time (SOP §1 A, issue 16): "an update within 24-48 business
// hours" on the business calendar of the example config (New York, weekdays 09:00-18:00,
// Thanksgiving 2026-11-26 off). At 24bh the owner (or the leads) is reminded; at 48bh the case is
// overdue (root says so, leads tagged) and reminded each business morning; reminders are posted
// only in working time; an update restarts the promise; cases pinned to the older 1-day version
// keep 24 wall-clock hours. Real HTTP, real SQLite, real time zones, a ManualClock.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/support/paths.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kLead = "U0LEAD00001";
constexpr const char* kResolution = "C0RESOLUTN1";
constexpr const char* kLeads = "<!subteam^S0LEADS0001> <@U0LEAD00001>";

// Instants in New York (EST, UTC-5, in late 2026), as Unix seconds.
const TimePoint kMon23At10 = FromUnix(1795446000);    // Mon 2026-11-23 10:00: the case opens
const TimePoint kWed25At16 = FromUnix(1795640400);    // +24bh: due soon
const TimePoint kTue1At13 = FromUnix(1796148000);     // +48bh (Thanksgiving off): due
const TimePoint kMon30At10 = FromUnix(1796050800);    // Mon 2026-11-30 10:00
const TimePoint kMon7At13 = FromUnix(1796666400);     // Mon 2026-12-07 13:00
const TimePoint kMon30At12 = FromUnix(1796058000);    // Mon 2026-11-30 12:00
const TimePoint kWed2At18 = FromUnix(1796252400);     // Wed 2026-12-02 18:00 (closing)
const TimePoint kThu3At09 = FromUnix(1796306400);     // Thu 2026-12-03 09:00 (opening)
const TimePoint kFri4At17 = FromUnix(1796421600);     // Fri 2026-12-04 17:00
const TimePoint kSat5At17 = FromUnix(1796508000);     // Sat 2026-12-05 17:00
const TimePoint kMon7At09 = FromUnix(1796652000);     // Mon 2026-12-07 09:00
constexpr Seconds kDay = std::chrono::hours(24);

class Promise : public ::testing::Test {
protected:
    explicit Promise(TimePoint start = kMon23At10) : bot_(Options(start)) {}

    static TestBot::Options Options(TimePoint start) {
        TestBot::Options options;
        options.start = start;
        return options;
    }
    void SetUp() override {
        id_ = agent_.AgreeToWait(kAgent);
        ASSERT_GT(id_, 0);
    }
    std::string Id() const { return "ESC-" + std::to_string(id_); }
    nlohmann::json Root() { return agent_.Messages(kResolution).at(0); }
    std::vector<std::string> Replies() {
        std::vector<std::string> out;
        auto all = agent_.Messages(kResolution);
        for (std::size_t i = 1; i < all.size(); ++i) out.push_back(MrkdwnText(all[i]));
        return out;
    }
    std::size_t RepliesWith(const std::string& text) {
        std::size_t n = 0;
        for (const auto& reply : Replies()) n += reply.find(text) != std::string::npos ? 1 : 0;
        return n;
    }
    /// Moves the clock to `t` (running whatever falls due at `t`).
    void AdvanceTo(TimePoint t) { bot_.Advance(t - bot_.clock().Now()); }
    void Claim(const std::string& lead) {
        agent_.Click(lead, "case_claim", Id());
        bot_.Flush();
    }
    void GiveUpdate(const std::string& lead, const std::string& text) {
        agent_.Click(lead, "case_add_update", Id());
        ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));
        const auto calls = bot_.slack().Calls("views.open");
        nlohmann::json view = calls.back().args["view"];
        view["id"] = calls.back().response["view"]["id"];
        agent_.Submit(lead, view, {{"case_note", text}});
        bot_.Flush();
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
    long long id_ = 0;
};

TEST_F(Promise, TheCaseIsDueFortyEightBusinessHoursAfterItOpens) {
    const auto c = agent_.Case(id_);

    ASSERT_TRUE(c->follow_up_due);
    EXPECT_EQ(*c->follow_up_due, kTue1At13);  // across a weekend and Thanksgiving
    EXPECT_EQ(c->sop_version, "2026.12.1");
    EXPECT_THAT(AllText(Root()), HasSubstr("Complaints"));
    EXPECT_THAT(AllText(Root()), HasSubstr("Resolution Team"));
}

TEST_F(Promise, BeforeThePromiseRunsOutTheLeadsAreRemindedWhileNobodyClaimedIt) {
    AdvanceTo(kWed25At16 - Seconds(1));
    EXPECT_THAT(Replies(), IsEmpty());

    AdvanceTo(kWed25At16);

    ASSERT_EQ(Replies().size(), 1u);
    EXPECT_THAT(Replies()[0], HasSubstr("Update due soon"));
    EXPECT_THAT(Replies()[0], HasSubstr(kLeads));
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.follow_up_due_soon");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Promise, BeforeThePromiseRunsOutTheOwnerIsRemindedOnceClaimed) {
    Claim(kLead);

    AdvanceTo(kWed25At16);

    const std::string reminder = Replies().back();
    EXPECT_THAT(reminder, HasSubstr("Update due soon"));
    EXPECT_THAT(reminder, HasSubstr("<@U0LEAD00001>"));
    EXPECT_THAT(reminder, Not(HasSubstr("subteam")));
}

TEST_F(Promise, AtTheDueTimeTheRootSaysOverdueAndTheLeadsAreTagged) {
    AdvanceTo(kWed25At16);
    AdvanceTo(kTue1At13 - Seconds(1));
    EXPECT_EQ(RepliesWith("Overdue"), 0u);
    EXPECT_THAT(AllText(Root()), Not(HasSubstr("Overdue")));

    AdvanceTo(kTue1At13);

    EXPECT_EQ(RepliesWith("*Overdue:*"), 1u);
    EXPECT_THAT(Replies().back(), HasSubstr(kLeads));
    EXPECT_THAT(AllText(Root()), HasSubstr("Overdue"));
    EXPECT_EQ(agent_.Case(id_)->overdue_since, kTue1At13);
    EXPECT_EQ(agent_.Audit("case:1").back().action, "case.follow_up_overdue");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Promise, AnOverdueCaseIsRemindedEachBusinessMorningAndNotOnTheWeekend) {
    AdvanceTo(kWed25At16);
    AdvanceTo(kTue1At13);
    const TimePoint wed2_at9 = kMon7At09 - 5 * kDay;

    AdvanceTo(wed2_at9 - Seconds(1));
    EXPECT_EQ(RepliesWith("Still overdue"), 0u);
    AdvanceTo(wed2_at9);
    EXPECT_EQ(RepliesWith("Still overdue"), 1u);
    AdvanceTo(wed2_at9 + kDay);      // Thursday
    AdvanceTo(wed2_at9 + 2 * kDay);  // Friday
    EXPECT_EQ(RepliesWith("Still overdue"), 3u);
    AdvanceTo(wed2_at9 + 3 * kDay);  // Saturday
    AdvanceTo(wed2_at9 + 4 * kDay);  // Sunday
    EXPECT_EQ(RepliesWith("Still overdue"), 3u);

    AdvanceTo(kMon7At09);

    EXPECT_EQ(RepliesWith("Still overdue"), 4u);
    EXPECT_THAT(Replies().back(), HasSubstr(kLeads));
}

TEST_F(Promise, AnUpdateGivenToTheCustomerRestartsTheClock) {
    AdvanceTo(kMon30At10);

    GiveUpdate(kLead, "Called the homeowner; waiting on the installer's documents.");

    EXPECT_EQ(agent_.Case(id_)->follow_up_due, kMon7At13);  // 48bh from Monday 10:00
    AdvanceTo(kTue1At13);  // the first promise's due time passes quietly
    EXPECT_EQ(RepliesWith("Overdue"), 0u);
    AdvanceTo(kMon30At10 + 2 * kDay + std::chrono::hours(6));  // Wed 16:00: 24bh after the update
    EXPECT_EQ(RepliesWith("Update due soon"), 2u);
    AdvanceTo(kMon7At13);
    EXPECT_EQ(RepliesWith("*Overdue:*"), 1u);
}

TEST_F(Promise, AnUpdateEndsTheOverdueStateAndItsDailyReminders) {
    AdvanceTo(kWed25At16);
    AdvanceTo(kTue1At13);
    ASSERT_THAT(AllText(Root()), HasSubstr("Overdue"));

    GiveUpdate(kLead, "Spoke with the homeowner.");

    EXPECT_FALSE(agent_.Case(id_)->overdue_since.has_value());
    EXPECT_THAT(AllText(Root()), Not(HasSubstr("Overdue")));
    AdvanceTo(kMon7At09 - 5 * kDay);  // Wednesday morning
    EXPECT_EQ(RepliesWith("Still overdue"), 0u);
}

TEST_F(Promise, AResolvedCaseGetsNoMoreReminders) {
    AdvanceTo(kWed25At16);
    const std::size_t before = Replies().size();
    agent_.Click(kLead, "case_resolve", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 2));
    const auto calls = bot_.slack().Calls("views.open");
    nlohmann::json view = calls.back().args["view"];
    view["id"] = calls.back().response["view"]["id"];
    agent_.Submit(kLead, view, {{"case_note", "Done."}});
    bot_.Flush();

    AdvanceTo(kMon7At09);

    EXPECT_EQ(Replies().size(), before + 1);  // the resolution only
    EXPECT_EQ(RepliesWith("Overdue"), 0u);
}

// Opened Monday 12:00: 24bh end exactly at Wednesday's closing (18:00), outside working time.
class PromiseAtClosing : public Promise {
protected:
    PromiseAtClosing() : Promise(kMon30At12) {}
};

TEST_F(PromiseAtClosing, AReminderFallingAtNightIsPostedAtTheNextOpening) {
    AdvanceTo(kWed2At18);
    EXPECT_THAT(Replies(), IsEmpty());
    AdvanceTo(kWed2At18 + std::chrono::hours(6));  // midnight
    AdvanceTo(kThu3At09 - Seconds(1));
    EXPECT_THAT(Replies(), IsEmpty());

    AdvanceTo(kThu3At09);

    ASSERT_EQ(Replies().size(), 1u);
    EXPECT_THAT(Replies()[0], HasSubstr("Update due soon"));
}

// A case opened under the older SOP version (2026.11.1: "within 1 day", follow_up_hours = 24)
// on Friday at 5 PM, after which the file moved on to 2026.12.1 and the bot restarted: the
// case keeps its version's rule, 24 wall-clock hours (due Saturday 5 PM), reloaded from
// sop_versions; its overdue reminders still wait for working time.
class OldVersionCase : public ::testing::Test {
protected:
    static TestBot::Options OldSop() {
        TestBot::Options options;
        options.start = kFri4At17;
        options.edit_config = [](std::string& toml) {
            const std::string shipped = (SourceDir() / "config/sop/escalation.toml").string();
            toml.replace(toml.find(shipped), shipped.size(),
                         (SourceDir() / "tests/sop/fixtures/escalation-2026.11.1.toml").string());
        };
        return options;
    }
    void SwitchToTheShippedSopAndRestart() {
        const std::string path = bot_.settings().source_file;
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        std::string toml = text.str();
        const std::string old = (SourceDir() / "tests/sop/fixtures/escalation-2026.11.1.toml").string();
        toml.replace(toml.find(old), old.size(),
                     (SourceDir() / "config/sop/escalation.toml").string());
        std::ofstream(path) << toml;
        bot_.Restart();
    }
    std::vector<std::string> Replies() {
        std::vector<std::string> out;
        auto all = agent_.Messages(kResolution);
        for (std::size_t i = 1; i < all.size(); ++i) out.push_back(MrkdwnText(all[i]));
        return out;
    }
    void AdvanceTo(TimePoint t) { bot_.Advance(t - bot_.clock().Now()); }

    TestBot bot_{OldSop()};
    EscalationDriver agent_{bot_};
};

TEST_F(OldVersionCase, KeepsTwentyFourWallClockHoursAndPostsItsReminderInWorkingTime) {
    const long long id = agent_.AgreeToWait(kAgent);
    ASSERT_EQ(agent_.Case(id)->sop_version, "2026.11.1");
    SwitchToTheShippedSopAndRestart();

    EXPECT_EQ(agent_.Case(id)->follow_up_due, kSat5At17);
    AdvanceTo(kSat5At17);
    EXPECT_EQ(agent_.Case(id)->overdue_since, kSat5At17);  // the root says so at once...
    EXPECT_THAT(AllText(agent_.Messages(kResolution).at(0)), HasSubstr("Overdue"));
    EXPECT_THAT(Replies(), IsEmpty());                       // ...but nothing is posted at night
    AdvanceTo(kMon7At09 - Seconds(1));
    EXPECT_THAT(Replies(), IsEmpty());

    AdvanceTo(kMon7At09);

    ASSERT_EQ(Replies().size(), 1u);
    EXPECT_THAT(Replies()[0], HasSubstr("*Overdue:*"));
    EXPECT_THAT(Replies()[0], HasSubstr(kLeads));
    AdvanceTo(kMon7At09 + kDay);
    EXPECT_EQ(Replies().size(), 2u);
    EXPECT_THAT(Replies()[1], HasSubstr("Still overdue"));
}

// A new case under the shipped version opened in the same bot is due on business time.
TEST_F(OldVersionCase, ANewCaseAfterTheSwitchUsesTheNewPromise) {
    SwitchToTheShippedSopAndRestart();

    const long long id = agent_.AgreeToWait(kAgent);

    EXPECT_EQ(agent_.Case(id)->sop_version, "2026.12.1");
    EXPECT_EQ(agent_.Case(id)->follow_up_due,
              bot_.settings().business_calendar.Add(kFri4At17, {48, config::Duration::Unit::BusinessHours}));
}

}  // namespace
}  // namespace escbot::test
