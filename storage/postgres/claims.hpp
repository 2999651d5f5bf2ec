#pragma once

#include <string_view>
#include <vector>

#include "storage/models.hpp"
#include "storage/postgres/connection.hpp"

namespace escbot::storage::postgres {

// Claiming work across replicas (issue 21): each replica's outbox worker and scheduler take the
// rows they will act on with a lease (claimed_by, claimed_until), so that two replicas never send
// the same item or fire the same timer at once, and a dead replica's rows are taken over once its
// lease ran out (a lease of 30 s: taken over within 30 seconds). Rows another replica is claiming
// at this moment are skipped (FOR UPDATE SKIP LOCKED), so claims never wait for each other.
// Run each claim in its own short transaction and commit it before acting on the rows.
//
// The worker and the scheduler reach them through OutboxRepository::ClaimDue and
// TimerRepository::ClaimDue (SQLite: Due itself, one process). A claimer gets its own live claims
// back too (renewing them): a paced item it skipped is not stuck behind its own lease, and an item
// still in flight keeps its lease while the worker runs. Defined beside the shared row readers
// (storage/sql/outbox_repository.cpp, storage/sql/timer_repository.cpp).

/// Up to `limit` of the items OutboxRepository::Due(now) returns whose lease (if any) ran out or
/// is `owner`'s, claimed for `owner` until `until`; priority first, then id. MarkSent, MarkRetry and MarkFailed
/// release the claim.
std::vector<OutboxItem> ClaimDueOutbox(Connection& db, TimePoint now, int limit,
                                       std::string_view owner, TimePoint until);

/// Up to `limit` timers due at `now` whose lease (if any) ran out or is `owner`'s, claimed for `owner` until
/// `until`; earliest first. Remove (after firing) or Schedule (moving it) ends the claim.
std::vector<Timer> ClaimDueTimers(Connection& db, TimePoint now, int limit,
                                  std::string_view owner, TimePoint until);

}  // namespace escbot::storage::postgres
