#include "commands/escalation/case_thread.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_records.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/case_messages.hpp"

namespace escbot::commands::escalation {

using storage::EscalationCase;

namespace {

ClaimOutcome ClaimRefused(const std::optional<EscalationCase>& c, const std::string& user) {
    using Kind = ClaimOutcome::Kind;
    if (!c) return {Kind::kGone, {}};
    if (c->status == EscalationCase::Status::kClaimed) {
        return {c->owner == user ? Kind::kAlreadyYours : Kind::kTaken, c->owner};
    }
    if (c->status == EscalationCase::Status::kResolved) return {Kind::kResolved, {}};
    return {Kind::kNotClaimable, {}};
}

/// A reply in the case's thread, then the root as it reads now.
void PostInThread(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                  nlohmann::json reply, const std::string& notify_user) {
    u.Outbox().Enqueue(ThreadReply(RootKey(case_id), std::move(reply), CaseLane(case_id),
                                   notify_user),
                       ctx.now);
    EnqueueRootUpdate(u, ctx, case_id);
}

}  // namespace

CaseState CaseStateOf(storage::UnitOfWork& u, long long case_id) {
    const auto c = u.Escalation().Cases().Get(case_id);
    if (!c) return CaseState::kGone;
    return c->IsOpen() ? CaseState::kOpen : CaseState::kClosed;
}

ClaimOutcome ClaimCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                       const std::string& user) {
    auto& cases = u.Escalation().Cases();
    if (!cases.Claim(case_id, user, ctx.now)) return ClaimRefused(cases.Get(case_id), user);
    u.Escalation().Updates().Add({0, case_id, user, "claim", "", ctx.now});
    PostInThread(u, ctx, case_id, views::ClaimedReply(user), "");
    Audit(u, ctx, user, "case.claimed", CaseEntity(case_id), nlohmann::json::object());
    logging::Get("escalation")->info("case={} claimed by user={}", case_id, user);
    return {ClaimOutcome::Kind::kClaimed, user};
}

bool AddCaseUpdate(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                   const std::string& user, const std::string& text) {
    if (!u.Escalation().Cases().Get(case_id)) return false;
    u.Escalation().Updates().Add({0, case_id, user, "update", text, ctx.now});
    u.Escalation().Cases().SetLastUpdate(case_id, ctx.now);
    PostInThread(u, ctx, case_id, views::UpdateReply(user, text), user);
    Audit(u, ctx, user, "case.updated", CaseEntity(case_id), nlohmann::json::object());
    logging::Get("escalation")->info("case={} updated by user={}", case_id, user);
    return true;
}

ResolveOutcome ResolveCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                           const std::string& user, const std::string& note) {
    auto& cases = u.Escalation().Cases();
    if (!cases.Resolve(case_id, user, note, ctx.now)) {
        return cases.Get(case_id) ? ResolveOutcome::kClosed : ResolveOutcome::kGone;
    }
    u.Escalation().Updates().Add({0, case_id, user, "resolution", note, ctx.now});
    cases.SetLastUpdate(case_id, ctx.now);
    u.Timers().Cancel(FollowUpTimerKey(case_id));
    PostInThread(u, ctx, case_id, views::ResolvedReply(user, note), user);
    Audit(u, ctx, user, "case.resolved", CaseEntity(case_id), nlohmann::json::object());
    Count(ctx, "escbot_escalation_cases_resolved_total", "Escalation cases resolved.");
    logging::Get("escalation")->info("case={} resolved by user={}", case_id, user);
    return ResolveOutcome::kResolved;
}

}  // namespace escbot::commands::escalation
