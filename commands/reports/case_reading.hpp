#pragma once

#include <functional>

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

}  // namespace escbot::commands::reports
