#pragma once

#include <functional>

#include "commands/installer/installer_sops.hpp"
#include "commands/reports/case_facts.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/store.hpp"

namespace escbot::commands::reports {

/// Reads every case created in [since, until) in one read transaction, derives its facts under
/// the SOP version it ran under (loaded from the database when the file has moved on), and
/// hands each to `fn` with its row and SOP (null when that version cannot be loaded). One case
/// is in memory at a time. Returns the attempts in the same range that ended without a case.
storage::AttemptCounts ReadCases(
    storage::Store& store, config::sop::SopCatalog& sops, const config::BusinessCalendar& calendar,
    TimePoint now, TimePoint since, TimePoint until,
    const std::function<void(const CaseFacts&, const storage::CaseReportRow&,
                             const config::sop::Sop*)>& fn);

/// As ReadCases, for the installer complaints created in [since, until) that became a case
/// (InstallerFactsOf), each under its installer SOP version (from `sops`, else the text stored
/// in the database; null when neither has it). One complaint is in memory at a time. Returns how
/// many complaints in that range needed no case (counted like attempts without a case).
long long ReadInstallerCases(
    storage::Store& store, installer::InstallerSops& sops, const config::BusinessCalendar& calendar,
    TimePoint now, TimePoint since, TimePoint until,
    const std::function<void(const CaseFacts&, const storage::InstallerReportRow&)>& fn);

}  // namespace escbot::commands::reports
