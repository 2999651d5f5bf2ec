#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/slack/response_url.hpp"
#include "storage/store.hpp"

namespace escbot::slack {

/// Where a private answer to one person goes: the request's response_url first; then, through
/// the outbox, chat.postEphemeral in `channel`, or a DM when there is no channel or the channel
/// is a direct message (chat.postEphemeral fails in a DM between people: channel_not_found).
struct ReplyTarget {
    std::string response_url;
    std::string channel;
    std::string user;
};

/// Answers one person privately: the answer to a click, a refusal, a form that would not open.
/// The response_url works wherever the request came from (a DM between people, a channel the
/// bot is not in) and needs no token; when it is absent or refused (expired after 30 minutes,
/// used 5 times, Slack down) the answer goes to the durable outbox instead, so it is not lost.
/// Thread-safe; Send never blocks on the network, and with a client it never writes to the
/// database on the caller's thread either (the Web API client's I/O thread may call it).
class PrivateReplies {
public:
    /// `client` may be null (console mode): every answer then goes through the outbox.
    PrivateReplies(storage::Store& store, const Clock& clock, ResponseUrlClient* client)
        : store_(store), clock_(clock), client_(client) {}

    /// `message` holds "text" and optionally "blocks". Sent as response_type ephemeral, never
    /// replacing the message clicked.
    void Send(const ReplyTarget& to, const nlohmann::json& message);

    /// The outbox item of the fallback (chat.postEphemeral, or a DM); exposed for tests.
    static storage::OutboxItem FallbackItem(const ReplyTarget& to, const nlohmann::json& message);

private:
    void Fallback(const ReplyTarget& to, const nlohmann::json& message);

    storage::Store& store_;
    const Clock& clock_;
    ResponseUrlClient* client_;
};

}  // namespace escbot::slack
