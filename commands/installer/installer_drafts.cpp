#include "commands/installer/installer_drafts.hpp"

#include "commands/installer/installer_ids.hpp"

namespace escbot::commands::installer {
namespace {

constexpr int kBatch = 100;
constexpr int kMaxBatches = 10;

TimePoint ExpiresAt(const config::Settings& settings, TimePoint saved_at) {
    return settings.business_calendar.Add(saved_at, settings.escalation.draft_max_age);
}

}  // namespace

TimePoint SweepExpiredDrafts(storage::UnitOfWork& u, const config::Settings& settings,
                             TimePoint now) {
    for (int batch = 0; batch < kMaxBatches; ++batch) {
        const auto oldest = u.Drafts().OldestOpen(kDraftFlow, kBatch);
        for (storage::Draft draft : oldest) {
            const TimePoint expires = ExpiresAt(settings, draft.updated_at);
            if (expires > now) return expires;
            draft.status = storage::Draft::Status::kAbandoned;
            u.Drafts().Save(draft);  // updated_at kept: when the agent last worked on it
            u.Audit().Record({0, now, "bot", "installer.draft_expired",
                              "installer_draft:" + std::to_string(draft.id),
                              {{"max_age", config::ToText(settings.escalation.draft_max_age)}}});
        }
        if (static_cast<int>(oldest.size()) < kBatch) return ExpiresAt(settings, now);
    }
    return now;  // more to close: again at once
}

void ScheduleDraftSweep(storage::UnitOfWork& u, TimePoint at) {
    u.Timers().Schedule({0, std::string(kDraftSweepTimer), std::string(kDraftSweepTimer), at,
                         nlohmann::json::object()});
}

}  // namespace escbot::commands::installer
