#include "bot/app/report_commands.hpp"

#include <exception>
#include <memory>
#include <regex>

#include <date/tz.h>

#include "bot/app/cli.hpp"
#include "commands/reports/case_export.hpp"
#include "commands/reports/case_reading.hpp"
#include "commands/reports/case_report.hpp"
#include "config/sop/sop_loader.hpp"
#include "config/time_text.hpp"
#include "bot/app/open_store.hpp"

namespace escbot::app {
namespace {

struct Range {
    TimePoint since;
    TimePoint until;
};

std::optional<Range> RangeOf(const ReportArgs& args, const config::BusinessCalendar& calendar,
                             const Clock& clock, const char* command, std::ostream& err) {
    const auto since = ParseReportDate(args.since, calendar);
    const auto until = args.until.empty() ? std::optional(clock.Now()) : ParseReportDate(args.until, calendar);
    if (!since || !until) {
        err << command << ": --" << (since ? "until" : "since")
            << ": expected a date (2026-11-01) or an ISO-8601 instant with an offset or Z\n";
        return std::nullopt;
    }
    if (*until <= *since) {
        err << command << ": --until must be after --since\n";
        return std::nullopt;
    }
    return Range{*since, *until};
}

/// The current SOP file, then whatever versions the database holds (loaded on demand).
std::unique_ptr<config::sop::SopCatalog> Catalog(const std::string& sop_file, std::ostream& err) {
    auto catalog = std::make_unique<config::sop::SopCatalog>();
    const auto loaded = config::sop::LoadSopFile(sop_file);
    if (!loaded.ok()) {
        for (const auto& error : loaded.errors) err << error.ToString() << "\n";
        return nullptr;
    }
    catalog->Add(loaded.sop);
    return catalog;
}

std::string RangeTitle(const Range& range, const config::BusinessCalendar& calendar) {
    return "Cases (escalations and installer complaints) created from " +
           calendar.FormatForPeople(range.since) + " until " +
           calendar.FormatForPeople(range.until);
}

}  // namespace

std::optional<TimePoint> ParseReportDate(const std::string& text, const config::BusinessCalendar& calendar) {
    static const std::regex day(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch m;
    if (std::regex_match(text, m, day)) {
        const date::year_month_day ymd{date::year{std::stoi(m[1])},
                                       date::month{static_cast<unsigned>(std::stoi(m[2]))},
                                       date::day{static_cast<unsigned>(std::stoi(m[3]))}};
        if (!ymd.ok()) return std::nullopt;
        return std::chrono::time_point_cast<Seconds>(
            calendar.zone().to_sys(date::local_days{ymd}, date::choose::earliest));
    }
    return config::ParseIsoInstant(text);
}

int RunExport(const config::Settings& settings, const std::string& sop_file, const ReportArgs& args,
              const Clock& clock, std::ostream& out, std::ostream& err) {
    const auto& calendar = settings.business_calendar;
    const auto range = RangeOf(args, calendar, clock, "export", err);
    if (!range) return kExitUsageOrConfig;
    if (args.format != "csv" && args.format != "json") {
        err << "export: --format must be csv or json, not \"" << args.format << "\"\n";
        return kExitUsageOrConfig;
    }
    auto catalog = Catalog(sop_file, err);
    if (!catalog) return kExitUsageOrConfig;
    try {
        auto store = OpenStore(settings.storage);
        if (args.include_personal_data) {
            // Written before the first record leaves, so that an interrupted export is audited too.
            store->Write([&](storage::UnitOfWork& u) {
                u.Audit().Record({0, clock.Now(), "cli:" + args.who, "export.personal_data", "export",
                                  {{"since", calendar.FormatIso(range->since)},
                                   {"until", calendar.FormatIso(range->until)},
                                   {"format", args.format}}});
            });
        }
        commands::reports::CaseExportWriter writer(
            out, args.format == "csv" ? commands::reports::ExportFormat::kCsv : commands::reports::ExportFormat::kJson,
            args.include_personal_data, calendar);
        writer.Begin();
        commands::reports::ReadCases(*store, *catalog, calendar, clock.Now(), range->since, range->until,
                                     [&](const auto& facts, const auto& row, const auto* sop) {
                                         writer.Write(facts, row, sop);
                                     });
        commands::installer::InstallerSops installer_sops;
        commands::reports::ReadInstallerCases(
            *store, installer_sops, calendar, clock.Now(), range->since, range->until,
            [&](const auto& facts, const auto& row) { writer.WriteInstaller(facts, row); });
        out.flush();
        err << "export: " << writer.Written() << " cases\n";
        return kExitOk;
    } catch (const std::exception& e) {
        err << "export: " << e.what() << "\n";
        return kExitRuntimeFailure;
    }
}

int RunReport(const config::Settings& settings, const std::string& sop_file, const ReportArgs& args,
              const Clock& clock, std::ostream& out, std::ostream& err) {
    const auto& calendar = settings.business_calendar;
    const auto range = RangeOf(args, calendar, clock, "report", err);
    if (!range) return kExitUsageOrConfig;
    auto catalog = Catalog(sop_file, err);
    if (!catalog) return kExitUsageOrConfig;
    try {
        auto store = OpenStore(settings.storage);
        commands::reports::CaseReport report;
        auto attempts = commands::reports::ReadCases(
            *store, *catalog, calendar, clock.Now(), range->since, range->until,
            [&](const auto& facts, const auto&, const auto*) { report.Add(facts); });
        commands::installer::InstallerSops installer_sops;
        attempts.installer_no_case = commands::reports::ReadInstallerCases(
            *store, installer_sops, calendar, clock.Now(), range->since, range->until,
            [&](const auto& facts, const auto&) { report.Add(facts); });
        out << report.Text(RangeTitle(*range, calendar), attempts);
        return kExitOk;
    } catch (const std::exception& e) {
        err << "report: " << e.what() << "\n";
        return kExitRuntimeFailure;
    }
}

}  // namespace escbot::app
