// Checks on deploy/: what can be verified here without systemd running or a Docker engine.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {


bool HasLine(const std::string& text, const std::string& line) {
    return ("\n" + text + "\n").find("\n" + line + "\n") != std::string::npos;
}

TEST(DeploySystemdUnit, IsHardenedAndTakesSecretsFromAnEnvironmentFile) {
    const std::string unit = ReadFile(SourceDir() / "deploy/escalation-bot.service");

    for (const char* line : {"DynamicUser=yes", "StateDirectory=escalation-bot", "ProtectSystem=strict",
                             "NoNewPrivileges=yes", "EnvironmentFile=/etc/escalation-bot/escalation-bot.env",
                             "ExecReload=/bin/kill -HUP $MAINPID", "KillSignal=SIGTERM"})
        EXPECT_TRUE(HasLine(unit, line)) << line;
}

TEST(DeploySystemdUnit, PassesSystemdAnalyzeVerify) {
    if (!std::filesystem::exists("/usr/bin/systemd-analyze")) GTEST_SKIP() << "systemd-analyze not installed";
    TempDir dir;
    std::string unit = ReadFile(SourceDir() / "deploy/escalation-bot.service");
    unit = std::regex_replace(unit, std::regex("/usr/local/bin/escalation-bot"), BotBinary().string());
    std::ofstream(dir / "escalation-bot.service") << unit;

    const auto r = RunProcess({"/usr/bin/systemd-analyze", "verify", (dir / "escalation-bot.service").string()});

    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "") << "every warning is a setting systemd would ignore";
}

TEST(DeployEnvironmentExample, NamesTheThreeSecretsAndHoldsNoRealOne) {
    const std::string env = ReadFile(SourceDir() / "deploy/escalation-bot.env.example");

    for (const char* name : {"SLACK_BOT_TOKEN=", "SLACK_SIGNING_SECRET=", "SLACK_APP_TOKEN="})
        EXPECT_NE(env.find(name), std::string::npos) << name;
    EXPECT_EQ(std::regex_search(env, std::regex("xox[bpa]-[0-9]")), false);
}

TEST(DeployDockerfile, IsMultiStageNonRootWithHealthcheckAndVolume) {
    const std::string docker = ReadFile(SourceDir() / "deploy/Dockerfile");

    EXPECT_NE(docker.find("FROM debian:12 AS build"), std::string::npos);
    EXPECT_NE(docker.find("FROM debian:12-slim"), std::string::npos);
    EXPECT_NE(docker.find("USER escbot"), std::string::npos);
    EXPECT_NE(docker.find("HEALTHCHECK"), std::string::npos);
    EXPECT_NE(docker.find("/healthz"), std::string::npos);
    EXPECT_NE(docker.find("VOLUME /var/lib/escalation-bot"), std::string::npos);
}

// The runtime stage installs packages by name: each shared library the binary needs must come
// from one of them (or from the base image).
TEST(DeployDockerfile, InstallsThePackageOfEverySharedLibraryTheBinaryNeeds) {
    if (!std::filesystem::exists("/usr/bin/objdump") || !std::filesystem::exists("/usr/bin/dpkg"))
        GTEST_SKIP() << "objdump or dpkg missing";
    const std::string docker = ReadFile(SourceDir() / "deploy/Dockerfile");
    const auto needed = RunProcess({"/usr/bin/objdump", "-p", BotBinary().string()});
    ASSERT_EQ(needed.exit_code, 0);
    const std::set<std::string> in_base_image = {"libc6", "libstdc++6", "libgcc-s1"};
    // The sanitizer presets' runtimes: in those test builds only, never in the shipped binary.
    const std::set<std::string> sanitizer_runtimes = {"libasan8", "libubsan1", "libtsan2"};

    std::smatch m;
    std::string rest = needed.out;
    std::regex needed_line("NEEDED\\s+(\\S+)");
    int checked = 0;
    while (std::regex_search(rest, m, needed_line)) {
        const std::string library = m[1];
        rest = m.suffix();
        // In a multiarch directory: /lib32's copies (libc6-i386's libm.so.6) are not the ones loaded.
        const auto owner = RunProcess({"/bin/sh", "-c", "dpkg -S '*-linux-gnu/" + library + "' | head -1 | cut -d: -f1"});
        const std::string package = owner.out.substr(0, owner.out.find('\n'));
        ASSERT_FALSE(package.empty()) << library;
        ++checked;
        if (in_base_image.count(package) || sanitizer_runtimes.count(package)) continue;
        EXPECT_NE(docker.find(" " + package + " "), std::string::npos) << library << " comes from " << package;
    }
    EXPECT_GT(checked, 3);
}

// deploy/compose.yaml: two replicas on one PostgreSQL, secrets from env files only.
TEST(DeployCompose, RunsTwoReplicasOnPostgresWithSecretsFromEnvFilesOnly) {
    const std::string compose = ReadFile(SourceDir() / "deploy/compose.yaml");

    for (const char* text : {"image: postgres:", "replicas: 2", "env_file: escalation-bot.env",
                             "env_file: postgres.env", "condition: service_healthy",
                             "http://127.0.0.1:3000/healthz", "dockerfile: deploy/Dockerfile",
                             "profiles: [\"http\"]", "profiles: [\"socket-mode\"]",
                             "./nginx-escalation-bot.conf:/etc/nginx/conf.d/default.conf:ro"})
        EXPECT_NE(compose.find(text), std::string::npos) << text;
    // No secret in the file itself: no KEY=value or KEY: value for a password or a token.
    EXPECT_FALSE(std::regex_search(compose, std::regex("(PASSWORD|TOKEN|SECRET)\\s*[:=]\\s*[^\\s#]")));
    EXPECT_FALSE(std::regex_search(compose, std::regex("xox[bpa]-")));
    const std::string example = ReadFile(SourceDir() / "deploy/postgres.env.example");
    EXPECT_NE(example.find("POSTGRES_PASSWORD=replace-me"), std::string::npos);
    const std::string nginx = ReadFile(SourceDir() / "deploy/nginx-escalation-bot.conf");
    EXPECT_NE(nginx.find("http://bot:3000"), std::string::npos);
}

// Checked by Docker Compose itself where it is installed (the v2 plugin, or Debian's
// docker-compose, which predates the top-level `name`).
TEST(DeployCompose, PassesDockerComposeConfig) {
    std::vector<std::string> command;
    bool strip_name = false;
    const auto docker = RunProcess({"/bin/sh", "-c", "command -v docker && docker compose version"});
    if (docker.exit_code == 0) {
        command = {docker.out.substr(0, docker.out.find('\n')), "compose"};
    } else if (std::filesystem::exists("/usr/bin/docker-compose")) {
        command = {"/usr/bin/docker-compose", "-p", "escalation-bot"};
        strip_name = true;
    } else {
        GTEST_SKIP() << "neither docker compose nor docker-compose installed";
    }
    TempDir dir;
    std::filesystem::create_directory(dir / "deploy");
    std::string compose = ReadFile(SourceDir() / "deploy/compose.yaml");
    if (strip_name) compose = std::regex_replace(compose, std::regex("\nname: [^\n]*"), "");
    std::ofstream(dir / "deploy/compose.yaml") << compose;
    std::filesystem::copy_file(SourceDir() / "deploy/escalation-bot.env.example", dir / "deploy/escalation-bot.env");
    std::filesystem::copy_file(SourceDir() / "deploy/postgres.env.example", dir / "deploy/postgres.env");
    for (const char* profile : {"http", "socket-mode"}) {
        auto argv = command;
        argv.insert(argv.end(), {"-f", (dir / "deploy/compose.yaml").string(), "--profile", profile, "config"});
        const auto r = RunProcess(argv, {}, "", std::chrono::seconds(60), dir.path().string());
        EXPECT_EQ(r.exit_code, 0) << profile << ": " << r.err;
        EXPECT_NE(r.out.find("escalation-bot:local"), std::string::npos) << r.out;
    }
}

// deploy/escalation-bot-postgres.conf, the drop-in of a replica on PostgreSQL.
TEST(DeploySystemdPostgresDropIn, PassesSystemdAnalyzeVerifyWithTheUnit) {
    if (!std::filesystem::exists("/usr/bin/systemd-analyze")) GTEST_SKIP() << "systemd-analyze not installed";
    TempDir dir;
    std::string unit = ReadFile(SourceDir() / "deploy/escalation-bot.service");
    unit = std::regex_replace(unit, std::regex("/usr/local/bin/escalation-bot"), BotBinary().string());
    std::ofstream(dir / "escalation-bot.service") << unit;
    std::filesystem::create_directory(dir / "escalation-bot.service.d");
    std::filesystem::copy_file(SourceDir() / "deploy/escalation-bot-postgres.conf",
                               dir / "escalation-bot.service.d/postgres.conf");

    const auto r = RunProcess({"/usr/bin/systemd-analyze", "verify", (dir / "escalation-bot.service").string()},
                              {{"SYSTEMD_UNIT_PATH", dir.path().string() + ":"}});

    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "") << "every warning is a setting systemd would ignore";
}

// Its start check: a replica without a PostgreSQL DATABASE_URL refuses to start (it would work
// apart from the others on a SQLite file of its own).
TEST(DeploySystemdPostgresDropIn, RefusesToStartWithoutAPostgresDatabaseUrl) {
    const std::string dropin = ReadFile(SourceDir() / "deploy/escalation-bot-postgres.conf");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(dropin, m, std::regex("\nExecStartPre=/bin/sh -c '([^\n]*)'\n")));
    const std::string check = m[1];
    const auto run = [&](const std::string& url) {
        return RunProcess({"/bin/sh", "-c", check}, {{"DATABASE_URL", url}}).exit_code;
    };
    EXPECT_EQ(run("postgresql://escbot@db.internal/escalation_bot"), 0);
    EXPECT_EQ(run("postgres://escbot@db/escalation_bot"), 0);
    EXPECT_EQ(run(""), 1);
    EXPECT_EQ(run("/var/lib/escalation-bot/bot.sqlite3"), 1);
}

}  // namespace
}  // namespace escbot::test
