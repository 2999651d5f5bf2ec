#include "bot/routing/payloads.hpp"

#include <optional>

namespace escbot::routing {
namespace {

using nlohmann::json;

/// The member `key` of an object; nullptr when `j` is not an object or has no such member.
const json* Member(const json& j, std::string_view key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

/// A string member, "" when absent or of another type (optional fields).
std::string OptionalString(const json& j, std::string_view key) {
    const json* value = Member(j, key);
    return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

/// A required string member: nullopt when absent, not a string, or empty.
std::optional<std::string> RequiredString(const json& j, std::string_view key) {
    const json* value = Member(j, key);
    if (value == nullptr || !value->is_string() || value->get_ref<const std::string&>().empty())
        return std::nullopt;
    return value->get<std::string>();
}

std::variant<Payload, PayloadError> Fail(std::string_view what) { return PayloadError{what}; }

/// An optional string member whose value, when present, must be a string.
bool WellTyped(const json& j, std::string_view key) {
    const json* value = Member(j, key);
    return value == nullptr || value->is_string() || value->is_null();
}

InputState ReadInput(const json& element) {
    InputState input;
    input.type = OptionalString(element, "type");
    if (const json* value = Member(element, "value"); value != nullptr && value->is_string())
        input.value = value->get<std::string>();
    if (const json* date = Member(element, "selected_date"); date != nullptr && date->is_string())
        input.selected_date = date->get<std::string>();
    // users_select: the picked user id, read like a chosen option.
    if (const json* user = Member(element, "selected_user"); user != nullptr && user->is_string())
        input.selected.push_back(user->get<std::string>());
    if (const json* option = Member(element, "selected_option"); option != nullptr) {
        if (std::string chosen = OptionalString(*option, "value"); !chosen.empty())
            input.selected.push_back(std::move(chosen));
    }
    if (const json* options = Member(element, "selected_options");
        options != nullptr && options->is_array()) {
        for (const json& option : *options) {
            if (std::string chosen = OptionalString(option, "value"); !chosen.empty())
                input.selected.push_back(std::move(chosen));
        }
    }
    return input;
}

StateValues ReadState(const json& view) {
    StateValues state;
    const json* values = Member(view, "state");
    values = values != nullptr ? Member(*values, "values") : nullptr;
    if (values == nullptr || !values->is_object()) return state;
    for (const auto& [block_id, actions] : values->items()) {
        if (!actions.is_object()) continue;
        auto& block = state[block_id];
        for (const auto& [action_id, element] : actions.items()) {
            if (element.is_object()) block.emplace(action_id, ReadInput(element));
        }
    }
    return state;
}

/// The view of an interaction; nullopt when it is missing or has no id.
std::optional<View> ReadView(const json& payload) {
    const json* view = Member(payload, "view");
    if (view == nullptr || !view->is_object()) return std::nullopt;
    View out;
    auto id = RequiredString(*view, "id");
    if (!id) return std::nullopt;
    out.id = std::move(*id);
    out.hash = OptionalString(*view, "hash");
    out.callback_id = OptionalString(*view, "callback_id");
    out.private_metadata = OptionalString(*view, "private_metadata");
    if (const json* blocks = Member(*view, "blocks"); blocks != nullptr && blocks->is_array()) {
        for (const json& block : *blocks) out.block_ids.push_back(OptionalString(block, "block_id"));
    }
    out.state = ReadState(*view);
    return out;
}

std::optional<std::string> UserIdOf(const json& payload) {
    const json* user = Member(payload, "user");
    return user != nullptr ? RequiredString(*user, "id") : std::nullopt;
}

std::variant<Payload, PayloadError> ReadBlockAction(const json& payload, SteadyTime received_at) {
    BlockAction action;
    action.received_at = received_at;
    auto user = UserIdOf(payload);
    if (!user) return Fail("block_actions: no user.id");
    action.user_id = std::move(*user);
    const json* actions = Member(payload, "actions");
    if (actions == nullptr || !actions->is_array() || actions->empty())
        return Fail("block_actions: no actions");
    const json& first = actions->front();
    auto action_id = RequiredString(first, "action_id");
    if (!action_id) return Fail("block_actions: no actions[0].action_id");
    action.action_id = std::move(*action_id);
    action.block_id = OptionalString(first, "block_id");
    action.value = OptionalString(first, "value");
    if (const json* option = Member(first, "selected_option"))
        action.selected = OptionalString(*option, "value");
    action.trigger_id = OptionalString(payload, "trigger_id");
    action.response_url = OptionalString(payload, "response_url");
    const json* container = Member(payload, "container");
    if (const json* channel = Member(payload, "channel")) action.channel_id = OptionalString(*channel, "id");
    if (action.channel_id.empty() && container != nullptr)
        action.channel_id = OptionalString(*container, "channel_id");
    if (const json* message = Member(payload, "message")) action.message_ts = OptionalString(*message, "ts");
    if (action.message_ts.empty() && container != nullptr)
        action.message_ts = OptionalString(*container, "message_ts");
    if (Member(payload, "view") != nullptr) {
        action.view = ReadView(payload);
        if (!action.view) return Fail("block_actions: view without an id");
    }
    return Payload{std::move(action)};
}

/// The fixed texts of a view event's failed reads (errors are never built from the body).
struct ViewEventErrors {
    std::string_view no_user, no_view, no_callback_id;
};
constexpr ViewEventErrors kSubmissionErrors{"view_submission: no user.id",
                                            "view_submission: no view or no view.id",
                                            "view_submission: no view.callback_id"};
constexpr ViewEventErrors kClosedErrors{"view_closed: no user.id", "view_closed: no view or no view.id",
                                        "view_closed: no view.callback_id"};

template <typename Target>
std::variant<Payload, PayloadError> ReadViewEvent(const json& payload, const ViewEventErrors& errors,
                                                  SteadyTime received_at) {
    Target target;
    target.received_at = received_at;
    auto user = UserIdOf(payload);
    if (!user) return Fail(errors.no_user);
    target.user_id = std::move(*user);
    auto view = ReadView(payload);
    if (!view) return Fail(errors.no_view);
    if (view->callback_id.empty()) return Fail(errors.no_callback_id);
    target.view = std::move(*view);
    if constexpr (requires { target.trigger_id; }) target.trigger_id = OptionalString(payload, "trigger_id");
    return Payload{std::move(target)};
}

}  // namespace

const InputState* View::Input(const std::string& block_id, const std::string& action_id) const {
    const auto block = state.find(block_id);
    if (block == state.end()) return nullptr;
    const auto input = block->second.find(action_id);
    return input == block->second.end() ? nullptr : &input->second;
}

Parsed ParseSlashCommand(const json& fields, SteadyTime received_at) {
    SlashCommand command;
    command.received_at = received_at;
    auto name = RequiredString(fields, "command");
    if (!name) return Fail("slash command: no command");
    auto user = RequiredString(fields, "user_id");
    if (!user) return Fail("slash command: no user_id");
    for (const char* key : {"text", "channel_id", "trigger_id", "response_url"}) {
        if (!WellTyped(fields, key)) return Fail("slash command: a field is not a string");
    }
    command.command = std::move(*name);
    command.user_id = std::move(*user);
    command.text = OptionalString(fields, "text");
    command.channel_id = OptionalString(fields, "channel_id");
    command.trigger_id = OptionalString(fields, "trigger_id");
    command.response_url = OptionalString(fields, "response_url");
    return Payload{std::move(command)};
}

Parsed ParseInteraction(const json& payload, SteadyTime received_at) {
    const auto type = RequiredString(payload, "type");
    if (!type) return Fail("interaction: no type");
    if (*type == "block_actions") return ReadBlockAction(payload, received_at);
    if (*type == "view_submission") return ReadViewEvent<ViewSubmission>(payload, kSubmissionErrors, received_at);
    if (*type == "view_closed") return ReadViewEvent<ViewClosed>(payload, kClosedErrors, received_at);
    return Payload{Unsupported{*type}};
}

Parsed ParseEvent(const json& envelope, SteadyTime received_at) {
    const auto type = RequiredString(envelope, "type");
    if (!type) return Fail("event: no type");
    if (*type == "url_verification") {
        auto challenge = RequiredString(envelope, "challenge");
        if (!challenge) return Fail("url_verification: no challenge");
        return Payload{UrlVerification{std::move(*challenge)}};
    }
    if (*type != "event_callback") return Payload{Unsupported{*type}};
    const json* event = Member(envelope, "event");
    if (event == nullptr || !event->is_object()) return Fail("event_callback: no event");
    EventCallback callback;
    callback.received_at = received_at;
    callback.event_id = OptionalString(envelope, "event_id");
    auto event_type = RequiredString(*event, "type");
    if (!event_type) return Fail("event_callback: no event.type");
    callback.type = std::move(*event_type);
    if (callback.type == "app_home_opened") {
        auto user = RequiredString(*event, "user");
        if (!user) return Fail("app_home_opened: no event.user");
        std::string tab = OptionalString(*event, "tab");
        callback.event = AppHomeOpened{std::move(*user), tab.empty() ? "home" : std::move(tab)};
    }
    return Payload{std::move(callback)};
}

std::string RouteName(const Payload& payload) {
    struct Namer {
        std::string operator()(const SlashCommand& c) const { return "command:" + c.command; }
        std::string operator()(const BlockAction& a) const { return "action:" + a.action_id; }
        std::string operator()(const ViewSubmission& s) const { return "view:" + s.view.callback_id; }
        std::string operator()(const ViewClosed& c) const { return "view_closed:" + c.view.callback_id; }
        std::string operator()(const EventCallback& e) const { return "event:" + e.type; }
        std::string operator()(const UrlVerification&) const { return "event:url_verification"; }
        std::string operator()(const Unsupported& u) const { return "unsupported:" + u.type; }
    };
    return std::visit(Namer{}, payload);
}

std::string UserOf(const Payload& payload) {
    struct User {
        std::string operator()(const SlashCommand& c) const { return c.user_id; }
        std::string operator()(const BlockAction& a) const { return a.user_id; }
        std::string operator()(const ViewSubmission& s) const { return s.user_id; }
        std::string operator()(const ViewClosed& c) const { return c.user_id; }
        std::string operator()(const EventCallback& e) const {
            const auto* home = std::get_if<AppHomeOpened>(&e.event);
            return home != nullptr ? home->user : std::string();
        }
        std::string operator()(const UrlVerification&) const { return {}; }
        std::string operator()(const Unsupported&) const { return {}; }
    };
    return std::visit(User{}, payload);
}

}  // namespace escbot::routing
