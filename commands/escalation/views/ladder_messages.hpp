#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

/// A tier the ladder passed over because no one was on duty, and when its next shift starts.
struct SkippedTier {
    std::string tier_name;
    std::string next_shift_text;  // "Mon Nov 23, 9:00 AM EST" ("" when none is scheduled)
};

/// One tier's ping in the live-escalation channel (SOP §1 B): who is paged, the window and its
/// deadline, and what the taker needs to know to take the call at once.
struct LadderPing {
    std::string case_id;       // "ESC-12"
    std::string button_value;  // "<case id>:<step>", carried by Accept and Decline
    std::string tier_name;
    std::string skill;                // the phone-system transfer skill ("" for none)
    std::string instructions;         // SOP text
    std::vector<std::string> users;   // on duty now (U...)
    std::vector<std::string> groups;  // on duty now (S...)
    TimePoint deadline{};
    int window_seconds = 30;
    std::string agent;  // the escalating agent (U...)
    // User text (personal data: only the configured private channel sees it).
    std::string homeowner_name;
    std::string property_address;
    std::string origin;  // who is escalating, in words
    std::string interaction_id;
    std::string concern;  // the agent's one-line brief
    /// The tier after this one is voicemail: the page says so.
    bool voicemail_next = false;
    /// The tiers skipped just before this one (no one on duty), with their next shift.
    std::vector<SkippedTier> skipped;
    /// Who answered the page ("" while it waits for an answer), and when.
    std::string answered_by;
    std::optional<TimePoint> answered_at;
};

/// The ping: header, mentions of the tier's people with the answer window and its deadline (and,
/// on the last tier, that voicemail comes next), the case facts, the tier's instructions, and
/// Answer / Decline (action_ids ladder_answer, ladder_decline, value = button_value). Once
/// `answered_by` is set: who answered and when, and Accepted for handling / Not accepted
/// (ladder_accept, ladder_not_accept) for them. Every user text escaped and cut. Pure.
nlohmann::json LadderPingMessage(const LadderPing& ping,
                                 const config::BusinessCalendar& calendar);

/// The same ping once its step is over (for chat.update): no buttons, and `outcome` (bot mrkdwn
/// such as "Accepted by <@U1>") in their place. Pure.
nlohmann::json LadderPingClosedMessage(const LadderPing& ping, std::string_view outcome_mrkdwn,
                                       const config::BusinessCalendar& calendar);

/// One line of the agent's status message.
struct LadderEventLine {
    TimePoint at{};
    /// paged, skipped, timeout, declined, answered, accepted, not_accepted, voicemail
    std::string event;
    std::string tier_name;
    std::string by;  // U... for declined / accepted
    std::vector<std::string> users;
    std::vector<std::string> groups;
    std::optional<TimePoint> deadline;  // paged
    std::string skill;                  // accepted: where to transfer
    std::string instructions;           // voicemail / accepted: what the agent does now
    std::string next_shift_text;        // skipped: when the tier's next shift starts
};

/// The agent's one status message for a live transfer (posted, then updated with chat.update as
/// each step happens): a headline with the current state and one line per event, times to the
/// second. `follow_up_case` is set once a voicemail ending created the follow-up case. Pure; fits
/// chat.update's limits.
nlohmann::json LadderStatusMessage(std::string_view case_id,
                                   const std::vector<LadderEventLine>& events,
                                   const config::BusinessCalendar& calendar,
                                   std::optional<TimePoint> follow_up_due = std::nullopt);

/// The private answer to someone who may not press a ladder button: what they tried
/// (`attempted`, "answer this page"), who may (`who_may`, from the authorization table) and, by
/// name, `may` (user ids U... and group ids S...). `raised_it`: the clicker raised this
/// escalation. mrkdwn, within an ephemeral message's limits. Pure.
std::string LadderRefusalText(std::string_view attempted, std::string_view who_may,
                              const std::vector<std::string>& may, bool raised_it);

}  // namespace escbot::commands::escalation::views
