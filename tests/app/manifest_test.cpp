#include "commands/manifest.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
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

// The bot-token scope each Web API method needs (Slack's method reference, "Required scopes").
// "" for none; apps.connections.open uses the app-level token (connections:write), not the bot's.
const std::map<std::string, std::string> kScopeOfMethod = {
    {"chat.postMessage", "chat:write"},     {"chat.update", "chat:write"},
    {"chat.postEphemeral", "chat:write"},   {"chat.delete", "chat:write"},
    {"chat.getPermalink", ""},              {"views.open", ""},
    {"views.push", ""},                     {"views.update", ""},
    {"views.publish", ""},                  {"apps.connections.open", ""},
    {"auth.test", ""},                      {"usergroups.users.list", "usergroups:read"},
    {"users.info", "users:read"},           {"conversations.open", "im:write"},
    // Several scopes, comma-separated: one per kind of conversation the bot reads.
    {"conversations.history", "channels:history,groups:history,im:history"},
    {"conversations.replies", "channels:history,groups:history,im:history"},
    {"conversations.info", "channels:read,groups:read"},
    {"files.getUploadURLExternal", "files:write"},
    {"files.completeUploadExternal", "files:write"},
};

// Files that name Web API methods without calling them: the console's stand-in for Slack, and
// the Web API client's rule for which methods take form bodies.
bool NamesWithoutCalling(const std::filesystem::path& file) {
    return file.filename() == "console_surface.cpp" || file.filename() == "form_encoding.cpp";
}

// Every Web API method named in a string literal in bot/ and commands/.
std::set<std::string> MethodsTheCodeCalls() {
    static const std::regex kMethod(
        R"re("((?:chat|views|users|usergroups|conversations|apps|auth|files|reactions|team)\.[A-Za-z.]+)")re");
    std::set<std::string> methods;
    for (const char* dir : {"bot", "commands"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(SourceDir() / dir)) {
            if (!entry.is_regular_file() || NamesWithoutCalling(entry.path())) continue;
            const std::string text = ReadFile(entry.path());
            for (std::sregex_iterator it(text.begin(), text.end(), kMethod), end; it != end; ++it)
                methods.insert((*it)[1].str());
        }
    }
    return methods;
}

TEST(Manifest, AsksForExactlyTheScopesTheCalledMethodsNeed) {
    std::set<std::string> needed = {"commands"};  // the slash commands
    for (const auto& method : MethodsTheCodeCalls()) {
        const auto scope = kScopeOfMethod.find(method);
        ASSERT_NE(scope, kScopeOfMethod.end()) << method << ": add its scope to kScopeOfMethod";
        std::stringstream scopes(scope->second);
        for (std::string one; std::getline(scopes, one, ',');) needed.insert(one);
    }
    std::set<std::string> asked;
    for (const auto scope : commands::BotScopes()) asked.insert(std::string(scope));

    EXPECT_EQ(asked, needed);
    EXPECT_TRUE(MethodsTheCodeCalls().contains("chat.postMessage"));  // the scan finds calls
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
