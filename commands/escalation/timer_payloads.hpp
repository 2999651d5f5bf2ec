#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "commands/escalation/promise.hpp"

namespace escbot::commands::escalation {

// The payloads of the flow's timers (storage::Timer::payload), as typed values. Each is written
// with ToJson and read back with a checked Read...: nullopt when the stored JSON lacks a field
// or holds it with another type (a timer written by a future version, or edited by hand), so a
// timer handler never throws on its own data.

/// ladder.step: the step whose window ends at the timer.
struct LadderTimerPayload {
    long long case_id = 0;
    int step = 0;
};
nlohmann::json ToJson(const LadderTimerPayload& payload);
std::optional<LadderTimerPayload> ReadLadderTimer(const nlohmann::json& payload);

/// case.follow_up: the case whose promise reaches `stage` (a timer stored before stages existed
/// has none: read as kDue, the only reminder it had).
struct FollowUpTimerPayload {
    long long case_id = 0;
    PromiseStage stage = PromiseStage::kDue;
};
nlohmann::json ToJson(const FollowUpTimerPayload& payload);
std::optional<FollowUpTimerPayload> ReadFollowUpTimer(const nlohmann::json& payload);

/// case.permalink: the case whose thread link the agent gets; how often it looked, and when it
/// asked Slack (Unix seconds, 0 when not asked yet; optional in the stored JSON).
struct PermalinkTimerPayload {
    long long case_id = 0;
    int tries = 0;
    long long asked_at = 0;
};
nlohmann::json ToJson(const PermalinkTimerPayload& payload);
std::optional<PermalinkTimerPayload> ReadPermalinkTimer(const nlohmann::json& payload);

}  // namespace escbot::commands::escalation
