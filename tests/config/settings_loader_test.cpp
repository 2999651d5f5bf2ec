// LoadSettings: errors name file, line and key; the environment; secrets.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/config/settings_test_util.hpp"

namespace escbot::config {
namespace {

using test::ConfigFile;
using test::FirstError;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(LoadSettings, WrongTypeNamesTheFileLineAndKey) {
    const ConfigFile file("[server]\nport = \"3000\"\n");

    const auto result = file.Load();

    EXPECT_EQ(FirstError(result),
              file.name() + ":2: server.port: expected an integer between 1 and 65535");
}

TEST(LoadSettings, PortOutOfRangeIsRejected) {
    const ConfigFile file("[server]\nbind = \"127.0.0.1\"\nport = 70000\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":3: server.port: expected an integer between 1 and 65535");
}

TEST(LoadSettings, UnknownKeyIsAnErrorThatSuggestsTheKnownOne) {
    const ConfigFile file("[server]\nprot = 3000\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: server.prot: unknown key (did you mean port?)");
}

TEST(LoadSettings, UnknownTableIsAnError) {
    const ConfigFile file("[serverr]\nport = 3000\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":1: serverr: unknown table [serverr] (did you mean [server]?)");
}

TEST(LoadSettings, ChannelIdMustLookLikeOne) {
    const ConfigFile file("[channels]\nresolution_team = \"#general\"\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: channels.resolution_team: expected a Slack channel id (C… or G…)");
}

TEST(LoadSettings, GroupMembersMustBeUserOrGroupIds) {
    const ConfigFile file("[groups]\nleads = [\"S0LEADS\", \"lead@example.com\"]\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() +
                  ":2: groups.leads[1]: expected a Slack user id (U…/W…) or group id (S…)");
}

TEST(LoadSettings, LogLevelAndFormatAreValidated) {
    const ConfigFile file("[log]\nlevel = \"loud\"\nformat = \"xml\"\n");

    const auto result = file.Load();

    ASSERT_EQ(result.errors().size(), 2u);
    EXPECT_EQ(result.errors()[0].ToString(),
              file.name() +
                  ":2: log.level: expected one of trace, debug, info, warn, error, critical, off");
    EXPECT_EQ(result.errors()[1].ToString(), file.name() + ":3: log.format: expected text or json");
}

TEST(LoadSettings, TimeoutsMustBePositive) {
    const ConfigFile file("[slack]\ntimeout_ms = 0\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: slack.timeout_ms: expected an integer between 1 and 120000");
}

TEST(LoadSettings, WebApiConnectionsAreReadAndBounded) {
    const ConfigFile good("[slack]\nmax_connections = 128\n");
    const auto loaded = good.Load();
    ASSERT_TRUE(loaded.ok()) << loaded.ErrorText();
    EXPECT_EQ(loaded.value().slack.max_connections, 128);

    const ConfigFile bad("[slack]\nmax_connections = 0\n");
    EXPECT_EQ(FirstError(bad.Load()),
              bad.name() + ":2: slack.max_connections: expected an integer between 1 and 1024");
}

TEST(LoadSettings, SecretKeyInTheFileSaysToUseTheEnvironment) {
    const ConfigFile file("[slack]\nbot_token = \"xoxb-1111-2222-abcdefabcdef\"\n");

    const auto result = file.Load();

    ASSERT_EQ(result.errors().size(), 1u);
    EXPECT_EQ(result.errors()[0].ToString(),
              file.name() + ":2: slack.bot_token: secrets are read from the environment only: set "
                            "SLACK_BOT_TOKEN and remove this key from the file");
}

TEST(LoadSettings, SigningSecretInTheFileNamesItsVariable) {
    const ConfigFile file("signing_secret = \"8f742231b10e8888abcd99yyyzzz85a5\"\n");

    const auto result = file.Load();

    EXPECT_THAT(FirstError(result), HasSubstr(":1: signing_secret: "));
    EXPECT_THAT(FirstError(result), HasSubstr("SLACK_SIGNING_SECRET"));
    EXPECT_THAT(result.ErrorText(), Not(HasSubstr("8f742231")));
}

TEST(LoadSettings, TokenShapedValueUnderAnyKeyIsRejectedWithoutQuotingIt) {
    const ConfigFile file("[storage]\npath = \"xoxb-1111-2222-abcdefabcdef\"\n");

    const auto result = file.Load();

    EXPECT_THAT(FirstError(result), HasSubstr(":2: storage.path: this looks like a Slack token"));
    EXPECT_THAT(result.ErrorText(), Not(HasSubstr("1111-2222")));
}

TEST(LoadSettings, TomlSyntaxErrorCarriesItsLine) {
    const ConfigFile file("[server]\nport = 3000\nbind = \n");

    const auto result = file.Load();

    ASSERT_EQ(result.errors().size(), 1u);
    EXPECT_THAT(result.errors()[0].ToString(), HasSubstr(file.name() + ":3: TOML syntax error: "));
}

TEST(LoadSettings, TomlSyntaxErrorNeverEchoesAToken) {
    const ConfigFile file("[slack]\napi_base_url = xoxb-1111-2222-abcdefabcdef\n");

    const auto result = file.Load();

    ASSERT_FALSE(result.ok());
    EXPECT_THAT(result.ErrorText(), HasSubstr(":2: TOML syntax error"));
    EXPECT_THAT(result.ErrorText(), Not(HasSubstr("1111-2222")));
}

TEST(LoadSettings, MissingFileIsNamed) {
    const auto result = LoadSettings("/nonexistent/escalation-bot.toml", {});

    EXPECT_THAT(FirstError(result), HasSubstr("/nonexistent/escalation-bot.toml: cannot open"));
}

TEST(LoadSettings, ConcertMustNameADefinedRotation) {
    const ConfigFile file("[concert]\nrotation = \"concert\"\n");

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ":2: concert.rotation: names no rotation defined under [rotations]");
}

TEST(LoadSettings, DefaultConcertRotationMustExistToo) {
    const ConfigFile file("", /*with_rotations=*/false);

    EXPECT_EQ(FirstError(file.Load()),
              file.name() + ": concert.rotation: is not set, and its default "
                            "(concert_confirmation) names no rotation defined under [rotations]");
}

TEST(LoadSettings, BrokenRotationIsNotBlamedAgainOnConcert) {
    const ConfigFile file(R"([rotations.concert_confirmation]
time_zone = "Mars/Olympus"
[rotations.supervisors]
)", /*with_rotations=*/false);

    const auto result = file.Load();

    ASSERT_EQ(result.errors().size(), 1u) << result.ErrorText();
    EXPECT_EQ(result.errors()[0].where.key, "rotations.concert_confirmation.time_zone");
}

TEST(LoadSettings, EveryProblemIsReportedInFileOrder) {
    const ConfigFile file(
        "[server]\nport = 0\nthreads = 0\nhandler_threads = -1\n[log]\nlevel = \"loud\"\n");

    const auto result = file.Load();

    ASSERT_EQ(result.errors().size(), 4u);
    EXPECT_EQ(result.errors()[0].where.line, 2);
    EXPECT_EQ(result.errors()[1].where.line, 3);
    EXPECT_EQ(result.errors()[2].where.line, 4);
    EXPECT_EQ(result.errors()[2].where.key, "server.handler_threads");
    EXPECT_EQ(result.errors()[3].where.line, 6);
}

TEST(LoadSettings, ValuesFromTheFileAreKept) {
    const ConfigFile file(
        "[server]\nbind = \"0.0.0.0\"\nport = 8443\nthreads = 4\nhandler_threads = 2\n"
        "[storage]\npath = \"var/bot.sqlite3\"\n"
        "[channels]\nlive_escalation = \"G0LIVE123\"\n"
        "[escalation]\nsop_file = \"sop/v2.toml\"\n");

    const auto result = file.Load();

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_EQ(result.value().server.bind, "0.0.0.0");
    EXPECT_EQ(result.value().server.port, 8443);
    EXPECT_EQ(result.value().server.threads, 4);
    EXPECT_EQ(result.value().server.handler_threads, 2);
    EXPECT_EQ(result.value().storage.path, "var/bot.sqlite3");  // relative: resolved against cwd
    EXPECT_EQ(result.value().channels.live_escalation, "G0LIVE123");
    EXPECT_EQ(result.value().escalation.sop_file, "sop/v2.toml");
    EXPECT_EQ(result.value().source_file, file.name());
}

TEST(LoadSettings, ApiBaseUrlAlwaysEndsWithASlash) {
    const ConfigFile file("[slack]\napi_base_url = \"https://slack.example/api\"\n");

    const auto result = file.Load();

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_EQ(result.value().slack.api_base_url, "https://slack.example/api/");
}

TEST(Environment, PortOverridesTheFile) {
    const ConfigFile file("[server]\nport = 3000\n");

    const auto result = file.Load({{"PORT", "8080"}});

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_EQ(result.value().server.port, 8080);
}

TEST(Environment, BadPortNamesTheVariable) {
    const ConfigFile file("");

    EXPECT_EQ(FirstError(file.Load({{"PORT", "eighty"}})),
              "environment: PORT: expected an integer between 1 and 65535");
}

TEST(Environment, EmptyValueCountsAsUnset) {
    const ConfigFile file("[server]\nport = 3000\n");

    const auto result = file.Load({{"PORT", ""}});

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_EQ(result.value().server.port, 3000);
}

TEST(Environment, ApiBaseUrlOverridesTheFile) {
    const ConfigFile file("[slack]\napi_base_url = \"https://slack.com/api/\"\n");

    const auto result = file.Load({{"SLACK_API_BASE_URL", "http://127.0.0.1:9000/api"}});

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_EQ(result.value().slack.api_base_url, "http://127.0.0.1:9000/api/");
}

TEST(Environment, SecretsComeFromTheEnvironment) {
    const ConfigFile file("");

    const auto result = file.Load({{"SLACK_BOT_TOKEN", "xoxb-test"},
                                   {"SLACK_SIGNING_SECRET", "shh"},
                                   {"SLACK_APP_TOKEN", "xapp-test"}});

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_EQ(result.value().secrets.bot_token, "xoxb-test");
    EXPECT_EQ(result.value().secrets.signing_secret, "shh");
    EXPECT_EQ(result.value().secrets.app_token, "xapp-test");
}

TEST(Environment, SecretsAreEmptyWhenTheEnvironmentHasNone) {
    const ConfigFile file("");

    const auto result = file.Load();

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_TRUE(result.value().secrets.bot_token.empty());
    EXPECT_TRUE(result.value().secrets.signing_secret.empty());
    EXPECT_TRUE(result.value().secrets.app_token.empty());
}

TEST(Environment, ErrorsNeverShowTheEnvironmentsSecrets) {
    const ConfigFile file("[server]\nport = 0\n");

    const auto result = file.Load({{"SLACK_BOT_TOKEN", "xoxb-9999-secret"},
                                   {"SLACK_SIGNING_SECRET", "signing-9999"},
                                   {"PORT", "x"}});

    ASSERT_FALSE(result.ok());
    EXPECT_THAT(result.ErrorText(), Not(HasSubstr("9999")));
}

TEST(PortOverride, CommandLinePortWinsOverPortVariable) {
    const ConfigFile file("[server]\nport = 3000\n");
    auto result = file.Load({{"PORT", "8080"}});
    ASSERT_TRUE(result.ok()) << result.ErrorText();
    Settings settings = std::move(result).value();

    const auto error = ApplyPortOverride(settings, 9090);

    EXPECT_FALSE(error.has_value());
    EXPECT_EQ(settings.server.port, 9090);
}

TEST(PortOverride, OutOfRangePortIsRejectedAndLeavesThePortAlone) {
    Settings settings;
    settings.server.port = 3000;

    const auto error = ApplyPortOverride(settings, 0);

    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->ToString(), "--port: server.port: expected an integer between 1 and 65535");
    EXPECT_EQ(settings.server.port, 3000);
}

}  // namespace
}  // namespace escbot::config
