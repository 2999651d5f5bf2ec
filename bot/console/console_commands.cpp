// The console's own commands that change the session: `as` and `advance`.
#include <variant>

#include "bot/console/console_session.hpp"
#include "config/slack_ids.hpp"

namespace escbot::console {

void ConsoleSession::ActAs(std::string_view user_id) {
    if (!config::IsUserId(user_id)) {
        out_ << "as: expected a Slack user id such as U0LEAD00001 (U or W, then capital letters "
                "and digits); you are still "
             << options_.user_id << ".\n";
        return;
    }
    options_.user_id = std::string(user_id);
    out_ << "You are now " << options_.user_id << ".\n";
}

void ConsoleSession::AdvanceClock(std::string_view text) {
    if (!advance_) {
        out_ << "The clock cannot be moved here.\n";
        return;
    }
    const auto parsed = config::ParseDuration(text);
    if (const auto* error = std::get_if<config::DurationError>(&parsed)) {
        out_ << "advance: " << error->message << ". The clock only moves forward.\n";
        return;
    }
    const auto& duration = std::get<config::Duration>(parsed);
    const std::chrono::seconds moved = advance_(duration);
    out_ << "The clock moved forward " << config::ToText(duration) << " (" << moved.count()
         << " s).";
    if (options_.now_text) out_ << " It is now " << options_.now_text() << ".";
    out_ << "\n";
}

}  // namespace escbot::console
