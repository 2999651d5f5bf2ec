#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "bot/core/clock.hpp"
#include "config/settings.hpp"

namespace escbot::app {

struct ReportArgs {
    std::string since;  // YYYY-MM-DD (start of that day in the business calendar's zone) or ISO-8601
    std::string until;  // the same; "" for now (exclusive)
    std::string format = "csv";  // export only: csv or json
    bool include_personal_data = false;  // export only
    std::string who;  // who runs it (the OS user), for the audit entry of a personal-data export
};

/// `escalation-bot export`: one record per case created in the range, streamed to `out`.
/// With personal data, an audit entry (who, range, format) is written first. Exit 0; 2 on bad
/// arguments or configuration; 1 when the database fails.
int RunExport(const config::Settings& settings, const std::string& sop_file, const ReportArgs& args,
              const Clock& clock, std::ostream& out, std::ostream& err);

/// `escalation-bot report`: the counts, share of promises kept and medians for the range.
int RunReport(const config::Settings& settings, const std::string& sop_file, const ReportArgs& args,
              const Clock& clock, std::ostream& out, std::ostream& err);

/// A --since/--until value: YYYY-MM-DD is the start of that day in `calendar`'s zone; otherwise
/// an ISO-8601 instant with an offset or Z. nullopt for anything else.
std::optional<TimePoint> ParseReportDate(const std::string& text, const config::BusinessCalendar& calendar);

}  // namespace escbot::app
