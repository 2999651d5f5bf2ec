#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"
#include "config/sop/sop.hpp"
#include "storage/escalation_repositories.hpp"

namespace escbot::commands::reports {

// What the export and the report say about one case, derived from its stored row and the SOP
// version it ran under. Codes and ids only: no personal data lives here.

struct CaseFacts {
    std::string ref;  // "ESC-12", "IC-3"
    std::string kind = "escalation";  // or "installer_complaint"
    std::string sop_version;
    TimePoint created_at{};
    std::string status;  // live, open, claimed, transferred, resolved
    /// waited (agreed to a follow-up), live_accepted, voicemail, live_in_progress.
    std::string outcome;
    std::string accepted_tier;  // the tier that accepted a live transfer
    std::vector<std::string> concern_types;
    std::vector<std::string> qualifiers;
    /// Installer complaints: the complaint type and program ids of the installer SOP data.
    std::string complaint_type;
    std::string program;
    std::string created_by;
    std::string owner;
    // Business hours (by the business calendar) from the case's creation.
    std::optional<double> hours_to_claim;
    std::optional<double> hours_to_first_update;
    std::optional<double> hours_to_resolution;
    /// The promise of an update (SOP §1 A) made when the case was created (or when the live
    /// ladder ended in voicemail): when it fell due and whether the first update came by then;
    /// promise_kept is unset while it is still running, and for a live transfer (no promise).
    std::optional<TimePoint> promise_due;
    std::optional<bool> promise_kept;
};

/// Business hours from `from` to `to`; unset without `to`.
std::optional<double> HoursBetween(const config::BusinessCalendar& calendar, TimePoint from,
                                   const std::optional<TimePoint>& to);

/// Whether a promise due at `due` was kept by the first update: unset without a promise, and
/// while it runs (no update yet, `now` not past `due`).
std::optional<bool> PromiseKept(const std::optional<TimePoint>& due,
                                const std::optional<TimePoint>& first_update, TimePoint now);

/// `sop` may be null (a version no longer loadable): the answers are then not interpreted and
/// the case's stored follow-up due time stands in for the promise. `now` decides whether an
/// unanswered promise is broken yet.
CaseFacts FactsOf(const storage::CaseReportRow& row, const config::sop::Sop* sop,
                  const config::BusinessCalendar& calendar, TimePoint now);

}  // namespace escbot::commands::reports
