#include "bot/routing/router.hpp"

#include <algorithm>
#include <exception>
#include <random>
#include <type_traits>

#include "bot/core/logging.hpp"
#include "bot/core/write_outcome_unknown.hpp"

namespace escbot::routing {
namespace {

std::string NewReference() {
    thread_local std::mt19937 rng{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string ref(8, '0');
    for (char& c : ref) c = kHex[rng() % 16];
    return ref;
}

template <typename Map>
const typename Map::mapped_type* Lookup(const Map& map, const std::string& key) {
    const auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

}  // namespace

std::variant<Inbound, PayloadError> ReadInbound(InboundKind kind, const nlohmann::json& body,
                                                int retry_num, SteadyTime received_at) {
    Parsed parsed = kind == InboundKind::kSlashCommand ? ParseSlashCommand(body, received_at)
                    : kind == InboundKind::kInteraction ? ParseInteraction(body, received_at)
                                                        : ParseEvent(body, received_at);
    if (auto* error = std::get_if<PayloadError>(&parsed)) return std::move(*error);
    return Inbound{std::move(std::get<Payload>(parsed)), retry_num};
}

std::string UserId(const Inbound& in) { return UserOf(in.payload); }

std::string ChannelId(const Inbound& in) {
    if (const auto* command = std::get_if<SlashCommand>(&in.payload)) return command->channel_id;
    if (const auto* action = std::get_if<BlockAction>(&in.payload)) return action->channel_id;
    return {};
}

std::string ResponseUrl(const Inbound& in) {
    if (const auto* command = std::get_if<SlashCommand>(&in.payload)) return command->response_url;
    if (const auto* action = std::get_if<BlockAction>(&in.payload)) return action->response_url;
    return {};
}

std::string RouteName(const Inbound& in) { return RouteName(in.payload); }

void Router::Command(std::string name, CommandHandler handler) {
    commands_[std::move(name)] = std::move(handler);
}
void Router::Action(std::string action_id, ActionHandler handler) {
    actions_[std::move(action_id)] = std::move(handler);
}
void Router::Submission(std::string callback_id, SubmissionHandler handler) {
    submissions_[std::move(callback_id)] = std::move(handler);
}
void Router::Closed(std::string callback_id, ClosedHandler handler) {
    closes_[std::move(callback_id)] = std::move(handler);
}
void Router::Event(std::string type, EventHandler handler) { events_[std::move(type)] = std::move(handler); }

std::vector<std::string> Router::CommandNames() const {
    std::vector<std::string> names;
    for (const auto& [name, handler] : commands_) names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

Ack Router::Dispatch(const Inbound& in) const {
    if (const auto* verification = std::get_if<UrlVerification>(&in.payload))
        return Ack::Json({{"challenge", verification->challenge}});
    Ack ack = Route(in);
    if (std::holds_alternative<BlockAction>(in.payload) && ack.kind() == Ack::Kind::kMessage) {
        if (ephemeral_sink_) ephemeral_sink_(in, ack.payload());
        return Ack::Empty();
    }
    return ack;
}

Ack Router::Route(const Inbound& in) const {
    static const auto log = logging::Get("router");
    const auto& p = in.payload;
    if (const auto* c = std::get_if<SlashCommand>(&p)) {
        if (const auto* h = Lookup(commands_, c->command)) return Run(*h, *c, in);
    } else if (const auto* a = std::get_if<BlockAction>(&p)) {
        if (const auto* h = Lookup(actions_, a->action_id)) return Run(*h, *a, in);
    } else if (const auto* s = std::get_if<ViewSubmission>(&p)) {
        if (const auto* h = Lookup(submissions_, s->view.callback_id)) return Run(*h, *s, in);
    } else if (const auto* v = std::get_if<ViewClosed>(&p)) {
        if (const auto* h = Lookup(closes_, v->view.callback_id)) return Run(*h, *v, in);
    } else if (const auto* e = std::get_if<EventCallback>(&p)) {
        if (const auto* h = Lookup(events_, e->type)) return Run(*h, *e, in);
    }
    log->warn("no handler for {}", RouteName(in));
    if (std::holds_alternative<SlashCommand>(p))
        return Ack::Ephemeral("Sorry, this bot does not know that command.");
    return Ack::Empty();
}

template <typename Handler, typename Value>
Ack Router::Run(const Handler& handler, const Value& payload, const Inbound& in) const {
    static const auto log = logging::Get("router");
    try {
        return handler(payload);
    } catch (const std::exception& e) {
        const std::string ref = NewReference();
        log->error("handler failed: route={} user={} ref={} error={}", RouteName(in), UserId(in), ref,
                   e.what());
        // An event has nobody to tell "please try again": its failure must reach Slack (HTTP 5xx)
        // so that Slack delivers it again, never a 200 that drops it.
        if constexpr (std::is_same_v<Value, EventCallback>) throw;
        const bool unknown = dynamic_cast<const WriteOutcomeUnknown*>(&e) != nullptr;
        const std::string text =
            "Something went wrong on our side (reference " + ref + "). " +
            (unknown ? "This step may or may not have been saved: please check before you try "
                       "it again."
                     : "Nothing was saved from this step; please try again.");
        if constexpr (std::is_same_v<Value, ViewSubmission>) {
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
