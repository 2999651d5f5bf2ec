#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/routing/ack.hpp"
#include "bot/routing/inbound.hpp"

namespace escbot::routing {

using Handler = std::function<Ack(const Inbound&)>;

/// Matches each inbound request to one handler: slash commands by name, block actions by
/// action_id, view submissions and closes by the view's callback_id, events by event type.
/// Handlers are registered at start-up; Dispatch is then thread-safe and never throws.
class Router {
public:
    /// Sees each event_id once and says whether it is new (durable de-duplication).
    using FirstSeen = std::function<bool(std::string_view event_id)>;
    /// Delivers a handler's ephemeral reply to a button click (Slack ignores its ack body).
    using EphemeralSink = std::function<void(const Inbound& in, const nlohmann::json& message)>;

    void Command(std::string name, Handler handler);
    void Action(std::string action_id, Handler handler);
    void ViewSubmission(std::string callback_id, Handler handler);
    void ViewClosed(std::string callback_id, Handler handler);
    void Event(std::string type, Handler handler);

    void SetFirstSeen(FirstSeen first_seen) { first_seen_ = std::move(first_seen); }
    void SetEphemeralSink(EphemeralSink sink) { ephemeral_sink_ = std::move(sink); }

    /// Runs the matching handler and returns its ack. An unknown route gets a harmless reply and a
    /// log line; a handler that throws gets a generic reply carrying a reference id that the log
    /// line also carries (the transaction it was in has rolled back).
    Ack Dispatch(const Inbound& in) const;

    /// "command:/escalate", "action:claim", "view:escalate_step", "event:app_home_opened", ...
    /// for logs and metrics; holds no user text.
    static std::string RouteName(const Inbound& in);

    /// Every registered slash command, sorted (the app manifest is checked against this).
    std::vector<std::string> CommandNames() const;

private:
    const Handler* Find(const Inbound& in) const;
    Ack Run(const Handler& handler, const Inbound& in) const;

    std::unordered_map<std::string, Handler> commands_;
    std::unordered_map<std::string, Handler> actions_;
    std::unordered_map<std::string, Handler> submissions_;
    std::unordered_map<std::string, Handler> closes_;
    std::unordered_map<std::string, Handler> events_;
    FirstSeen first_seen_;
    EphemeralSink ephemeral_sink_;
};

}  // namespace escbot::routing
