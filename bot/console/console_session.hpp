#pragma once

#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/console/console_surface.hpp"
#include "bot/routing/router.hpp"
#include "config/duration.hpp"

namespace escbot::console {

/// Console mode's conversation loop. It reads what a person types, turns it into the requests
/// Slack would send (slash commands, button clicks, modal submissions) and passes them through the
/// same Router and handlers as Slack mode; what the handlers send back is shown by ConsoleSurface.
///
///   /escalate Jane Doe     a slash command, as the current user in the current channel
///   click 3                press button [3] of a message shown earlier
///   as U0LEAD1             act as another Slack user (a user id) from now on
///   advance 30s            move the bot's clock forward by a duration of the config syntax
///                          (30s, 10m, 2h, 1d, 1w, 24bh, 2bd), then run due timers
///   now                    the bot's clock in the team's zone (when Options::now_text is set)
///   help, quit
///
/// An open modal is walked through question by question: choices are numbered, several choices
/// are separated by commas, an empty answer keeps the value in [brackets], ":cancel" closes it.
class ConsoleSession {
public:
    struct Options {
        std::string user_id = "UCONSOLE1";
        std::string channel_id = "CCONSOLE1";
        std::string team_id = "TCONSOLE1";
        /// The bot's now as people read it ("Mon Dec 7, 2026 9:05 AM EST", the business
        /// calendar's zone); when set, `now` prints it and `advance` says where the clock is.
        std::function<std::string()> now_text;
    };
    /// Runs after every request: sends due outbox items and fires due timers, so that what the
    /// bot posts appears before the next prompt.
    using Pump = std::function<void()>;
    /// Moves the clock by a duration of the config syntax (console `advance 2bd`) and says how
    /// far it moved; null when the clock cannot move.
    using Advance = std::function<std::chrono::seconds(const config::Duration&)>;

    ConsoleSession(const routing::Router& router, ConsoleSurface& surface, std::istream& in,
                   std::ostream& out, Options options, Pump pump, Advance advance);

    /// Reads until end of input or `quit`. Returns 0.
    int Run();

private:
    bool HandleLine(const std::string& line);
    void AdvanceClock(std::string_view text);
    void ActAs(std::string_view user_id);
    void SlashCommand(const std::string& line);
    void Click(int number);
    void RunModals();
    /// Asks every input block of `view`; false when the user cancelled or input ended.
    bool AskInputs(nlohmann::json& view, nlohmann::json& state,
                   const std::map<std::string, std::string>& errors);
    /// Sends the block_actions Slack sends when an input with dispatch_action changes; true (and
    /// `view` replaced) when the handler redrew the modal.
    bool ChangeInput(nlohmann::json& view, const nlohmann::json& state, const nlohmann::json& block,
                     const nlohmann::json& value);
    std::optional<nlohmann::json> AskElement(const nlohmann::json& block, const nlohmann::json& previous);
    std::optional<std::string> Prompt(const std::string& text);
    routing::Ack Dispatch(routing::InboundKind kind, const nlohmann::json& body);
    std::string NextTriggerId();

    const routing::Router& router_;
    ConsoleSurface& surface_;
    std::istream& in_;
    std::ostream& out_;
    Options options_;
    Pump pump_;
    Advance advance_;
    bool cancelled_ = false;
    long long trigger_counter_ = 0;
};

}  // namespace escbot::console
