#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "bot/routing/ack.hpp"
#include "bot/routing/inbound.hpp"

namespace escbot::socket_mode {

/// One text frame from Slack's Socket Mode server, classified (slack-platform.md §5).
struct Frame {
    enum class Kind {
        kHello,       // {"type":"hello",...}: the connection is ready
        kDisconnect,  // {"type":"disconnect","reason":...}: fetch a new URL and move over
        kEnvelope,    // has an envelope_id: must be acked
        kOther,       // valid JSON of a type this client does not use
        kMalformed,   // not JSON, or not an object
    };

    Kind kind = Kind::kOther;
    std::string type;         // as sent: "hello", "slash_commands", "events_api", ...
    std::string envelope_id;  // kEnvelope only
    std::string reason;       // kDisconnect only: "warning", "refresh_requested", ...
    nlohmann::json payload;   // kEnvelope only: the body the HTTP endpoint would get, as JSON
    bool accepts_response_payload = false;  // read, but the ack carries its payload anyway
    int retry_attempt = 0;    // events_api redeliveries
    int num_connections = 0;  // kHello only
};

/// Parses and classifies a frame. Never throws: bad JSON is kMalformed. Pure and thread-safe.
Frame ParseFrame(std::string_view text);

/// The Inbound kind for an envelope type; nullopt for a type the bot does not handle.
std::optional<routing::InboundKind> InboundKindFor(std::string_view envelope_type);

/// Reads an envelope's payload into the transport-neutral request, or says which required field
/// is missing. Precondition: InboundKindFor(frame.type) has a value.
std::variant<routing::Inbound, routing::PayloadError> ToInbound(const Frame& frame,
                                                                routing::InboundKind kind,
                                                                routing::SteadyTime received_at);

/// The ack frame: {"envelope_id":"…"}, plus "payload" with the handler's answer when there is
/// one, whatever the envelope's accepts_response_payload says (both official SDKs send it
/// regardless). Pure and thread-safe.
std::string AckFrame(std::string_view envelope_id, const routing::Ack& ack);

}  // namespace escbot::socket_mode
