#pragma once

#include "commands/escalation/flow_context.hpp"
#include "storage/escalation_repositories.hpp"
#include "storage/models.hpp"
#include "storage/store.hpp"

namespace escbot::commands::escalation {

/// SOP §1 B: a step's window is the time its page is there to be answered, so it counts from
/// when Slack took the page, not from when it was queued (a page held up behind a rate limit
/// must not lose its 30 seconds in the queue). Called when the step's timer fires at its
/// deadline:
///  - the page was taken late: the window moves to taken + window (the ladder's deadline, its
///    timer, the "answer by" of the ping and of the agent's status) and true is returned;
///  - the page still waits to go out: the timer comes back in a second (true), for at most
///    kMaxPageWait past the deadline, after which the ladder moves on as before;
///  - otherwise (taken in time, failed, unknown): false, the window has ended.
bool HoldWindowForPage(storage::UnitOfWork& u, const FlowContext& ctx,
                       const storage::LiveLadder& ladder, const storage::Timer& timer);

/// How long past its deadline a step waits for a page Slack has not taken yet.
inline constexpr Seconds kMaxPageWait{120};

}  // namespace escbot::commands::escalation
