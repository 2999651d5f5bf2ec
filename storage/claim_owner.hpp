#pragma once

#include <string>

#include "bot/core/clock.hpp"

namespace escbot::storage {

// Who claims outbox items and timers (OutboxRepository::ClaimDue, TimerRepository::ClaimDue)
// when several replicas share one database (issue 21).

/// How long a claim holds: longer than a Slack call may take (10 s at most by default) or a batch
/// of timers takes to fire; the outbox worker renews its claims on items in flight each round.
/// A dead replica's work is taken over once this ran out: within 30 s, with the survivors'
/// polling (the worker looks at least every 5 s, the scheduler every 100 ms while work is due).
inline constexpr Seconds kClaimLease{20};

/// This process as a claimer: host, process id and a random part, fixed for the process's life
/// (a restarted process is a new claimer and waits out its predecessor's leases).
const std::string& ThisClaimOwner();

}  // namespace escbot::storage
