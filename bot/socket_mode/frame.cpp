#include "bot/socket_mode/frame.hpp"

namespace escbot::socket_mode {
namespace {

std::string StringField(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int IntField(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

}  // namespace

Frame ParseFrame(std::string_view text) {
    Frame frame;
    nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!root.is_object()) {
        frame.kind = Frame::Kind::kMalformed;
        return frame;
    }

    frame.type = StringField(root, "type");
    frame.envelope_id = StringField(root, "envelope_id");
    if (!frame.envelope_id.empty()) {
        frame.kind = Frame::Kind::kEnvelope;
        if (auto it = root.find("payload"); it != root.end()) frame.payload = std::move(*it);
        const auto accepts = root.find("accepts_response_payload");
        frame.accepts_response_payload = accepts != root.end() && accepts->is_boolean() &&
                                         accepts->get<bool>();
        frame.retry_attempt = IntField(root, "retry_attempt");
    } else if (frame.type == "hello") {
        frame.kind = Frame::Kind::kHello;
        frame.num_connections = IntField(root, "num_connections");
    } else if (frame.type == "disconnect") {
        frame.kind = Frame::Kind::kDisconnect;
        frame.reason = StringField(root, "reason");
    }
    return frame;
}

std::optional<routing::InboundKind> InboundKindFor(std::string_view envelope_type) {
    if (envelope_type == "slash_commands") return routing::InboundKind::kSlashCommand;
    if (envelope_type == "interactive") return routing::InboundKind::kInteraction;
    if (envelope_type == "events_api") return routing::InboundKind::kEvent;
    return std::nullopt;
}

std::variant<routing::Inbound, routing::PayloadError> ToInbound(const Frame& frame,
                                                                routing::InboundKind kind,
                                                                routing::SteadyTime received_at) {
    return routing::ReadInbound(kind, frame.payload, frame.retry_attempt, received_at);
}

std::string AckFrame(std::string_view envelope_id, const routing::Ack& ack) {
    nlohmann::json out = {{"envelope_id", envelope_id}};
    if (!ack.IsEmpty()) out["payload"] = ack.payload();
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace escbot::socket_mode
