#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"

namespace escbot::commands::escalation {

/// What happened at one moment of a live ladder (SOP §1 B).
/// kAnswered: someone paged answered within the window (the clock stops); kAccepted: the one who
/// answered accepted it for handling (the transfer is completed); kNotAccepted: they did not
/// (the next tier is paged at once).
enum class LadderEvent {
    kPaged,
    kSkipped,
    kTimeout,
    kDeclined,
    kAccepted,
    kVoicemail,
    kAnswered,
    kNotAccepted,
};

/// "paged", "skipped", "timeout", "declined", "accepted", "voicemail", "answered",
/// "not_accepted": the stored names.
std::string_view LadderEventName(LadderEvent event);
/// The event a stored name stands for; nullopt for any other text.
std::optional<LadderEvent> LadderEventOf(std::string_view name);

/// One entry of a ladder's history.
struct LadderEntry {
    TimePoint at{};
    LadderEvent event = LadderEvent::kPaged;
    std::string tier;  // the SOP tier id ("" for a voicemail ending without a voicemail tier)
    int step = 0;      // the ladder step (0 for skipped tiers and the voicemail ending)
    std::string by;    // U... who answered, accepted, did not accept or declined ("" otherwise)
    std::vector<std::string> users;   // kPaged: who was on duty
    std::vector<std::string> groups;  // kPaged
    std::optional<TimePoint> deadline;  // kPaged: the end of the step's window
    /// kSkipped: when the tier's next shift starts (nullopt when none is scheduled), and that
    /// instant as people read it in the business calendar's zone ("Tue Nov 24, 2026 9:00 AM EST").
    std::optional<TimePoint> next_shift;
    std::string next_shift_text;
    /// kPaged: the next tier with anyone on duty was voicemail (the page said so).
    bool voicemail_next = false;
};

/// A ladder's history, oldest first: what the agent's status message lists line by line.
struct LadderHistory {
    std::vector<LadderEntry> entries;

    /// The kPaged entry of `step` (who was pinged, until when), or nullptr.
    const LadderEntry* Paged(int step) const;
    /// The kSkipped entries recorded just before `step` was paged (oldest first).
    std::vector<const LadderEntry*> SkippedBefore(int step) const;
};

/// Stored as the JSON array the ladder rows have always held (escalation_ladders.history):
/// [{"at": unix, "event": "paged", "tier": "tier2", "step": 1, "users": [...], "groups": [...],
///   "deadline": unix}, {"at": ..., "event": "declined", ..., "by": "U..."}, ...].
/// "users", "groups" and "deadline" are written for kPaged only, "by" when set, "next_shift"
/// (unix) and "next_shift_text" for a skipped tier whose next shift is known, "voicemail_next"
/// when true.
void to_json(nlohmann::json& out, const LadderEntry& entry);
void to_json(nlohmann::json& out, const LadderHistory& history);
/// Checked reads that never throw: a field of the wrong type reads as its default (as the rows
/// were always read), and an entry that is not an object or names no known event is left out.
void from_json(const nlohmann::json& in, LadderHistory& history);

}  // namespace escbot::commands::escalation
