#include <fstream>

#include <gtest/gtest.h>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

std::string ExampleConfig() { return (SourceDir() / "config" / "escalation-bot.example.toml").string(); }

ProcessResult Bot(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), BotBinary().string());
    // Secrets of the developer's shell must not leak into these runs.
    for (const char* name : {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "PORT"})
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
    for (const char* word : {"serve", "console", "sop", "oncall", "version", "SLACK_SIGNING_SECRET",
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

}  // namespace
}  // namespace escbot::test
