#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"

namespace escbot::commands::escalation {

/// What happened at one moment of a live ladder (SOP §1 B).
enum class LadderEvent { kPaged, kSkipped, kTimeout, kDeclined, kAccepted, kVoicemail };

/// "paged", "skipped", "timeout", "declined", "accepted", "voicemail": the stored names.
std::string_view LadderEventName(LadderEvent event);
/// The event a stored name stands for; nullopt for any other text.
std::optional<LadderEvent> LadderEventOf(std::string_view name);

/// One entry of a ladder's history.
struct LadderEntry {
    TimePoint at{};
    LadderEvent event = LadderEvent::kPaged;
    std::string tier;  // the SOP tier id ("" for a voicemail ending without a voicemail tier)
    int step = 0;      // the ladder step (0 for skipped tiers and the voicemail ending)
    std::string by;    // U... who declined or accepted ("" otherwise)
    std::vector<std::string> users;   // kPaged: who was on duty
    std::vector<std::string> groups;  // kPaged
    std::optional<TimePoint> deadline;  // kPaged: the end of the step's window
};

/// A ladder's history, oldest first: what the agent's status message lists line by line.
struct LadderHistory {
    std::vector<LadderEntry> entries;

    /// The kPaged entry of `step` (who was pinged, until when), or nullptr.
    const LadderEntry* Paged(int step) const;
};

/// Stored as the JSON array the ladder rows have always held (escalation_ladders.history):
/// [{"at": unix, "event": "paged", "tier": "tier2", "step": 1, "users": [...], "groups": [...],
///   "deadline": unix}, {"at": ..., "event": "declined", ..., "by": "U..."}, ...].
/// "users", "groups" and "deadline" are written for kPaged only, "by" when set.
void to_json(nlohmann::json& out, const LadderEntry& entry);
void to_json(nlohmann::json& out, const LadderHistory& history);
/// Checked reads that never throw: a field of the wrong type reads as its default (as the rows
/// were always read), and an entry that is not an object or names no known event is left out.
void from_json(const nlohmann::json& in, LadderHistory& history);

}  // namespace escbot::commands::escalation
