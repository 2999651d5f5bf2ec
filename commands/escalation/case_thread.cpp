#include "commands/escalation/case_thread.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_records.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/reminders.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/privacy/contact_mask.hpp"

namespace escbot::commands::escalation {

using storage::EscalationCase;
using News = views::CaseNews;

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

/// User text as the case thread shows it ([privacy] mask_contact_details).
std::string Shown(const FlowContext& ctx, const std::string& text) {
    return privacy::ForChannel(text, ctx.settings.privacy.mask_contact_details);
}

/// A reply in the case's thread, then the root as it reads now.
void PostInThread(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                  nlohmann::json reply, const std::string& notify_user) {
    u.Outbox().Enqueue(ThreadReply(RootKey(case_id), std::move(reply), CaseLane(case_id),
                                   notify_user),
                       ctx.now);
    EnqueueRootUpdate(u, ctx, case_id);
}

/// DMs the agent who escalated the case what happened to it (not when they did it themselves).
void TellAgent(storage::UnitOfWork& u, const FlowContext& ctx, const EscalationCase& c,
               News news) {
    if (c.created_by.empty() || c.created_by == news.by) return;
    news.case_id = CaseDisplayId(c.id);
    u.Outbox().Enqueue(
        DirectMessage(c.created_by, views::AgentCaseNewsMessage(news, ctx.settings.business_calendar), AgentLane(c.id)), ctx.now);
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
    if (const auto c = cases.Get(case_id)) TellAgent(u, ctx, *c, {News::Kind::kClaimed, {}, user});
    Audit(u, ctx, user, "case.claimed", CaseEntity(case_id),
          {{"before", {{"status", "open"}}}, {"after", {{"status", "claimed"}, {"owner", user}}}});
    logging::Get("escalation")->info("case={} claimed by user={}", case_id, user);
    return {ClaimOutcome::Kind::kClaimed, user};
}

ReassignOutcome ReassignCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                             const std::string& by, const std::string& to,
                             const std::string& note) {
    using Kind = ReassignOutcome::Kind;
    auto& cases = u.Escalation().Cases();
    const auto c = cases.Get(case_id);
    if (!c) return {Kind::kGone, {}};
    if (c->status == EscalationCase::Status::kResolved) return {Kind::kResolved, c->owner};
    if (c->status != EscalationCase::Status::kClaimed) return {Kind::kNotClaimed, c->owner};
    if (c->owner == to) return {Kind::kSameOwner, c->owner};
    // The write transaction holds the lock from its start: the owner read above is current.
    if (!cases.Reassign(case_id, c->owner, to, ctx.now)) return {Kind::kNotClaimed, c->owner};
    u.Escalation().Updates().Add({0, case_id, by, "reassign", note, ctx.now});
    PostInThread(u, ctx, case_id, views::ReassignedReply(by, c->owner, to, Shown(ctx, note)), by);
    TellAgent(u, ctx, *c, {News::Kind::kReassigned, {}, by, to});
    Audit(u, ctx, by, "case.reassigned", CaseEntity(case_id),
          {{"before", {{"owner", c->owner}}}, {"after", {{"owner", to}}}});
    Count(ctx, "escbot_escalation_cases_reassigned_total", "Escalation cases reassigned.");
    logging::Get("escalation")
        ->info("case={} reassigned by user={} from={} to={}", case_id, by, c->owner, to);
    return {Kind::kReassigned, to};
}

bool AddCaseUpdate(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                   const std::string& user, const std::string& text) {
    const auto c = u.Escalation().Cases().Get(case_id);
    if (!c) return false;
    u.Escalation().Updates().Add({0, case_id, user, "update", text, ctx.now});
    u.Escalation().Cases().SetLastUpdate(case_id, ctx.now);
    const std::optional<TimePoint> next_due = AfterUpdateGiven(u, ctx, *c);
    PostInThread(u, ctx, case_id, views::UpdateReply(user, Shown(ctx, text)), user);
    TellAgent(u, ctx, *c, {News::Kind::kUpdated, {}, user, {}, text, next_due});
    Audit(u, ctx, user, "case.updated", CaseEntity(case_id),
          {{"next_due", next_due ? ToUnix(*next_due) : 0}});
    logging::Get("escalation")->info("case={} updated by user={}", case_id, user);
    return true;
}

ResolveOutcome ResolveCase(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id,
                           const std::string& user, const std::string& note) {
    auto& cases = u.Escalation().Cases();
    const auto before = cases.Get(case_id);
    if (!cases.Resolve(case_id, user, note, ctx.now)) {
        return cases.Get(case_id) ? ResolveOutcome::kClosed : ResolveOutcome::kGone;
    }
    u.Escalation().Updates().Add({0, case_id, user, "resolution", note, ctx.now});
    cases.SetLastUpdate(case_id, ctx.now);
    u.Timers().Cancel(FollowUpTimerKey(case_id));
    PostInThread(u, ctx, case_id, views::ResolvedReply(user, Shown(ctx, note)), user);
    if (const auto c = cases.Get(case_id)) {
        TellAgent(u, ctx, *c, {News::Kind::kResolved, {}, user, {}, note});
    }
    Audit(u, ctx, user, "case.resolved", CaseEntity(case_id),
          {{"before", {{"status", storage::CaseStatusName(before->status)}, {"owner", before->owner}}},
           {"after", {{"status", "resolved"}}}});
    Count(ctx, "escbot_escalation_cases_resolved_total", "Escalation cases resolved.");
    logging::Get("escalation")->info("case={} resolved by user={}", case_id, user);
    return ResolveOutcome::kResolved;
}

}  // namespace escbot::commands::escalation
