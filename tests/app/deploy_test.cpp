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

}  // namespace
}  // namespace escbot::test
