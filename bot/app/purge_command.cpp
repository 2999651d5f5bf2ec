#include "bot/app/purge_command.hpp"

#include <exception>

#include "bot/app/cli.hpp"
#include "commands/retention/purge.hpp"

namespace escbot::app {

int RunPurge(storage::Store& store, config::sop::SopCatalog& sops, const config::Settings& settings,
             bool dry_run, const std::string& actor, const Clock& clock, std::ostream& out,
             std::ostream& err) {
    const long long days = settings.retention.personal_data_days;
    if (days <= 0) {
        err << "purge: [retention] personal_data_days is 0 (keep forever): nothing to remove\n";
        return kExitUsageOrConfig;
    }
    const TimePoint now = clock.Now();
    const TimePoint cutoff = commands::retention::PurgeCutoff(now, days);
    try {
        commands::retention::PurgeCounts total;
        if (dry_run) {
            total = store.Read([&](storage::UnitOfWork& u) {
                return commands::retention::PurgePersonalData(u, sops, cutoff, now, actor, true, 10'000'000);
            });
        } else {
            commands::retention::PurgeCounts batch;
            do {
                batch = store.Write([&](storage::UnitOfWork& u) {
                    return commands::retention::PurgePersonalData(u, sops, cutoff, now, actor, false, 1000);
                });
                total.cases += batch.cases;
                total.drafts += batch.drafts;
                total.concert_requests += batch.concert_requests;
                total.installer_complaints += batch.installer_complaints;
            } while (!batch.complete);
        }
        out << (dry_run ? "would remove" : "removed") << " the personal data of work closed before "
            << settings.business_calendar.FormatIso(cutoff) << " (" << days << " days): "
            << total.cases << " cases, " << total.drafts << " drafts, " << total.concert_requests
            << " Concert requests, " << total.installer_complaints << " installer complaints\n";
        return kExitOk;
    } catch (const std::exception& e) {
        err << "purge: " << e.what() << "\n";
        return kExitRuntimeFailure;
    }
}

}  // namespace escbot::app
