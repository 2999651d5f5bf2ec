#include "commands/escalation/flow_context.hpp"

#include "commands/escalation/promise.hpp"
#include "commands/home/home_refresh.hpp"
#include "commands/escalation/sop_versions.hpp"

namespace escbot::commands::escalation {

void Audit(storage::UnitOfWork& u, const FlowContext& ctx, std::string_view actor,
           std::string_view action, std::string entity, nlohmann::json detail) {
    storage::AuditEntry entry;
    entry.at = ctx.now;
    entry.actor = std::string(actor);
    entry.action = std::string(action);
    entry.entity = std::move(entity);
    entry.detail = std::move(detail);
    u.Audit().Record(entry);
    // Every state change of a case is audited here: the Homes that list the case follow it.
    home::QueueRefreshForEntity(u, ctx.now, entry.entity, entry.detail);
}

void Count(const FlowContext& ctx, std::string_view name, std::string_view help,
           const metrics::Labels& labels) {
    ctx.metrics.GetCounter(name, help, labels).Inc();
}

std::shared_ptr<const config::sop::Sop> SopOf(storage::UnitOfWork& u, const FlowContext& ctx,
                                              std::string_view version) {
    return FindSop(u, ctx.sops, version);
}

TimePoint FollowUpDue(const config::sop::Sop& sop, const FlowContext& ctx) {
    // The promise belongs to the procedure (SOP §1 A): it comes from the SOP version the case
    // runs under, whose validator requires it on the follow_up outcome.
    return PromiseDue(PromiseOf(sop), ctx.settings.business_calendar, ctx.now);
}

}  // namespace escbot::commands::escalation
