#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "storage/store.hpp"

namespace escbot::commands::home {

// Keeping a person's App Home current when their cases change (created, claimed, reassigned,
// resolved, a ladder or installer step), at most once every kRefreshSpacing per person.
//
// Why a durable timer rather than an in-memory throttle: the change and the promise to refresh
// commit in the same transaction (a crash loses neither), and the spacing needs no memory of its
// own: a refresh is queued as a timer row "home:<user>:refresh" due kRefreshSpacing later, and
// only when none is pending, so a burst of changes becomes one publish that reads the state as
// it is when it fires, and two publishes for one person are never closer than kRefreshSpacing.
// It works the same with several bot processes on one database. Publishing goes through the
// outbox on lane "home:<user>", so one person's publishes leave in order. Only people who have
// opened the Home tab get refreshes (nobody else would see them).

inline constexpr std::string_view kRefreshTimer = "home.refresh";
inline constexpr Seconds kRefreshSpacing{3};

/// "home:<user>": the outbox lane of a person's views.publish.
std::string HomeLane(std::string_view user);
/// "home:<user>:refresh": the key of a person's pending refresh timer.
std::string RefreshTimerKey(std::string_view user);
/// The user a refresh timer's payload names ("" when malformed).
std::string RefreshTimerUser(const nlohmann::json& payload);

/// Queues a refresh of `user`'s Home tab in the caller's transaction (see above). Nothing for
/// an empty id, a user who never opened the Home tab, or when one is pending already.
void QueueHomeRefresh(storage::UnitOfWork& u, TimePoint now, std::string_view user);

/// The people whose Home lists the case an audit entry is about ("case:12", "installer:3"):
/// who raised it, who owns it now, and the owners before and after in `detail` (a
/// reassignment). Each gets QueueHomeRefresh. Other entities (drafts) change no Home list.
void QueueRefreshForEntity(storage::UnitOfWork& u, TimePoint now, std::string_view entity,
                           const nlohmann::json& detail);

}  // namespace escbot::commands::home
