// The real escalation-bot process, started as an admin would (serve, environment secrets), against
// the fake Slack: crash safety (SIGKILL), clean shutdown (SIGTERM) and live reload (SIGHUP).
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/http_client/slack_http_client.hpp"
#include "tests/support/http_client/slack_requests.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kSecret = "process-test-secret";


// A config file in a temp dir: the example config with its database and SOP paths made absolute.
class ServeFixture : public ::testing::Test {
protected:
    void SetUp() override {
        config_text_ = ReadFile(SourceDir() / "config/escalation-bot.example.toml");
        config_text_ = std::regex_replace(config_text_, std::regex("\npath = \"[^\"]*\""),
                                          "\npath = \"" + (dir_ / "bot.sqlite3").string() + "\"");
        config_text_ = std::regex_replace(config_text_, std::regex("\nsop_file = \"[^\"]*\""),
                                          "\nsop_file = \"" + (SourceDir() / "config/sop/escalation.toml").string() + "\"");
        WriteConfig(config_text_);
    }

    void WriteConfig(const std::string& text) { std::ofstream(dir_ / "bot.toml") << text; }

    std::unique_ptr<ChildProcess> Start() {
        port_ = FreePort();
        auto child = std::make_unique<ChildProcess>(
            std::vector<std::string>{BotBinary().string(), "--config", (dir_ / "bot.toml").string(), "serve",
                                     "--port", std::to_string(port_)},
            std::map<std::string, std::string>{{"SLACK_BOT_TOKEN", slack_.options().bot_token},
                                               {"SLACK_SIGNING_SECRET", kSecret},
                                               {"SLACK_APP_TOKEN", ""},
                                               {"PORT", ""},
                                               {"SLACK_API_BASE_URL", slack_.BaseUrl()}},
            dir_.path().string());
        EXPECT_TRUE(child->WaitForStderr("listening on port", 10s)) << child->Stderr();
        return child;
    }

    HttpResponse OpenHome(const std::string& user, const std::string& event_id) {
        SlackHttpClient client(port_, kSecret);
        return client.Event(EventCallback({{"type", "app_home_opened"}, {"user", user}, {"tab", "home"}}, event_id));
    }

    TempDir dir_;
    FakeSlackServer slack_;
    std::string config_text_;
    std::uint16_t port_ = 0;
};

TEST_F(ServeFixture, ARefusedBotTokenStopsServeWithinSecondsNamingTheProblemNotTheToken) {
    slack_.FailNextWithError("auth.test", 1, "token_revoked");
    ChildProcess child({BotBinary().string(), "--config", (dir_ / "bot.toml").string(), "serve",
                        "--port", std::to_string(FreePort())},
                       {{"SLACK_BOT_TOKEN", slack_.options().bot_token},
                        {"SLACK_SIGNING_SECRET", kSecret},
                        {"SLACK_APP_TOKEN", ""},
                        {"PORT", ""},
                        {"SLACK_API_BASE_URL", slack_.BaseUrl()}},
                       dir_.path().string());

    const auto code = child.Wait(10s);

    ASSERT_TRUE(code.has_value()) << child.Stderr();
    EXPECT_EQ(*code, 1);
    EXPECT_NE(child.Stderr().find("Slack refuses SLACK_BOT_TOKEN (token_revoked)"), std::string::npos)
        << child.Stderr();
    EXPECT_EQ(child.Stderr().find(slack_.options().bot_token), std::string::npos);
    EXPECT_EQ(child.Stderr().find("listening on port"), std::string::npos);
}

TEST_F(ServeFixture, AnAcceptedTokenIsLoggedWithItsTeamAndBotUser) {
    auto child = Start();

    EXPECT_NE(child->Stderr().find("Slack accepts the bot token: team"), std::string::npos)
        << child->Stderr();
    EXPECT_EQ(slack_.CallCount("auth.test"), 1u);
    child->Signal(SIGTERM);
    child->Wait(10s);
}

TEST_F(ServeFixture, PendingOutboxItemsSurviveSigkillAndGoOutAfterRestart) {
    // Slack is down: every publish fails with 500 and stays in the outbox to be retried.
    slack_.FailNextWithStatus("views.publish", 1000, 500);
    auto first = Start();
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(OpenHome("U0AGENT" + std::to_string(i), "Ev0KILL" + std::to_string(i)).status, 200);
    ASSERT_TRUE(slack_.WaitForCalls("views.publish", 3, 10s));

    first->Signal(SIGKILL);
    first->Wait(5s);
    slack_.Reset();  // Slack is back
    auto second = Start();

    ASSERT_TRUE(slack_.WaitForCalls("views.publish", 3, 20s)) << second->Stderr();
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(slack_.HomeView("U0AGENT" + std::to_string(i)).has_value()) << i;
}

TEST_F(ServeFixture, SigtermFlushesTheOutboxStopsAcceptingAndClosesTheDatabase) {
    slack_.DelayNext("views.publish", 1, 300ms);
    auto bot = Start();
    ASSERT_EQ(OpenHome("U0AGENT1", "Ev0TERM1").status, 200);

    bot->Signal(SIGTERM);
    const auto code = bot->Wait(15s);

    EXPECT_EQ(code, 0) << bot->Stderr();
    EXPECT_TRUE(slack_.HomeView("U0AGENT1").has_value());
    EXPECT_NE(bot->Stderr().find("stopped"), std::string::npos);
    // SQLite removes the WAL file when the last connection closes cleanly.
    EXPECT_FALSE(std::filesystem::exists(dir_ / "bot.sqlite3-wal"));
    EXPECT_THROW(OpenHome("U0AGENT2", "Ev0TERM2"), std::exception);
}

TEST_F(ServeFixture, SighupReloadsTheConfigAndKeepsTheOldOneWhenTheNewOneIsInvalid) {
    auto bot = Start();
    SlackHttpClient client(port_, kSecret);
    ASSERT_EQ(client.SlashCommand("/oncall", "tier2", {}).body.find("U0RELOAD"), std::string::npos);

    // A valid change: a new person in the Tier 2 rotation.
    std::string changed = std::regex_replace(config_text_, std::regex("U0TIER2001"), "U0RELOAD");
    ASSERT_NE(changed, config_text_) << "the example config's tier2 rotation has no U0TIER2001";
    WriteConfig(changed);
    bot->Signal(SIGHUP);
    ASSERT_TRUE(bot->WaitForStderr("configuration reloaded", 10s)) << bot->Stderr();
    const auto after_reload = client.SlashCommand("/oncall", "tier2", {});

    // An invalid change: it is refused, logged with file, line and key, and the old one stays.
    WriteConfig(std::regex_replace(changed, std::regex("\nport = 3000"), "\nport = \"eighty\""));
    bot->Signal(SIGHUP);
    ASSERT_TRUE(bot->WaitForStderr("reload failed", 10s)) << bot->Stderr();
    const auto after_bad_reload = client.SlashCommand("/oncall", "tier2", {});

    EXPECT_NE(after_reload.body.find("U0RELOAD"), std::string::npos) << after_reload.body;
    EXPECT_NE(bot->Stderr().find("bot.toml:"), std::string::npos);
    EXPECT_NE(bot->Stderr().find("server.port"), std::string::npos);
    EXPECT_NE(after_bad_reload.body.find("U0RELOAD"), std::string::npos);
    EXPECT_TRUE(bot->Running());
}

}  // namespace
}  // namespace escbot::test
