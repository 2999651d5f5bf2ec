#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/routing/ack.hpp"
#include "bot/routing/inbound.hpp"

namespace escbot::routing {

// Each handler takes the typed payload of its route (payloads.hpp).
using CommandHandler = std::function<Ack(const SlashCommand&)>;
using ActionHandler = std::function<Ack(const BlockAction&)>;
using SubmissionHandler = std::function<Ack(const ViewSubmission&)>;
using ClosedHandler = std::function<Ack(const ViewClosed&)>;
using EventHandler = std::function<Ack(const EventCallback&)>;

/// Matches each inbound request to one handler: slash commands by name, block actions by
/// action_id, view submissions and closes by the view's callback_id, events by event type.
/// Handlers are registered at start-up; Dispatch is then thread-safe and never throws.
class Router {
public:
    /// Delivers a handler's ephemeral reply to a button click (Slack ignores its ack body).
    using EphemeralSink = std::function<void(const Inbound& in, const nlohmann::json& message)>;

    void Command(std::string name, CommandHandler handler);
    void Action(std::string action_id, ActionHandler handler);
    void Submission(std::string callback_id, SubmissionHandler handler);
    void Closed(std::string callback_id, ClosedHandler handler);
    void Event(std::string type, EventHandler handler);

    void SetEphemeralSink(EphemeralSink sink) { ephemeral_sink_ = std::move(sink); }

    /// Runs the matching handler and returns its ack. An unknown route gets a harmless reply and a
    /// log line; a handler that throws gets a generic reply carrying a reference id that the log
    /// line also carries (the transaction it was in has rolled back).
    Ack Dispatch(const Inbound& in) const;

    /// Every registered slash command, sorted (the app manifest is checked against this).
    std::vector<std::string> CommandNames() const;

private:
    Ack Route(const Inbound& in) const;
    template <typename Handler, typename Value>
    Ack Run(const Handler& handler, const Value& payload, const Inbound& in) const;

    std::unordered_map<std::string, CommandHandler> commands_;
    std::unordered_map<std::string, ActionHandler> actions_;
    std::unordered_map<std::string, SubmissionHandler> submissions_;
    std::unordered_map<std::string, ClosedHandler> closes_;
    std::unordered_map<std::string, EventHandler> events_;
    EphemeralSink ephemeral_sink_;
};

}  // namespace escbot::routing
