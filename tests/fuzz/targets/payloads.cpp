// The typed payload parsers (bot/routing/payloads*): slash command fields, interactions
// (block_actions, view_submission, view_closed) and Events API envelopes, read from JSON the
// way both transports hand them over. Input: one byte choosing the kind, then the JSON body.

#include <chrono>
#include <cstdint>
#include <variant>

#include <nlohmann/json.hpp>

#include "bot/routing/inbound.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using namespace escbot;

// Every lookup the handlers make on a view must work on whatever state was read.
void ReadView(const routing::View& view) {
    for (const auto& [block_id, actions] : view.state) {
        for (const auto& [action_id, state] : actions) {
            if (view.Input(block_id, action_id) != &state)
                fuzz::PropertyFailed("View::Input does not find a state it holds");
        }
    }
    (void)view.Input("", "");
}

void Inspect(const routing::Payload& payload) {
    if (const auto* action = std::get_if<routing::BlockAction>(&payload)) {
        if (action->user_id.empty() || action->action_id.empty())
            fuzz::PropertyFailed("block action without a required field");
        if (action->view) ReadView(*action->view);
    } else if (const auto* submission = std::get_if<routing::ViewSubmission>(&payload)) {
        if (submission->view.callback_id.empty()) fuzz::PropertyFailed("submission without callback_id");
        ReadView(submission->view);
    } else if (const auto* closed = std::get_if<routing::ViewClosed>(&payload)) {
        ReadView(closed->view);
    } else if (const auto* command = std::get_if<routing::SlashCommand>(&payload)) {
        if (command->command.empty() || command->user_id.empty())
            fuzz::PropertyFailed("slash command without a required field");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr routing::InboundKind kKinds[] = {routing::InboundKind::kSlashCommand,
                                               routing::InboundKind::kInteraction,
                                               routing::InboundKind::kEvent};
    const routing::InboundKind kind = kKinds[data[0] % 3];
    const nlohmann::json body =
        nlohmann::json::parse(data + 1, data + size, nullptr, /*allow_exceptions=*/false);
    const auto read = routing::ReadInbound(kind, body, 0, routing::SteadyTime{});
    if (const auto* inbound = std::get_if<routing::Inbound>(&read)) {
        Inspect(inbound->payload);
        (void)routing::RouteName(*inbound);
        (void)routing::UserId(*inbound);
        (void)routing::ChannelId(*inbound);
    } else if (std::get<routing::PayloadError>(read).error.empty()) {
        fuzz::PropertyFailed("a payload error without a reason");
    }
    return 0;
}
