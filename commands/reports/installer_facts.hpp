#pragma once

#include "commands/reports/case_facts.hpp"
#include "config/sop/installer_sop.hpp"
#include "storage/installer_complaint_repository.hpp"

namespace escbot::commands::reports {

inline constexpr std::string_view kInstallerKind = "installer_complaint";

/// What the export and the report say about an installer complaint that became a case (SOP §4).
/// Outcome: replied_at_attempt_<n> (the installer replied at chase n; 0 before the first chase),
/// referred, closed (closed without either), in_progress. Business hours from creation to the
/// claim, to the owner's first recorded step (installer replied, no reply, referred, partner
/// update, closed) and to the closing. The promise of the installer cadence: the first chase
/// falls due `chase_every` after the opening, and its outcome is recorded before the next one
/// would (a second `chase_every`); unset while it runs, and when `sop` is null (a version that
/// cannot be loaded). Codes and ids only.
CaseFacts InstallerFactsOf(const storage::InstallerReportRow& row,
                           const config::sop::InstallerSop* sop,
                           const config::BusinessCalendar& calendar, TimePoint now);

/// The outcome code of a complaint (see InstallerFactsOf).
std::string InstallerOutcome(const storage::InstallerComplaint& c);

}  // namespace escbot::commands::reports
