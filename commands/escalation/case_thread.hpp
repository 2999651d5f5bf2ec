#pragma once

#include <string>

#include "commands/escalation/flow_context.hpp"

namespace escbot::commands::escalation {

// The case thread in the Resolution Team channel: Claim (leads), Add update (anyone), Resolve
// (leads). Who is a lead is checked by the handler before any of these runs.

/// Where a case stands for the thread's buttons (read-only).
enum class CaseState { kGone, kOpen, kClosed };
CaseState CaseStateOf(storage::UnitOfWork& u, long long case_id);

/// How a Claim ended.
struct ClaimOutcome {
    enum class Kind {
        kClaimed,       // compare-and-set open -> claimed: root updated, reply posted
        kGone,          // no such case
        kAlreadyYours,  // the clicker owns it already
        kTaken,         // someone else owns it (`owner`)
        kResolved,      // already resolved
        kNotClaimable,  // any other status (live, transferred)
    };
    Kind kind = Kind::kGone;
    std::string owner;
};
ClaimOutcome ClaimCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                       const std::string& user);

/// An update from the "Add update" modal: thread reply, "last update" moved, root updated.
/// False, changing nothing, when the case is gone.
bool AddCaseUpdate(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                   const std::string& user, const std::string& text);

/// How a resolution ended.
enum class ResolveOutcome { kResolved, kClosed, kGone };
/// Closes the case (compare-and-set) with the lead's note, cancels its reminder, posts the note
/// in the thread and updates the root.
ResolveOutcome ResolveCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                           const std::string& user, const std::string& note);

}  // namespace escbot::commands::escalation
