#pragma once

#include <string>

#include "commands/escalation/flow_context.hpp"

namespace escbot::commands::escalation {

// The case thread in the Resolution Team channel: Claim, Reassign, Add update and Resolve, all
// for leads only (checked by the handler before any of these runs). The agent who escalated the
// case is told of each by DM.

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

/// An update given to the customer, from the "Add update" modal: thread reply, "last update"
/// moved, the promise restarted for the next update (or its reminders ended, per the SOP
/// version), root updated, agent told. False, changing nothing, when the case is gone.
bool AddCaseUpdate(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                   const std::string& user, const std::string& text);

/// How a Reassign ended.
struct ReassignOutcome {
    enum class Kind {
        kReassigned,  // owner moved: note in the thread, root updated, agent told
        kSameOwner,   // `to` owns it already
        kNotClaimed,  // open (nobody to reassign from: Claim it), or not a follow-up case
        kResolved,    // already resolved
        kGone,        // no such case
    };
    Kind kind = Kind::kGone;
    std::string owner;  // the owner now
};
/// A lead hands a claimed case to `to` (compare-and-set on the current owner), with an optional
/// note for the thread.
ReassignOutcome ReassignCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                             const std::string& by, const std::string& to,
                             const std::string& note);

/// How a resolution ended.
enum class ResolveOutcome { kResolved, kClosed, kGone };
/// Closes the case (compare-and-set) with the lead's note, cancels its reminders, posts the note
/// in the thread, updates the root and tells the agent.
ResolveOutcome ResolveCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                           const std::string& user, const std::string& note);

}  // namespace escbot::commands::escalation
