#include "bot/routing/router.hpp"

#include <algorithm>
#include <exception>
#include <random>

#include "bot/core/logging.hpp"

namespace escbot::routing {
namespace {

const std::string kEmpty;

const std::string& StringAt(const nlohmann::json& j, std::string_view key) {
    if (!j.is_object()) return kEmpty;
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get_ref<const std::string&>() : kEmpty;
}

const nlohmann::json& ObjectAt(const nlohmann::json& j, std::string_view key) {
    static const nlohmann::json kNull;
    if (!j.is_object()) return kNull;
    auto it = j.find(key);
    return it != j.end() ? *it : kNull;
}

const std::string& FirstActionId(const nlohmann::json& body) {
    const auto& actions = ObjectAt(body, "actions");
    if (!actions.is_array() || actions.empty()) return kEmpty;
    return StringAt(actions.front(), "action_id");
}

std::string NewReference() {
    thread_local std::mt19937 rng{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string ref(8, '0');
    for (char& c : ref) c = kHex[rng() % 16];
    return ref;
}

}  // namespace

std::string UserId(const Inbound& in) {
    if (in.kind == InboundKind::kSlashCommand) return StringAt(in.body, "user_id");
    if (in.kind == InboundKind::kInteraction) return StringAt(ObjectAt(in.body, "user"), "id");
    return StringAt(ObjectAt(in.body, "event"), "user");
}

std::string ChannelId(const Inbound& in) {
    if (in.kind == InboundKind::kSlashCommand) return StringAt(in.body, "channel_id");
    if (in.kind == InboundKind::kInteraction) {
        if (const auto& id = StringAt(ObjectAt(in.body, "channel"), "id"); !id.empty()) return id;
        return StringAt(ObjectAt(in.body, "container"), "channel_id");
    }
    return StringAt(ObjectAt(in.body, "event"), "channel");
}

std::string TriggerId(const Inbound& in) { return StringAt(in.body, "trigger_id"); }

void Router::Command(std::string name, Handler handler) { commands_[std::move(name)] = std::move(handler); }
void Router::Action(std::string action_id, Handler handler) { actions_[std::move(action_id)] = std::move(handler); }
void Router::ViewSubmission(std::string callback_id, Handler handler) {
    submissions_[std::move(callback_id)] = std::move(handler);
}
void Router::ViewClosed(std::string callback_id, Handler handler) {
    closes_[std::move(callback_id)] = std::move(handler);
}
void Router::Event(std::string type, Handler handler) { events_[std::move(type)] = std::move(handler); }

std::vector<std::string> Router::CommandNames() const {
    std::vector<std::string> names;
    for (const auto& [name, handler] : commands_) names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

std::string Router::RouteName(const Inbound& in) {
    switch (in.kind) {
        case InboundKind::kSlashCommand:
            return "command:" + StringAt(in.body, "command");
        case InboundKind::kInteraction: {
            const auto& type = StringAt(in.body, "type");
            if (type == "block_actions") return "action:" + FirstActionId(in.body);
            if (type == "view_submission" || type == "view_closed")
                return (type == "view_submission" ? "view:" : "view_closed:") +
                       StringAt(ObjectAt(in.body, "view"), "callback_id");
            return "interaction:" + type;
        }
        case InboundKind::kEvent: {
            const auto& type = StringAt(in.body, "type");
            if (type == "event_callback") return "event:" + StringAt(ObjectAt(in.body, "event"), "type");
            return "event:" + type;
        }
    }
    return "unknown";
}

const Handler* Router::Find(const Inbound& in) const {
    auto lookup = [](const auto& map, const std::string& key) -> const Handler* {
        auto it = map.find(key);
        return it == map.end() ? nullptr : &it->second;
    };
    switch (in.kind) {
        case InboundKind::kSlashCommand:
            return lookup(commands_, StringAt(in.body, "command"));
        case InboundKind::kInteraction: {
            const auto& type = StringAt(in.body, "type");
            const auto& callback_id = StringAt(ObjectAt(in.body, "view"), "callback_id");
            if (type == "block_actions") return lookup(actions_, FirstActionId(in.body));
            if (type == "view_submission") return lookup(submissions_, callback_id);
            if (type == "view_closed") return lookup(closes_, callback_id);
            return nullptr;
        }
        case InboundKind::kEvent:
            return lookup(events_, StringAt(ObjectAt(in.body, "event"), "type"));
    }
    return nullptr;
}

Ack Router::Dispatch(const Inbound& in) const {
    static const auto log = logging::Get("router");
    const auto& type = StringAt(in.body, "type");

    if (in.kind == InboundKind::kEvent) {
        if (type == "url_verification") return Ack::Json({{"challenge", StringAt(in.body, "challenge")}});
        const auto& event_id = StringAt(in.body, "event_id");
        if (!event_id.empty() && first_seen_ && !first_seen_(event_id)) {
            log->info("duplicate event skipped: event_id={} retry={}", event_id, in.retry_num);
            return Ack::Empty();
        }
    }

    const Handler* handler = Find(in);
    if (handler == nullptr) {
        log->warn("no handler for {}", RouteName(in));
        if (in.kind == InboundKind::kSlashCommand)
            return Ack::Ephemeral("Sorry, this bot does not know that command.");
        return Ack::Empty();
    }

    Ack ack = Run(*handler, in);
    const bool is_click = in.kind == InboundKind::kInteraction && type == "block_actions";
    if (is_click && ack.kind() == Ack::Kind::kMessage) {
        if (ephemeral_sink_) ephemeral_sink_(in, ack.payload());
        return Ack::Empty();
    }
    return ack;
}

Ack Router::Run(const Handler& handler, const Inbound& in) const {
    static const auto log = logging::Get("router");
    try {
        return handler(in);
    } catch (const std::exception& e) {
        const std::string ref = NewReference();
        log->error("handler failed: route={} user={} ref={} error={}", RouteName(in), UserId(in), ref,
                   e.what());
        const std::string text = "Something went wrong on our side (reference " + ref +
                                 "). Nothing was saved from this step; please try again.";
        if (in.kind == InboundKind::kInteraction && StringAt(in.body, "type") == "view_submission") {
            nlohmann::json view = {
                {"type", "modal"},
                {"title", {{"type", "plain_text"}, {"text", "Something went wrong"}}},
                {"close", {{"type", "plain_text"}, {"text", "Close"}}},
                {"blocks",
                 {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}}}}};
            return Ack::UpdateView(std::move(view));
        }
        return Ack::Ephemeral(text);
    }
}

}  // namespace escbot::routing
