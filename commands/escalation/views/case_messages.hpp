#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

// Messages of a case thread and the agent's direct messages, as {"text", "blocks"} for
// chat.postMessage. User text is escaped for mrkdwn and cut with a visible marker; every message
// passes block_kit::CheckLimits. All pure.

/// "<@U1> claimed this case."
nlohmann::json ClaimedReply(std::string_view user);

/// A lead's update: "Update from <@U1>:" and the text.
nlohmann::json UpdateReply(std::string_view author, std::string_view text);

/// The case was resolved, with the resolution note.
nlohmann::json ResolvedReply(std::string_view by, std::string_view note);

/// What an agent adds when the homeowner calls again about an open case (SOP 002 step 2).
struct InteractionAdded {
    std::string agent;           // U...
    std::string interaction_id;  // user text
    bool asked_for_lead = false;
    std::vector<std::string> qualifiers;  // labels
    std::string origin;                   // who is escalating, in words
};
nlohmann::json InteractionAddedReply(const InteractionAdded& added);

/// "<@U2> reassigned this case from <@U1> to <@U3>." with the lead's note (user text) if any.
nlohmann::json ReassignedReply(std::string_view by, std::string_view from, std::string_view to,
                               std::string_view note);

// The promise's reminders in the case thread. `mentions_mrkdwn` is bot mrkdwn (<@U1>, or the
// leads' mentions); `due` is when the promised update is (was) due.

/// Before the promise runs out (its due_soon): the update is due by `due`.
nlohmann::json DueSoonReply(std::string_view mentions_mrkdwn, TimePoint due,
                            const config::BusinessCalendar& calendar);
/// At the due time: the case is overdue (the leads are in `mentions_mrkdwn`).
nlohmann::json OverdueReply(std::string_view mentions_mrkdwn, TimePoint due,
                            const config::BusinessCalendar& calendar);
/// Each business morning while it stays overdue.
nlohmann::json StillOverdueReply(std::string_view mentions_mrkdwn, TimePoint due,
                                 const config::BusinessCalendar& calendar);

/// What the agent who escalated a case is told by DM as it moves on.
struct CaseNews {
    enum class Kind { kClaimed, kUpdated, kReassigned, kResolved };
    Kind kind = Kind::kClaimed;
    std::string case_id;  // "ESC-12"
    std::string by;       // U... who did it
    std::string to;       // kReassigned: the new owner
    std::string text;     // kUpdated: the update; kResolved: the note (user text)
    std::optional<TimePoint> next_due;  // kUpdated: when the next update is due, if tracked
};
nlohmann::json AgentCaseNewsMessage(const CaseNews& news,
                                    const config::BusinessCalendar& calendar);

/// The agent's DMs after a case was posted: where it went, the follow-up deadline, and the
/// summary as plain text ready to paste into the CRM case (plain_text blocks: nothing in it can
/// ping or link), over as many messages as Slack's total per message needs (at most five; past
/// that, a note says the rest is in the case thread). In order. Pure.
std::vector<nlohmann::json> AgentCaseCreatedMessages(std::string_view case_id,
                                                     std::string_view channel_id,
                                                     std::optional<TimePoint> follow_up_due,
                                                     std::string_view plain_text_summary,
                                                     const config::BusinessCalendar& calendar);

/// The agent's DM with the case thread's permalink (a URL Slack gave).
nlohmann::json AgentPermalinkMessage(std::string_view case_id, std::string_view permalink);

/// The ephemeral answer when Slack is too busy to open a modal within the trigger window.
inline constexpr std::string_view kBusyText =
    ":hourglass: I'm very busy right now and could not open the form in time. Please run "
    "/escalate again in a moment.";

}  // namespace escbot::commands::escalation::views
