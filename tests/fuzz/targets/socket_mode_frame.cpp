// One text frame from Slack's Socket Mode server (bot/socket_mode/frame): classified, its
// envelope read into a typed request, and acked. Input: the frame text.

#include <cstdint>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "bot/routing/ack.hpp"
#include "bot/socket_mode/frame.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace escbot;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const socket_mode::Frame frame = socket_mode::ParseFrame(text);
    if (frame.kind != socket_mode::Frame::Kind::kEnvelope) return 0;
    if (frame.envelope_id.empty()) fuzz::PropertyFailed("an envelope without an id");

    if (const auto kind = socket_mode::InboundKindFor(frame.type)) {
        const auto read = socket_mode::ToInbound(frame, *kind, routing::SteadyTime{});
        if (const auto* inbound = std::get_if<routing::Inbound>(&read)) {
            (void)routing::RouteName(*inbound);
            (void)routing::UserId(*inbound);
        }
    }
    // The ack names the envelope exactly as sent, whatever else the frame held.
    for (const routing::Ack& ack : {routing::Ack::Empty(), routing::Ack::Ephemeral("ok")}) {
        const std::string sent = socket_mode::AckFrame(frame.envelope_id, ack);
        const auto back = nlohmann::json::parse(sent, nullptr, /*allow_exceptions=*/false);
        if (!back.is_object() || back.value("envelope_id", std::string()) != frame.envelope_id)
            fuzz::PropertyFailed("the ack frame does not carry the envelope id");
    }
    return 0;
}
