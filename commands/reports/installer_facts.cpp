#include "commands/reports/installer_facts.hpp"

#include "commands/installer/installer_ids.hpp"

namespace escbot::commands::reports {
using storage::ChaseState;
using storage::InstallerComplaint;

std::string InstallerOutcome(const InstallerComplaint& c) {
    if (c.chase_state == ChaseState::kReplied)
        return "replied_at_attempt_" + std::to_string(c.chase_attempt);
    if (c.chase_state == ChaseState::kReferred) return "referred";
    if (c.status == InstallerComplaint::Status::kClosed) return "closed";
    return "in_progress";
}

CaseFacts InstallerFactsOf(const storage::InstallerReportRow& row,
                           const config::sop::InstallerSop* sop,
                           const config::BusinessCalendar& calendar, TimePoint now) {
    const InstallerComplaint& c = row.c;
    CaseFacts facts;
    facts.ref = installer::Reference(c.id);
    facts.kind = std::string(kInstallerKind);
    facts.sop_version = c.sop_version;
    facts.created_at = c.created_at;
    facts.status = std::string(storage::StatusName(c.status));
    facts.outcome = InstallerOutcome(c);
    facts.complaint_type = c.complaint_type;
    facts.program = c.program;
    facts.created_by = c.agent_id;
    facts.owner = c.owner_id;
    facts.hours_to_claim = HoursBetween(calendar, c.created_at, c.claimed_at);
    facts.hours_to_first_update = HoursBetween(calendar, c.created_at, row.first_update_at);
    facts.hours_to_resolution = HoursBetween(calendar, c.created_at, c.closed_at);
    if (sop != nullptr) {
        const TimePoint first_chase = calendar.Add(c.created_at, sop->cadence.chase_every);
        facts.promise_due = calendar.Add(first_chase, sop->cadence.chase_every);
    }
    facts.promise_kept = PromiseKept(facts.promise_due, row.first_update_at, now);
    return facts;
}

}  // namespace escbot::commands::reports
