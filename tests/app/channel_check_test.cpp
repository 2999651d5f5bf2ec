// Start-up check that every channel personal data goes to is private (conversations.info):
// the pure decision, the call against the fake Slack's wire format, and the real process
// refusing to serve (exit code 2, the key and the channel named) or starting when allowed.

#include "bot/app/channel_check.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/metrics/metrics.hpp"
#include "bot/slack/curl_slack_api.hpp"
#include "config/settings.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using app::ChannelAnswer;
using app::PersonalDataChannel;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const std::vector<PersonalDataChannel> kTwo = {{"channels.resolution_team", "C0RESOLUTN1"},
                                               {"channels.back_office", "C0BACKOFFC1"}};

ChannelAnswer Private() { return {.answered = true, .name = "cases", .is_private = true}; }
ChannelAnswer Public() { return {.answered = true, .name = "general", .is_private = false}; }

TEST(PersonalDataChannels, AreTheFourChannelsCasesAndHomeownerDataGoToButNotAdmin) {
    config::Settings settings;
    settings.channels = {"C0RES", "C0LIVE", "C0CONC", "C0BACK", "C0ADMIN"};

    const auto channels = app::PersonalDataChannels(settings);

    ASSERT_THAT(channels, SizeIs(4));
    EXPECT_EQ(channels[0].key, "channels.resolution_team");
    EXPECT_EQ(channels[1].key, "channels.live_escalation");
    EXPECT_EQ(channels[2].key, "channels.concert_confirmation");
    EXPECT_EQ(channels[3].key, "channels.back_office");
    EXPECT_EQ(channels[3].id, "C0BACK");
}

TEST(ChannelPrivacyProblems, PrivateChannelsPass) {
    bool config_error = true;
    const auto problems = app::ChannelPrivacyProblems(
        kTwo, {{"C0RESOLUTN1", Private()}, {"C0BACKOFFC1", Private()}}, {}, config_error);

    EXPECT_THAT(problems, IsEmpty());
    EXPECT_FALSE(config_error);
}

TEST(ChannelPrivacyProblems, APublicChannelIsAConfigurationErrorNamingKeyAndChannel) {
    bool config_error = false;
    const auto problems = app::ChannelPrivacyProblems(
        kTwo, {{"C0RESOLUTN1", Private()}, {"C0BACKOFFC1", Public()}}, {}, config_error);

    ASSERT_THAT(problems, SizeIs(1));
    EXPECT_THAT(problems[0], HasSubstr("channels.back_office = \"C0BACKOFFC1\" (#general)"));
    EXPECT_THAT(problems[0], HasSubstr("PUBLIC"));
    EXPECT_THAT(problems[0], HasSubstr("allow_public_channels = [\"C0BACKOFFC1\"]"));
    EXPECT_TRUE(config_error);
}

TEST(ChannelPrivacyProblems, APublicChannelTheConfigAllowsPasses) {
    bool config_error = true;
    const auto problems = app::ChannelPrivacyProblems(
        kTwo, {{"C0RESOLUTN1", Private()}, {"C0BACKOFFC1", Public()}}, {"C0BACKOFFC1"},
        config_error);

    EXPECT_THAT(problems, IsEmpty());
    EXPECT_FALSE(config_error);
}

TEST(ChannelPrivacyProblems, SlackErrorsSayWhatToDo) {
    ChannelAnswer not_found{.answered = true, .error = "channel_not_found"};
    ChannelAnswer scope{.answered = true,
                        .error = "missing_scope",
                        .needed = "groups:read",
                        .provided = "chat:write,commands"};
    bool config_error = false;

    const auto problems = app::ChannelPrivacyProblems(
        kTwo, {{"C0RESOLUTN1", not_found}, {"C0BACKOFFC1", scope}}, {}, config_error);

    ASSERT_THAT(problems, SizeIs(2));
    EXPECT_THAT(problems[0], HasSubstr("channels.resolution_team = \"C0RESOLUTN1\""));
    EXPECT_THAT(problems[0], HasSubstr("channel_not_found"));
    EXPECT_THAT(problems[0], HasSubstr("invite the bot"));
    EXPECT_THAT(problems[1], HasSubstr("channels.back_office"));
    EXPECT_THAT(problems[1], HasSubstr("needed: groups:read"));
    EXPECT_THAT(problems[1], HasSubstr("add channels:read and groups:read"));
    EXPECT_TRUE(config_error);
}

TEST(ChannelPrivacyProblems, NoAnswerIsAProblemButNotTheConfigurations) {
    bool config_error = true;
    const auto problems = app::ChannelPrivacyProblems(kTwo, {{"C0RESOLUTN1", Private()}}, {},
                                                      config_error);

    ASSERT_THAT(problems, SizeIs(1));
    EXPECT_THAT(problems[0], HasSubstr("channels.back_office"));
    EXPECT_THAT(problems[0], HasSubstr("did not answer"));
    EXPECT_FALSE(config_error);
}

// --- AskChannels against the fake Slack's conversations.info --------------------------------

class AskChannels : public ::testing::Test {
protected:
    std::map<std::string, ChannelAnswer> Ask(const std::vector<PersonalDataChannel>& channels) {
        metrics::Registry registry;
        slack::CurlSlackApiOptions options;
        options.base_url = slack_.BaseUrl();
        options.bot_token = slack_.options().bot_token;
        slack::CurlSlackApi api(options, registry);
        auto answers = app::AskChannels(api, channels, 3s);
        api.Stop();
        return answers;
    }
    FakeSlackServer slack_;
};

TEST_F(AskChannels, ReadsIsPrivateAndTheNameOncePerDistinctChannel) {
    slack_.SetPublicChannels({"C0BACKOFFC1"});

    const auto answers = Ask({kTwo[0], kTwo[1], {"channels.live_escalation", "C0RESOLUTN1"}});

    EXPECT_EQ(slack_.CallCount("conversations.info"), 2u);
    EXPECT_TRUE(answers.at("C0RESOLUTN1").answered);
    EXPECT_TRUE(answers.at("C0RESOLUTN1").is_private);
    EXPECT_EQ(answers.at("C0RESOLUTN1").name, "c0resolutn1");
    EXPECT_FALSE(answers.at("C0BACKOFFC1").is_private);
    std::set<std::string> asked;
    for (const auto& call : slack_.Calls("conversations.info"))
        asked.insert(call.args.value("channel", ""));
    EXPECT_EQ(asked, (std::set<std::string>{"C0BACKOFFC1", "C0RESOLUTN1"}));
}

TEST_F(AskChannels, KeepsSlacksErrorsWithTheScopeItNeeds) {
    slack_.SetChannels({"C0RESOLUTN1"});
    slack_.SetScopes({"chat:write", "commands"});

    const auto answers = Ask(kTwo);

    EXPECT_EQ(answers.at("C0BACKOFFC1").error, "channel_not_found");
    EXPECT_EQ(answers.at("C0RESOLUTN1").error, "missing_scope");
    EXPECT_EQ(answers.at("C0RESOLUTN1").needed, "groups:read");
    EXPECT_EQ(answers.at("C0RESOLUTN1").provided, "chat:write,commands");
}

TEST_F(AskChannels, APrivateChannelTheBotIsNotInIsNotFound) {
    slack_.SetNonMemberChannels({"C0BACKOFFC1"});

    const auto answers = Ask(kTwo);

    EXPECT_EQ(answers.at("C0BACKOFFC1").error, "channel_not_found");
    EXPECT_TRUE(answers.at("C0RESOLUTN1").is_private);
}

TEST_F(AskChannels, AnUnansweredCallIsNotAnswered) {
    slack_.FailNextWithStatus("conversations.info", 10, 500);

    const auto answers = Ask({kTwo[0]});

    EXPECT_FALSE(answers.at("C0RESOLUTN1").answered);
}

// --- The real process -----------------------------------------------------------------------

class ServeChannelCheck : public ::testing::Test {
protected:
    /// The example configuration; `allowed` replaces its (empty) allow_public_channels list.
    void WriteConfig(const std::string& allowed) {
        std::string text = ReadFile(SourceDir() / "config/escalation-bot.example.toml");
        text = std::regex_replace(text, std::regex("\npath = \"[^\"]*\""),
                                  "\npath = \"" + (dir_ / "bot.sqlite3").string() + "\"");
        text = std::regex_replace(
            text, std::regex("\nsop_file = \"[^\"]*\""),
            "\nsop_file = \"" + (SourceDir() / "config/sop/escalation.toml").string() + "\"");
        const std::string key = "allow_public_channels = []";
        if (!allowed.empty()) text.replace(text.find(key), key.size(), allowed);
        std::ofstream(dir_ / "bot.toml") << text;
    }
    std::unique_ptr<ChildProcess> Start(bool socket_mode = false) {
        return std::make_unique<ChildProcess>(
            std::vector<std::string>{BotBinary().string(), "--config", (dir_ / "bot.toml").string(),
                                     "serve", "--port", std::to_string(FreePort())},
            std::map<std::string, std::string>{
                {"SLACK_BOT_TOKEN", slack_.options().bot_token},
                {"SLACK_SIGNING_SECRET", "channel-check-secret"},
                {"SLACK_APP_TOKEN", socket_mode ? slack_.options().app_token : ""},
                {"PORT", ""},
                {"SLACK_API_BASE_URL", slack_.BaseUrl()}},
            dir_.path().string());
    }

    TempDir dir_;
    FakeSlackServer slack_;
};

TEST_F(ServeChannelCheck, APublicBackOfficeChannelStopsServeWithExitCode2NamingKeyAndChannel) {
    slack_.SetPublicChannels({"C0BACKOFFC1"});
    WriteConfig("");

    auto child = Start();
    const auto code = child->Wait(15s);

    ASSERT_TRUE(code.has_value()) << child->Stderr();
    EXPECT_EQ(*code, 2);
    EXPECT_THAT(child->Stderr(), HasSubstr("channels.back_office = \"C0BACKOFFC1\""));
    EXPECT_THAT(child->Stderr(), HasSubstr("PUBLIC"));
    EXPECT_EQ(child->Stderr().find("listening on port"), std::string::npos);
    EXPECT_EQ(slack_.CallCount("conversations.info"), 4u);
}

TEST_F(ServeChannelCheck, InSocketModeTooAPublicChannelStopsTheStart) {
    slack_.SetPublicChannels({"C0RESOLUTN1"});
    WriteConfig("");

    auto child = Start(/*socket_mode=*/true);
    const auto code = child->Wait(15s);

    ASSERT_TRUE(code.has_value()) << child->Stderr();
    EXPECT_EQ(*code, 2);
    EXPECT_THAT(child->Stderr(), HasSubstr("channels.resolution_team = \"C0RESOLUTN1\""));
    EXPECT_EQ(slack_.CallCount("apps.connections.open"), 0u);
}

TEST_F(ServeChannelCheck, APublicChannelTheConfigAllowsStartsAndPrivateOnesToo) {
    slack_.SetPublicChannels({"C0BACKOFFC1"});
    WriteConfig("allow_public_channels = [\"C0BACKOFFC1\"]");

    auto child = Start();

    EXPECT_TRUE(child->WaitForStderr("listening on port", 15s)) << child->Stderr();
    child->Signal(SIGTERM);
    EXPECT_EQ(child->Wait(10s), 0);
}

TEST_F(ServeChannelCheck, SwitchedOffItAsksNothingAndStartsWithAWarning) {
    slack_.SetPublicChannels({"C0BACKOFFC1"});
    WriteConfig("");
    std::string text = ReadFile(dir_ / "bot.toml");
    const std::string key = "check_channels_at_start = true";
    ASSERT_NE(text.find(key), std::string::npos);
    text.replace(text.find(key), key.size(), "check_channels_at_start = false");
    std::ofstream(dir_ / "bot.toml") << text;

    auto child = Start();

    EXPECT_TRUE(child->WaitForStderr("listening on port", 15s)) << child->Stderr();
    EXPECT_THAT(child->Stderr(), HasSubstr("check_channels_at_start = false"));
    EXPECT_EQ(slack_.CallCount("conversations.info"), 0u);
    child->Signal(SIGTERM);
    EXPECT_EQ(child->Wait(10s), 0);
}

TEST_F(ServeChannelCheck, AReloadThatPointsAtAPublicChannelIsRefusedAndTheOldOneKept) {
    slack_.SetPublicChannels({"C0PUBLIC001"});
    WriteConfig("");
    auto child = Start();
    ASSERT_TRUE(child->WaitForStderr("listening on port", 15s)) << child->Stderr();

    std::string text = ReadFile(dir_ / "bot.toml");
    text.replace(text.find("back_office = \"C0BACKOFFC1\""),
                 std::string("back_office = \"C0BACKOFFC1\"").size(),
                 "back_office = \"C0PUBLIC001\"");
    std::ofstream(dir_ / "bot.toml") << text;
    child->Signal(SIGHUP);

    EXPECT_TRUE(child->WaitForStderr("reload refused", 15s)) << child->Stderr();
    EXPECT_THAT(child->Stderr(), HasSubstr("channels.back_office = \"C0PUBLIC001\""));
    EXPECT_TRUE(child->Running());
    child->Signal(SIGTERM);
    EXPECT_EQ(child->Wait(10s), 0);
}

TEST_F(ServeChannelCheck, AMissingReadScopeStopsServeNamingTheScope) {
    slack_.SetScopes({"commands", "chat:write", "usergroups:read", "channels:history",
                      "groups:history", "im:history", "im:write"});
    WriteConfig("");

    auto child = Start();
    const auto code = child->Wait(15s);

    ASSERT_TRUE(code.has_value()) << child->Stderr();
    EXPECT_EQ(*code, 2);
    EXPECT_THAT(child->Stderr(), HasSubstr("missing_scope, needed: groups:read"));
    EXPECT_THAT(child->Stderr(), HasSubstr("add channels:read and groups:read"));
}

}  // namespace
}  // namespace escbot::test
