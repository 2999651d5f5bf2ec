#pragma once

#include <chrono>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "bot/routing/payloads.hpp"

namespace escbot::routing {

/// The three kinds of request body Slack sends, whatever the transport.
///  - kSlashCommand: an object of the command's fields as strings (`command`, `text`, `user_id`,
///    `channel_id`, `trigger_id`, `response_url`, ...): HTTP form fields or a Socket Mode payload.
///  - kInteraction: the `payload` object (`type` is block_actions, view_submission, view_closed,
///    shortcut, message_action).
///  - kEvent: the Events API envelope (`type` is event_callback or url_verification).
enum class InboundKind { kSlashCommand, kInteraction, kEvent };

/// One request from Slack, read into its typed payload (Bolt's ReceiverEvent, typed): every
/// transport turns its body into one with ReadInbound, then hands it to the router.
struct Inbound {
    Payload payload;
    int retry_num = 0;  // X-Slack-Retry-Num, or Socket Mode's retry_attempt
};

/// Reads a transport's body into an Inbound, or says which checked read failed. Never throws.
std::variant<Inbound, PayloadError> ReadInbound(
    InboundKind kind, const nlohmann::json& body, int retry_num = 0,
    SteadyTime received_at = std::chrono::steady_clock::now());

/// The acting user's id ("" when the request has none).
std::string UserId(const Inbound& in);
/// The channel the request came from ("" if none).
std::string ChannelId(const Inbound& in);
/// Where a private answer to the request may be posted ("" if Slack gave no response_url).
std::string ResponseUrl(const Inbound& in);
/// "command:/escalate", "action:claim", ... (see RouteName(const Payload&)).
std::string RouteName(const Inbound& in);

}  // namespace escbot::routing
