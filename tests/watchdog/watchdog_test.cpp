// The watchdog in the whole bot (issue 18 item 7): real SQLite, the real HTTP server on
// loopback, the fake Slack, a ManualClock. Each problem reaches the admin channel once, and once
// more when it clears; /metrics and /healthz show what is open.

#include <atomic>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/http_client/http_client.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kAdminChannel = "C0BOTADMIN1";  // the example configuration's

std::vector<std::string> AdminTexts(TestBot& bot) {
    std::vector<std::string> texts;
    for (const auto& m : bot.slack().Messages(kAdminChannel)) texts.push_back(m.value("text", ""));
    return texts;
}

void Enqueue(TestBot& bot, const std::string& channel) {
    storage::OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", channel}, {"text", "Case update"}};
    item.lane = channel;
    bot.store().Write([&](storage::UnitOfWork& u) { u.Outbox().Enqueue(item, bot.clock().Now()); });
}

long long StartLadderWithoutTimer(TestBot& bot) {
    const TimePoint now = bot.clock().Now();
    return bot.store().Write([&](storage::UnitOfWork& u) {
        storage::EscalationCase c;
        c.sop_version = "2026.12.1";
        c.status = storage::EscalationCase::Status::kLive;
        c.outcome = "live_ladder";
        c.created_by = "U0AGENT1";
        c.created_at = now;
        const long long id = u.Escalation().Cases().Create(c);
        // As if its ladder.step timer were lost: nothing will move it.
        u.Escalation().Ladders().Create({.case_id = id,
                                         .sop_version = c.sop_version,
                                         .tier_id = "tier2",
                                         .step = 1,
                                         .deadline = now + 30s,
                                         .started_at = now});
        return id;
    });
}

long long Pending(TestBot& bot) {
    return bot.store().Read([](storage::UnitOfWork& u) { return u.Outbox().Stats().pending; });
}

class WatchdogTest : public ::testing::Test {
protected:
    void SetUp() override { bot_.Flush(); }  // the start-up timers fire: a quiet bot
    std::vector<std::string> Tick() { return bot_.bot().RunWatchdog(); }

    TestBot bot_;
};

TEST_F(WatchdogTest, AQuietBotHasNoProblems) {
    bot_.Advance(10min);

    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();
    EXPECT_THAT(AdminTexts(bot_), IsEmpty());
}

TEST_F(WatchdogTest, AStuckLadderIsReportedOnceThenResolvedOnce) {
    const long long id = StartLadderWithoutTimer(bot_);
    bot_.clock().Advance(59s);
    EXPECT_THAT(Tick(), IsEmpty());  // within the 30 s grace after the deadline

    bot_.clock().Advance(2s);
    EXPECT_THAT(Tick(), ElementsAre("ladder_stuck"));
    bot_.Flush();
    EXPECT_THAT(Tick(), ElementsAre("ladder_stuck"));
    bot_.Flush();

    auto texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 1u);
    EXPECT_THAT(texts[0], HasSubstr("A live ladder stopped moving"));
    EXPECT_THAT(texts[0], HasSubstr("ESC-" + std::to_string(id) + " (step 1, `tier2`, 31 s late)"));

    bot_.store().Write([&](storage::UnitOfWork& u) {
        u.Escalation().Ladders().EndInVoicemail(id, 1, bot_.clock().Now());
    });
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();

    texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_THAT(texts[1], HasSubstr("resolved: A live ladder stopped moving"));
}

TEST_F(WatchdogTest, AnOutboxThatStoppedDrainingIsReportedOnceThenResolvedOnce) {
    Enqueue(bot_, "C0SUPPORTCS");
    bot_.clock().Advance(4min);
    EXPECT_THAT(Tick(), IsEmpty());

    bot_.clock().Advance(2min);  // nothing sends: the outbox worker has stopped
    EXPECT_THAT(Tick(), ElementsAre("outbox_stalled"));
    EXPECT_THAT(Tick(), ElementsAre("outbox_stalled"));
    EXPECT_EQ(Pending(bot_), 2);  // the stuck item and one notice, not two

    bot_.Flush();  // the worker runs again: both go out
    auto texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 1u);
    EXPECT_THAT(texts[0], HasSubstr("The outbox stopped draining"));
    EXPECT_THAT(texts[0], HasSubstr("1 message is waiting to go to Slack, the oldest for 6 min"));

    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();
    texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_THAT(texts[1], HasSubstr("resolved: The outbox stopped draining"));
}

TEST_F(WatchdogTest, ATimerMoreThanAMinuteLateIsReportedAndClearsOnceItFires) {
    bot_.store().Write([&](storage::UnitOfWork& u) {
        u.Timers().Schedule(
            {0, "test.nothing", "test:late", bot_.clock().Now(), nlohmann::json::object()});
    });
    bot_.clock().Advance(60s);
    EXPECT_THAT(Tick(), IsEmpty());

    bot_.clock().Advance(30s);  // the scheduler did not run
    EXPECT_THAT(Tick(), ElementsAre("timer_late"));
    bot_.Flush();  // it runs: the timer fires (a kind nobody handles is removed)
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();

    const auto texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_THAT(texts[0],
                HasSubstr("1 timer has not fired, the oldest due 1 min ago (`test.nothing` ×1)"));
    EXPECT_THAT(texts[1], HasSubstr("resolved: Timers are late"));
}

TEST_F(WatchdogTest, AMessageThatFailedForGoodIsReportedOnceWithSlacksCode) {
    bot_.slack().FailNextWithError("chat.postMessage", 1, "channel_not_found");
    Enqueue(bot_, "C0SUPPORTCS");
    bot_.Flush();

    EXPECT_THAT(Tick(), ElementsAre("message_failed"));
    bot_.Flush();
    EXPECT_THAT(Tick(), ElementsAre("message_failed"));  // shown for an hour, not reported again
    bot_.Flush();

    const auto texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 1u);
    EXPECT_THAT(texts[0],
                HasSubstr("1 message failed for good (`chat.postMessage` `channel_not_found`)"));
    bot_.clock().Advance(1h);
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();
    EXPECT_EQ(AdminTexts(bot_).size(), 1u);  // no "resolved" for an event
}

TEST_F(WatchdogTest, MetricsAndHealthzShowTheOpenChecksOverHttp) {
    HttpClient http(bot_.port());
    EXPECT_EQ(http.Get("/healthz").body, "ok\nwatchdog: ok\n");
    Enqueue(bot_, "C0SUPPORTCS");
    bot_.clock().Advance(6min);
    StartLadderWithoutTimer(bot_);
    bot_.clock().Advance(61s);
    Tick();

    const auto health = http.Get("/healthz");
    const auto metrics = http.Get("/metrics").body;

    EXPECT_EQ(health.status, 200);  // reported, not failed: the bot still serves Slack
    EXPECT_EQ(health.body, "ok\nwatchdog: ladder_stuck, outbox_stalled\n");
    EXPECT_THAT(metrics, HasSubstr("escbot_watchdog_problem{check=\"ladder_stuck\"} 1\n"));
    EXPECT_THAT(metrics, HasSubstr("escbot_watchdog_problem{check=\"outbox_stalled\"} 1\n"));
    EXPECT_THAT(metrics, HasSubstr("escbot_watchdog_problem{check=\"timer_late\"} 0\n"));
    EXPECT_THAT(metrics, HasSubstr("escbot_watchdog_problem{check=\"socket_disconnected\"} 0\n"));
}

TEST_F(WatchdogTest, ARestartNeitherForgetsNorReportsAgainAnOpenProblem) {
    Enqueue(bot_, "C0SUPPORTCS");
    bot_.clock().Advance(6min);
    ASSERT_THAT(Tick(), ElementsAre("outbox_stalled"));

    bot_.Restart();  // as a crash leaves it: nothing was sent

    EXPECT_EQ(HttpClient(bot_.port()).Get("/healthz").body, "ok\nwatchdog: outbox_stalled\n");
    EXPECT_THAT(Tick(), ElementsAre("outbox_stalled"));
    EXPECT_EQ(Pending(bot_), 2);  // still one notice
    bot_.Flush();
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();
    const auto texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_THAT(texts[0], HasSubstr("The outbox stopped draining"));
    EXPECT_THAT(texts[1], HasSubstr("resolved"));
}

TEST_F(WatchdogTest, SocketModeDownPastItsGraceIsReportedAndItsReconnectResolvesIt) {
    std::atomic<bool> connected{false};
    bot_.bot().SetSocketModeProbe([&connected] { return connected.load(); });

    EXPECT_THAT(Tick(), IsEmpty());  // down since now: within the minute's grace
    bot_.clock().Advance(30s);
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.clock().Advance(30s);
    EXPECT_THAT(Tick(), ElementsAre("socket_disconnected"));
    connected = true;
    bot_.clock().Advance(30s);
    EXPECT_THAT(Tick(), IsEmpty());
    bot_.Flush();

    const auto texts = AdminTexts(bot_);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_THAT(texts[0], HasSubstr("Socket Mode has had no connection to Slack for 1 min"));
    EXPECT_THAT(texts[1], HasSubstr("resolved: Socket Mode is disconnected"));
}

TEST_F(WatchdogTest, ARefusedTokenFailsHealthzAndIsLeftToTheTokenPauseNote) {
    bot_.slack().FailNextWithError("chat.postMessage", 1, "token_revoked");
    Enqueue(bot_, "C0SUPPORTCS");
    bot_.Flush();
    ASSERT_FALSE(bot_.bot().Healthy());

    EXPECT_THAT(Tick(), ElementsAre("token_refused"));

    const auto health = HttpClient(bot_.port()).Get("/healthz");
    EXPECT_EQ(health.status, 503);
    EXPECT_EQ(health.body, "unavailable\nwatchdog: token_refused\n");
    EXPECT_EQ(Pending(bot_), 1);  // the refused post only: no watchdog note for the admin channel
}

TEST(Watchdog, WithoutAnAdminChannelItStillShowsProblemsButPostsNothing) {
    TestBot::Options options;
    options.edit_config = [](std::string& toml) {
        const auto at = toml.find("\nadmin = ");
        ASSERT_NE(at, std::string::npos);
        toml.erase(at + 1, toml.find('\n', at + 1) - at);
    };
    TestBot bot(options);
    bot.Flush();
    Enqueue(bot, "C0SUPPORTCS");
    bot.clock().Advance(6min);

    EXPECT_THAT(bot.bot().RunWatchdog(), ElementsAre("outbox_stalled"));
    EXPECT_EQ(Pending(bot), 1);
}

TEST(Watchdog, DisabledInTheConfigurationItChecksNothing) {
    TestBot::Options options;
    options.edit_config = [](std::string& toml) {
        const auto at = toml.find("\nenabled = true");
        ASSERT_NE(at, std::string::npos);
        toml.replace(at, 15, "\nenabled = false");
    };
    TestBot bot(options);
    bot.Flush();
    Enqueue(bot, "C0SUPPORTCS");
    bot.clock().Advance(6min);

    EXPECT_THAT(bot.bot().RunWatchdog(), IsEmpty());
}

}  // namespace
}  // namespace escbot::test
