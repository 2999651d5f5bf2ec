#include "commands/escalation/payload.hpp"

namespace escbot::commands::escalation {
namespace {

const nlohmann::json& ViewOf(const routing::Inbound& in) {
    static const nlohmann::json kNull;
    if (!in.body.is_object()) return kNull;
    const auto view = in.body.find("view");
    return view != in.body.end() && view->is_object() ? *view : kNull;
}

}  // namespace

std::string StringAt(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string CommandText(const routing::Inbound& in) {
    return StringAt(in.body, "text");
}

std::string PrivateMetadata(const routing::Inbound& in) {
    return StringAt(ViewOf(in), "private_metadata");
}

const nlohmann::json& StateValues(const routing::Inbound& in) {
    static const nlohmann::json kEmpty = nlohmann::json::object();
    const nlohmann::json& view = ViewOf(in);
    if (!view.is_object()) return kEmpty;
    const auto state = view.find("state");
    if (state == view.end() || !state->is_object()) return kEmpty;
    const auto values = state->find("values");
    return values != state->end() && values->is_object() ? *values : kEmpty;
}

std::string ViewId(const routing::Inbound& in) {
    return StringAt(ViewOf(in), "id");
}
std::string ViewHash(const routing::Inbound& in) {
    return StringAt(ViewOf(in), "hash");
}

std::string ActionValue(const routing::Inbound& in) {
    if (!in.body.is_object()) return {};
    const auto actions = in.body.find("actions");
    if (actions == in.body.end() || !actions->is_array() || actions->empty()) return {};
    return StringAt(actions->front(), "value");
}

}  // namespace escbot::commands::escalation
