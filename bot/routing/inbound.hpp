#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

namespace escbot::routing {

/// The three kinds of request Slack sends, whatever the transport.
enum class InboundKind { kSlashCommand, kInteraction, kEvent };

/// One request from Slack, reduced to what every transport can give (Bolt's ReceiverEvent):
/// HTTP form fields and Socket Mode payloads both become the same JSON body.
///  - kSlashCommand: an object of the command's fields as strings (`command`, `text`, `user_id`,
///    `channel_id`, `trigger_id`, `response_url`, ...).
///  - kInteraction: the `payload` object (`type` is block_actions, view_submission, view_closed,
///    shortcut, message_action).
///  - kEvent: the Events API envelope (`type` is event_callback or url_verification).
struct Inbound {
    InboundKind kind = InboundKind::kSlashCommand;
    nlohmann::json body;
    int retry_num = 0;  // X-Slack-Retry-Num, or Socket Mode's retry_attempt
    std::chrono::steady_clock::time_point received_at = std::chrono::steady_clock::now();
};

/// The acting user's id, whatever the kind ("" when the request has none).
std::string UserId(const Inbound& in);
/// The channel the request came from: channel_id, channel.id or container.channel_id ("" if none).
std::string ChannelId(const Inbound& in);
/// The trigger_id that lets the handler open or push a modal ("" if none).
std::string TriggerId(const Inbound& in);

}  // namespace escbot::routing
