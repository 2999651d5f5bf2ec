#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"
#include "bot/metrics/metrics.hpp"
#include "config/settings.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/store.hpp"

namespace escbot::commands::escalation {

// The escalation flow (SOP §1-2) as plain functions over a storage::UnitOfWork, one header per
// capability: intake.hpp (/escalate and drafts), screens.hpp (the question steps),
// finish.hpp (how a flow ends), existing_case.hpp (SOP 002's check), live_ladder.hpp,
// case_thread.hpp and reminders.hpp. Each runs inside the caller's transaction: it changes
// state, queues the Slack messages it owes in the outbox and (re)schedules timers, so all of it
// commits or rolls back together; it returns an outcome that the handlers (handlers.hpp) render.
// They throw only on storage failure.

/// What every flow function reads besides the unit of work: one settings snapshot, the SOP
/// versions, the metrics, and the time of the request.
struct FlowContext {
    const config::Settings& settings;
    config::sop::SopCatalog& sops;
    metrics::Registry& metrics;
    TimePoint now;
};

/// The flow name drafts are stored under.
inline constexpr std::string_view kDraftFlow = "escalation";

/// Records an audit entry at ctx.now.
void Audit(storage::UnitOfWork& u, const FlowContext& ctx, std::string_view actor,
           std::string_view action, std::string entity, nlohmann::json detail);

/// Adds one to a counter.
void Count(const FlowContext& ctx, std::string_view name, std::string_view help,
           const metrics::Labels& labels = {});

/// The SOP version a draft or case runs under (see FindSop); nullptr when it is gone.
std::shared_ptr<const config::sop::Sop> SopOf(storage::UnitOfWork& u, const FlowContext& ctx,
                                              std::string_view version);

/// When the follow-up promise of a case opened now under `sop` falls due: its follow_up
/// outcome's `due` (48bh in 2026.12.1; 24h in older versions) counted from ctx.now on the
/// business calendar (commands/escalation/promise.hpp).
TimePoint FollowUpDue(const config::sop::Sop& sop, const FlowContext& ctx);

}  // namespace escbot::commands::escalation
