#include "commands/escalation/page_window.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/ladder_history.hpp"
#include "commands/escalation/ladder_tiers.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/ladder_messages.hpp"

namespace escbot::commands::escalation {
namespace {

constexpr Seconds kPagePoll{1};

/// The ping and the agent's status say "answer by" the moved deadline.
void ShowMovedDeadline(storage::UnitOfWork& u, const FlowContext& ctx, const config::sop::Sop& sop,
                       const config::sop::LadderTier& tier, const storage::EscalationCase& c, int step,
                       const LadderHistory& history, const LadderEntry& paged, TimePoint deadline) {
    const config::Duty duty{paged.users, paged.groups};
    const auto& calendar = ctx.settings.business_calendar;
    u.Outbox().Enqueue(
        MessageUpdate(PingKey(c.id, step),
                      views::LadderPingMessage(PingOf(sop, c, tier, step, deadline, duty, history), calendar),
                      PingLane(c.id, step)),
        ctx.now);
    u.Outbox().Enqueue(MessageUpdate(StatusKey(c.id), StatusMessage(sop, c, history, calendar), AgentLane(c.id)),
                       ctx.now);
}

}  // namespace

bool HoldWindowForPage(storage::UnitOfWork& u, const FlowContext& ctx,
                       const storage::LiveLadder& ladder, const storage::Timer& timer) {
    LadderHistory history;
    from_json(ladder.history, history);
    const LadderEntry* paged = history.Paged(ladder.step);
    if (paged == nullptr) return false;
    const auto send = u.Outbox().LastSend(PingKey(ladder.case_id, ladder.step));
    if (!send) return false;
    auto sop = SopOf(u, ctx, ladder.sop_version);
    if (!sop) sop = ctx.sops.Current();
    const config::sop::LadderTier* tier = sop ? sop->FindTier(ladder.tier_id) : nullptr;
    const auto c = u.Escalation().Cases().Get(ladder.case_id);
    if (tier == nullptr || !c) return false;

    if (send->status == storage::OutboxItem::Status::kPending) {
        if (ctx.now >= ladder.deadline + kMaxPageWait) return false;
        u.Timers().Schedule({0, timer.kind, timer.key, ctx.now + kPagePoll, timer.payload});
        return true;
    }
    if (send->status != storage::OutboxItem::Status::kSent || !send->finished_at) return false;
    const TimePoint deadline = *send->finished_at + Seconds(WindowSeconds(*sop, *tier));
    if (ctx.now >= deadline) return false;
    if (!u.Escalation().Ladders().ExtendDeadline(ladder.case_id, ladder.step, deadline)) return false;

    for (LadderEntry& entry : history.entries) {
        if (entry.event == LadderEvent::kPaged && entry.step == ladder.step) entry.deadline = deadline;
    }
    nlohmann::json stored;
    to_json(stored, history);
    u.Escalation().Ladders().SetHistory(ladder.case_id, stored);
    u.Timers().Schedule({0, timer.kind, timer.key, deadline, timer.payload});
    ShowMovedDeadline(u, ctx, *sop, *tier, *c, ladder.step, history, *history.Paged(ladder.step), deadline);
    Audit(u, ctx, "bot", "ladder.window_moved", CaseEntity(ladder.case_id),
          {{"step", ladder.step},
           {"queued_deadline", ToUnix(ladder.deadline)},
           {"page_taken", ToUnix(*send->finished_at)},
           {"deadline", ToUnix(deadline)}});
    logging::Get("escalation")
        ->info("case={} ladder step={}: Slack took the page {} s late; window until {}",
               ladder.case_id, ladder.step, (*send->finished_at - paged->at).count(), ToUnix(deadline));
    return true;
}

}  // namespace escbot::commands::escalation
