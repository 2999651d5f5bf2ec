#pragma once

#include <span>
#include <string>
#include <string_view>

namespace escbot::commands {

/// The Slack app manifest (YAML) for this bot: its slash commands come from SlashCommands(), the
/// list the router registers, so the app an admin creates and the routes the bot knows cannot
/// drift. With `socket_mode`, no request URLs; otherwise every URL is `request_url`.
std::string SlackAppManifest(bool socket_mode, std::string_view request_url);

/// The bot token's scopes: what the Web API methods the code calls need, no more (a test derives
/// them from the calls in the source tree).
std::span<const std::string_view> BotScopes();

/// The request URL written into the committed HTTP-mode manifest; admins replace it.
inline constexpr std::string_view kExampleRequestUrl = "https://escalation-bot.example.com/slack/events";

}  // namespace escbot::commands
