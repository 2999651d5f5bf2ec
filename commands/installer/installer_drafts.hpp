#pragma once

#include "bot/core/clock.hpp"
#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::commands::installer {

// Installer-complaint drafts left unchanged for [escalation] draft_max_age are closed (their
// answers are personal data, not kept open forever): a periodic sweep, one timer that moves
// itself on, as the escalation drafts' sweep. The agent's next /installer-complaint starts anew.

inline constexpr std::string_view kDraftSweepTimer = "installer.draft_sweep";

/// Closes (abandons, audits "installer.draft_expired") every open installer draft whose age has
/// passed at `now`, at most 1000 per call; returns when to sweep next.
TimePoint SweepExpiredDrafts(storage::UnitOfWork& u, const config::Settings& settings, TimePoint now);

/// (Re)schedules the sweep at `at`.
void ScheduleDraftSweep(storage::UnitOfWork& u, TimePoint at);

}  // namespace escbot::commands::installer
