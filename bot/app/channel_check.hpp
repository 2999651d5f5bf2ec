#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "bot/slack/slack_api.hpp"
#include "config/settings.hpp"

namespace escbot::app {

// At start-up (serve, HTTP and Socket Mode alike) the bot asks Slack (conversations.info)
// whether each channel that receives personal data is private, and refuses to serve while one is
// public, unless [privacy] allow_public_channels names it. The decision is pure
// (ChannelPrivacyProblems); AskChannels is the thin caller.

/// A channel personal data goes to, and the configuration key that names it
/// ("channels.back_office").
struct PersonalDataChannel {
    std::string key;
    std::string id;
};

/// The configured channels that receive personal data: case posts and homeowner data
/// (channels.resolution_team, live_escalation, concert_confirmation, back_office). The admin
/// channel gets only the bot's own troubles and is not among them. Unset ones are left out.
std::vector<PersonalDataChannel> PersonalDataChannels(const config::Settings& settings);

/// Slack's answer to conversations.info for one channel.
struct ChannelAnswer {
    bool answered = false;  // false: no answer in time (transport, 5xx, 429 after retries)
    std::string error;      // Slack's code when ok was false ("channel_not_found", ...)
    std::string needed;     // missing_scope: the scope Slack asked for
    std::string provided;   // missing_scope: the token's scopes
    std::string name;       // channel.name
    bool is_private = false;
};

/// What stops the start-up, one line per channel, naming the configuration key and the channel:
/// a public channel not in `allowed_public`, a channel Slack does not know or will not describe
/// (channel_not_found, not_in_channel, missing_scope: which scope to add), a channel with no
/// answer. Empty: every channel is fine. `configuration_error` is set when some problem is the
/// configuration's (exit code 2); otherwise the problems are Slack not answering (exit code 1).
/// Pure.
std::vector<std::string> ChannelPrivacyProblems(
    const std::vector<PersonalDataChannel>& channels,
    const std::map<std::string, ChannelAnswer>& answers,
    const std::vector<std::string>& allowed_public, bool& configuration_error);

/// Asks conversations.info for each distinct channel id of `channels`, all at once, waiting at
/// most `bound` for all answers. Logs channel ids only.
std::map<std::string, ChannelAnswer> AskChannels(slack::SlackApi& api,
                                                 const std::vector<PersonalDataChannel>& channels,
                                                 std::chrono::milliseconds bound);

}  // namespace escbot::app
