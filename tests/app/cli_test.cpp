#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "config/time_text.hpp"
#include "tests/config/settings_test_util.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

std::string ExampleConfig() { return (SourceDir() / "config" / "escalation-bot.example.toml").string(); }

ProcessResult Bot(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), BotBinary().string());
    // Secrets of the developer's shell must not leak into these runs.
    for (const char* name : {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "PORT",
                             "DATABASE_URL"})
        env.emplace(name, "");
    // From the repository's root, as the README runs it: the example config's paths are relative.
    return RunProcess(args, env, "", std::chrono::seconds(30), SourceDir().string());
}

TEST(Cli, VersionPrintsTheVersionAndExitsZero) {
    const auto r = Bot({"version"});

    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out.rfind("escalation-bot ", 0), 0u);
}

TEST(Cli, HelpListsSubcommandsEnvironmentAndExitCodes) {
    const auto r = Bot({"--help"});

    EXPECT_EQ(r.exit_code, 0);
    for (const char* word : {"serve", "console", "sop", "oncall", "due", "version", "SLACK_SIGNING_SECRET",
                             "Exit codes"})
        EXPECT_NE(r.out.find(word), std::string::npos) << word;
}

TEST(Cli, NoSubcommandOrAnUnknownOneIsAUsageError) {
    EXPECT_EQ(Bot({}).exit_code, 2);
    EXPECT_EQ(Bot({"frobnicate"}).exit_code, 2);
}

TEST(Cli, SopLintAcceptsTheShippedFileAndRejectsABrokenOne) {
    TempDir dir;
    std::ofstream(dir / "bad.toml") << "[sop]\nid = \"escalation\"\nversion = \"x\"\nfirst_step = \"nowhere\"\n";

    const auto good = Bot({"sop", "lint", (SourceDir() / "config/sop/escalation.toml").string()});
    const auto bad = Bot({"sop", "lint", (dir / "bad.toml").string()});

    EXPECT_EQ(good.exit_code, 0) << good.err;
    EXPECT_NE(good.out.find("ok: escalation SOP"), std::string::npos);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("bad.toml"), std::string::npos);
}

TEST(Cli, OncallPrintsWhoIsOnAndTheNextChange) {
    const auto r = Bot({"--config", ExampleConfig(), "oncall", "--at", "2026-11-23T10:00:00-05:00"});

    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "U0CONCERT1\nU0CONCERT2\nU0CONCERT3\nU0CONCERT4\nU0CONCERT5\n"
              "next: 2026-11-23T18:00:00-05:00 off: U0CONCERT3 U0CONCERT4 U0CONCERT5\n");
}

TEST(Cli, OncallRejectsABadTimeAndAnUnknownRotationWithExitTwo) {
    const auto bad_time = Bot({"--config", ExampleConfig(), "oncall", "--at", "tomorrow"});
    const auto bad_rotation = Bot({"--config", ExampleConfig(), "oncall", "--rotation", "nobody"});

    EXPECT_EQ(bad_time.exit_code, 2);
    EXPECT_FALSE(bad_time.err.empty());
    EXPECT_EQ(bad_rotation.exit_code, 2);
    EXPECT_NE(bad_rotation.err.find("nobody"), std::string::npos);
}

TEST(Cli, ABadConfigFileNamesTheFileLineAndKey) {
    TempDir dir;
    const std::string path = (dir / "bad.toml").string();
    std::ofstream(path) << "[server]\nport = \"eighty\"\n";

    const auto r = Bot({"--config", path, "serve"});

    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(path + ":2: server.port"), std::string::npos) << r.err;
}

TEST(Cli, ServeWithoutSecretsSaysWhichVariableIsMissing) {
    const auto r = Bot({"--config", ExampleConfig(), "serve"});

    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("SLACK_BOT_TOKEN"), std::string::npos);
    EXPECT_NE(r.err.find("SLACK_SIGNING_SECRET"), std::string::npos);
}

ProcessResult Due(const std::string& from, const std::string& add) {
    return Bot({"--config", ExampleConfig(), "due", "--from", from, "--add", add});
}

TEST(CliDue, BusinessHoursCarryOverAWeekend) {
    const auto r = Due("2026-12-04T17:00:00-05:00", "24bh");

    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "2026-12-09T14:00:00-05:00\n");
}

TEST(CliDue, TheExampleCalendarSkipsThanksgiving) {
    EXPECT_EQ(Due("2026-11-25T16:00:00-05:00", "4bh").out, "2026-11-27T11:00:00-05:00\n");
    EXPECT_EQ(Due("2026-11-25T10:00:00-05:00", "1bd").out, "2026-11-27T10:00:00-05:00\n");
}

TEST(CliDue, PrintsTheZonesOffsetOnEachSideOfTheSpringChange) {
    EXPECT_EQ(Due("2026-03-06T22:00:00Z", "2bh").out, "2026-03-09T10:00:00-04:00\n");
    EXPECT_EQ(Due("2026-03-07T10:00:00-05:00", "1d").out, "2026-03-08T10:00:00-04:00\n");
    EXPECT_EQ(Due("2026-11-01T00:30:00-04:00", "2h").out, "2026-11-01T01:30:00-05:00\n");
}

TEST(CliDue, NowIsTheWallClock) {
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto r = Due("now", "30s");
    const auto after = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_FALSE(r.out.empty());
    const auto printed = config::ParseIsoInstant(r.out.substr(0, r.out.size() - 1));
    ASSERT_TRUE(printed.has_value()) << r.out;
    EXPECT_GE(*printed, before + std::chrono::seconds(30));
    EXPECT_LE(*printed, after + std::chrono::seconds(30));
}

TEST(CliDue, ABadTimeNamesFromAndExitsTwo) {
    for (const char* from : {"tomorrow", "2026-12-04T17:00:00", "2026-02-30T10:00:00Z", "NOW"}) {
        const auto r = Due(from, "24bh");
        EXPECT_EQ(r.exit_code, 2) << from;
        EXPECT_EQ(r.out, "") << from;
        EXPECT_NE(r.err.find("--from"), std::string::npos) << from << ": " << r.err;
    }
}

TEST(CliDue, ABadDurationNamesAddAndExitsTwo) {
    for (const char* add : {"0h", "-1h", "1.5h", "1 h", "1hh", "h", "24BH", "",
                            "99999999999999999999h"}) {
        const auto r = Due("2026-12-04T17:00:00-05:00", add);
        EXPECT_EQ(r.exit_code, 2) << add;
        EXPECT_EQ(r.out, "") << add;
        EXPECT_NE(r.err.find("--add: expected a duration such as 24bh"), std::string::npos)
            << add << ": " << r.err;
    }
}

TEST(CliDue, BothOptionsAreRequired) {
    const auto no_add = Bot({"--config", ExampleConfig(), "due", "--from", "now"});
    const auto no_from = Bot({"--config", ExampleConfig(), "due", "--add", "24bh"});

    EXPECT_EQ(no_add.exit_code, 2);
    EXPECT_NE(no_add.err.find("--add"), std::string::npos) << no_add.err;
    EXPECT_EQ(no_from.exit_code, 2);
    EXPECT_NE(no_from.err.find("--from"), std::string::npos) << no_from.err;
}

TEST(CliDue, CountsInTheConfiguredCalendarsZoneAndHours) {
    TempDir dir;
    const std::string path = (dir / "chicago.toml").string();
    std::ofstream(path) << R"([business_calendar]
time_zone = "America/Chicago"
days = ["mon", "wed"]
start = "08:00"
end = "12:00"
)" << config::test::kRequiredRotations;

    // Monday 11:00 Chicago: one hour left; Wednesday 08:00-09:00.
    const auto r = Bot({"--config", path, "due", "--from", "2026-12-07T17:00:00Z", "--add", "2bh"});

    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "2026-12-09T09:00:00-06:00\n");
}

}  // namespace
}  // namespace escbot::test
