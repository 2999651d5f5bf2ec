#pragma once

#include <string_view>

#include "commands/escalation/flow_context.hpp"

namespace escbot::commands::escalation {

// Drafts left unchanged for settings.escalation.draft_max_age are closed, with a note to their
// agent: a periodic sweep that the scheduler runs (one timer that moves itself on).

inline constexpr std::string_view kDraftSweepTimerKind = "escalation.draft_sweep";
inline constexpr std::string_view kDraftSweepTimerKey = "escalation.draft_sweep";

/// When an open draft last saved at `saved_at` expires: `saved_at` plus the configured age, on
/// the business calendar ("3d": the same local time three days later, across DST).
TimePoint DraftExpiresAt(const config::Settings& settings, TimePoint saved_at);

/// What a sweep did.
struct SweepOutcome {
    int closed = 0;
    TimePoint next_sweep{};  // the earliest expiry among the drafts left (or now + the age)
};

/// Closes every open escalation draft whose expiry has passed at ctx.now: abandoned, audited
/// ("escalation.expired"), and a direct message to its agent queued in the outbox. Returns when
/// to sweep next.
SweepOutcome SweepExpiredDrafts(storage::UnitOfWork& u, const FlowContext& ctx);

/// (Re)schedules the sweep timer at `at`.
void ScheduleDraftSweep(storage::UnitOfWork& u, TimePoint at);

}  // namespace escbot::commands::escalation
