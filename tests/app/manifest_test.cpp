#include "commands/manifest.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "commands/registry.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {


// The manifests in deploy/ are what admins paste; regenerate them with
// `escalation-bot manifest [--socket-mode] > deploy/...` when the commands change.
TEST(Manifest, TheCommittedManifestsAreWhatTheBotGenerates) {
    EXPECT_TRUE(ReadFile(SourceDir() / "deploy/slack-app-manifest.yaml") ==
                commands::SlackAppManifest(false, commands::kExampleRequestUrl))
        << "out of date: build/escalation-bot manifest > deploy/slack-app-manifest.yaml";
    EXPECT_TRUE(ReadFile(SourceDir() / "deploy/slack-app-manifest.socket-mode.yaml") ==
                commands::SlackAppManifest(true, commands::kExampleRequestUrl))
        << "out of date: build/escalation-bot manifest --socket-mode > "
           "deploy/slack-app-manifest.socket-mode.yaml";
}

TEST(Manifest, DeclaresExactlyTheCommandsTheRouterServes) {
    TestBot bot;
    const std::string manifest = commands::SlackAppManifest(false, commands::kExampleRequestUrl);

    std::vector<std::string> declared;
    std::istringstream lines(manifest);
    for (std::string line; std::getline(lines, line);) {
        const std::string marker = "- command: ";
        if (const size_t at = line.find(marker); at != std::string::npos) declared.push_back(line.substr(at + marker.size()));
    }
    std::sort(declared.begin(), declared.end());

    EXPECT_EQ(declared, bot.bot().router().CommandNames());
}

TEST(Manifest, CommandsStayWithinTheManifestSchemaLimits) {
    for (const auto& command : commands::SlashCommands()) {
        EXPECT_EQ(command.name.front(), '/');
        EXPECT_GE(command.name.size(), 2u);
        EXPECT_LE(command.name.size(), 32u);
        EXPECT_FALSE(command.description.empty());
        EXPECT_LE(command.description.size(), 2000u);
        EXPECT_LE(command.usage_hint.size(), 1000u);
    }
}

TEST(Manifest, SocketModeVariantHasNoRequestUrls) {
    const std::string manifest = commands::SlackAppManifest(true, commands::kExampleRequestUrl);

    EXPECT_EQ(manifest.find("https://"), manifest.find("https://api.slack.com"));
    EXPECT_NE(manifest.find("socket_mode_enabled: true"), std::string::npos);
}

}  // namespace
}  // namespace escbot::test
