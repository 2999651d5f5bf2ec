#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "bot/app/bot.hpp"
#include "bot/core/clock.hpp"
#include "bot/slack/curl_slack_api.hpp"
#include "bot/slack/response_url.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/http_client/slack_http_client.hpp"
#include "tests/support/paths.hpp"

namespace escbot::test {

/// The whole bot, running for real inside the test: the example configuration
/// (config/escalation-bot.example.toml, placeholder ids) and the shipped SOP, a SQLite file in a
/// temp dir, the real HTTP server on a loopback port with signature checks, the real libcurl Web
/// API client talking to a FakeSlackServer, and a ManualClock. Timers and the outbox do not run
/// on their own: Flush() and Advance() run them, so tests are deterministic to the second.
///
///   test::TestBot bot;                                    // Monday 2026-11-23 10:00 ET
///   auto r = bot.client().SlashCommand("/escalate", "", {.user_id = "U0AGENT1"});
///   bot.Flush();                                          // sends what the outbox holds
///   bot.slack().WaitForCalls("views.open", 1);
///   bot.Advance(std::chrono::seconds(30));                // fires the 30 s ladder timer
class TestBot {
public:
    struct Options {
        /// Monday 2026-11-23 10:00 America/New_York (15:00 UTC): weekday business hours.
        TimePoint start = FromUnix(1795446000);
        /// Edits the example configuration's text before it is loaded (channels, rotations...).
        std::function<void(std::string& toml)> edit_config;
        /// Sets up the fake Slack before the bot starts (user groups, scopes...).
        std::function<void(FakeSlackServer& slack)> prepare_slack;
        /// Edits the outbox worker's options (a short token probe interval...).
        std::function<void(slack::OutboxWorkerOptions& options)> edit_outbox;
    };

    static constexpr const char* kSigningSecret = "test-signing-secret";
    static constexpr const char* kBotToken = "xoxb-fake-bot-token";

    TestBot();
    explicit TestBot(Options options);
    ~TestBot();

    ManualClock& clock() { return clock_; }
    FakeSlackServer& slack() { return *slack_; }
    /// Signs requests at the ManualClock's time and posts them to the bot's HTTP port.
    SlackHttpClient& client() { return *client_; }
    app::Bot& bot() { return *bot_; }
    storage::Store& store() { return *store_; }
    const config::Settings& settings() const { return *settings_; }
    metrics::Registry& metrics() { return *metrics_; }
    std::uint16_t port() const;

    /// Fires due timers and sends every due outbox item, waiting (up to 5 s) for Slack's answers,
    /// so that what the bot owes Slack has reached the fake when it returns. Private answers
    /// posted to response URLs (and their fallbacks) are done first.
    void Flush();
    /// Waits (up to 5 s) until the posts to response URLs queued so far are answered.
    void WaitForResponseUrls();
    /// Moves the clock forward, then Flush().
    void Advance(Seconds by);
    /// Stops the bot as a crash would leave it (nothing flushed) and starts a new one on the same
    /// database file, configuration and fake Slack; the clock keeps its time.
    void Restart();

private:
    void Boot();
    void Shutdown();

    Options options_;
    TempDir dir_;
    ManualClock clock_;
    std::unique_ptr<FakeSlackServer> slack_;
    std::string config_path_;
    std::shared_ptr<const config::Settings> settings_;
    std::unique_ptr<metrics::Registry> metrics_;
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<slack::CurlSlackApi> api_;
    std::unique_ptr<slack::CurlResponseUrlClient> respond_;
    std::unique_ptr<app::Bot> bot_;
    struct Server;
    std::unique_ptr<Server> server_;
    std::unique_ptr<SlackHttpClient> client_;
};

}  // namespace escbot::test
