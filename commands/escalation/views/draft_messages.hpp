#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

/// What the note to an agent says about a draft the expiry sweep closed.
struct ExpiredDraft {
    std::string homeowner_name;  // user text, "" when not answered yet
    std::string step_title;      // SOP text: where it stopped
    TimePoint started_at{};
    TimePoint saved_at{};
    std::string max_age;  // as configured, "3d"
};

/// The direct message to the agent whose draft was closed after `max_age` without a change:
/// which form, where it stopped, and that /escalate starts again. Within Slack's limits. Pure.
nlohmann::json DraftExpiredMessage(const ExpiredDraft& draft,
                                   const config::BusinessCalendar& calendar);

}  // namespace escbot::commands::escalation::views
