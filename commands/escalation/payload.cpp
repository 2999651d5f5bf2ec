#include "commands/escalation/payload.hpp"

namespace escbot::commands::escalation {
namespace {

const routing::View* ViewOf(const routing::Inbound& in) {
    if (const auto* s = std::get_if<routing::ViewSubmission>(&in.payload)) return &s->view;
    if (const auto* c = std::get_if<routing::ViewClosed>(&in.payload)) return &c->view;
    if (const auto* a = std::get_if<routing::BlockAction>(&in.payload)) return a->view ? &*a->view : nullptr;
    return nullptr;
}

}  // namespace

std::string StringAt(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string CommandText(const routing::Inbound& in) {
    const auto* command = std::get_if<routing::SlashCommand>(&in.payload);
    return command != nullptr ? command->text : std::string();
}

std::string TriggerId(const routing::Inbound& in) {
    if (const auto* c = std::get_if<routing::SlashCommand>(&in.payload)) return c->trigger_id;
    if (const auto* a = std::get_if<routing::BlockAction>(&in.payload)) return a->trigger_id;
    if (const auto* s = std::get_if<routing::ViewSubmission>(&in.payload)) return s->trigger_id;
    return {};
}

routing::SteadyTime ReceivedAt(const routing::Inbound& in) {
    return std::visit(
        [](const auto& p) -> routing::SteadyTime {
            if constexpr (requires { p.received_at; }) {
                return p.received_at;
            } else {
                return std::chrono::steady_clock::now();
            }
        },
        in.payload);
}

std::string PrivateMetadata(const routing::Inbound& in) {
    const routing::View* view = ViewOf(in);
    return view != nullptr ? view->private_metadata : std::string();
}

nlohmann::json StateValues(const routing::Inbound& in) {
    nlohmann::json values = nlohmann::json::object();
    const routing::View* view = ViewOf(in);
    if (view == nullptr) return values;
    for (const auto& [block_id, actions] : view->state) {
        for (const auto& [action_id, input] : actions) {
            nlohmann::json element = {{"type", input.type}};
            if (input.value) element["value"] = *input.value;
            if (input.selected_date) element["selected_date"] = *input.selected_date;
            if (input.type == "checkboxes" || input.type == "multi_static_select") {
                element["selected_options"] = nlohmann::json::array();
                for (const auto& v : input.selected) element["selected_options"].push_back({{"value", v}});
            } else if (!input.selected.empty()) {
                element["selected_option"] = {{"value", input.selected.front()}};
            }
            values[block_id][action_id] = std::move(element);
        }
    }
    return values;
}

std::string ViewId(const routing::Inbound& in) {
    const routing::View* view = ViewOf(in);
    return view != nullptr ? view->id : std::string();
}

std::string ViewHash(const routing::Inbound& in) {
    const routing::View* view = ViewOf(in);
    return view != nullptr ? view->hash : std::string();
}

std::vector<std::string> ViewBlockIds(const routing::Inbound& in) {
    const routing::View* view = ViewOf(in);
    return view != nullptr ? view->block_ids : std::vector<std::string>();
}

std::string ActionValue(const routing::Inbound& in) {
    const auto* action = std::get_if<routing::BlockAction>(&in.payload);
    return action != nullptr ? action->value : std::string();
}

}  // namespace escbot::commands::escalation
