#include "commands/retention/retention_timer.hpp"

#include "bot/core/logging.hpp"
#include "commands/retention/purge.hpp"

namespace escbot::commands::retention {
namespace {

constexpr int kCasesPerFiring = 500;  // one transaction stays short under a large backlog

void Schedule(storage::UnitOfWork& u, TimePoint at) {
    u.Timers().Schedule({0, std::string(kPurgeTimerKind), std::string(kPurgeTimerKey), at,
                         nlohmann::json::object()});
}

}  // namespace

void RegisterRetention(CommandDeps& deps) {
    deps.scheduler.On(std::string(kPurgeTimerKind), [deps](const storage::Timer&, storage::UnitOfWork& u) {
        const auto settings = deps.settings();
        const TimePoint now = deps.clock.Now();
        const long long days = settings->retention.personal_data_days;
        if (days <= 0) return Schedule(u, now + std::chrono::hours(24));
        const PurgeCounts counts =
            PurgePersonalData(u, deps.sops, PurgeCutoff(now, days), now, "bot", false, kCasesPerFiring);
        if (counts.cases + counts.drafts + counts.concert_requests + counts.installer_complaints > 0) {
            logging::Get("retention")
                ->info("personal data removed: cases={} drafts={} concert_requests={} "
                       "installer_complaints={}",
                       counts.cases, counts.drafts, counts.concert_requests, counts.installer_complaints);
        }
        Schedule(u, counts.complete ? now + std::chrono::hours(24) : now + std::chrono::minutes(1));
    });
    deps.store.Write([&](storage::UnitOfWork& u) {
        if (!u.Timers().Find(kPurgeTimerKey)) Schedule(u, deps.clock.Now());
    });
}

}  // namespace escbot::commands::retention
