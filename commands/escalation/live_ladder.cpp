#include "commands/escalation/live_ladder.hpp"

#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/case_records.hpp"
#include "commands/escalation/flow/ladder.hpp"
#include "commands/escalation/ladder_tiers.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/page_window.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

using config::sop::LadderTier;
using storage::EscalationCase;
using storage::LiveLadder;

namespace {

flow::OnDuty OnDutyAt(const FlowContext& ctx) {
    return [&ctx](const LadderTier& tier) { return !DutyOf(ctx.settings, tier, ctx.now).empty(); };
}

TimePoint DeadlineFor(const FlowContext& ctx, const config::sop::Sop& sop, const LadderTier& tier) {
    return ctx.now + Seconds(WindowSeconds(sop, tier));
}

/// Pings `tier` (step `step`, window until `deadline`) and schedules the step's timer.
void PageTier(storage::UnitOfWork& u, const FlowContext& ctx, const config::sop::Sop& sop,
              const EscalationCase& c, const LadderTier& tier, int step, TimePoint deadline,
              LadderHistory& history) {
    const config::Duty duty = DutyOf(ctx.settings, tier, ctx.now);
    const LadderTier* next = flow::NextTier(sop, tier, OnDutyAt(ctx));
    LadderEntry paged{ctx.now, LadderEvent::kPaged, tier.id, step, {}, duty.users, duty.groups,
                      deadline};
    paged.voicemail_next = next == nullptr || next->voicemail;
    history.entries.push_back(std::move(paged));
    // If the ping cannot be posted at all, the agent hears of it (and can page by phone).
    storage::OutboxItem ping =
        ChannelPost(ctx.settings.channels.live_escalation,
                    views::LadderPingMessage(PingOf(sop, c, tier, step, deadline, duty, history),
                                             ctx.settings.business_calendar),
                    PingLane(c.id, step), PingKey(c.id, step), c.created_by);
    // A customer waits on the line: the page leaves ahead of other posts in its channel.
    ping.priority = storage::kPagePriority;
    u.Outbox().Enqueue(ping, ctx.now);
    u.Timers().Schedule({0, std::string(kLadderTimerKind), LadderTimerKey(c.id), deadline,
                         ToJson(LadderTimerPayload{c.id, step})});
    Audit(u, ctx, "bot", "ladder.paged", CaseEntity(c.id),
          {{"tier", tier.id},
           {"step", step},
           {"deadline", ToUnix(deadline)},
           {"users", duty.users},
           {"groups", duty.groups}});
    Count(ctx, kLadderStepsMetric, kLadderStepsHelp, {{"tier", tier.id}, {"result", "paged"}});
    logging::Get("escalation")
        ->info("case={} ladder step={} paging tier={} until {}", c.id, step, tier.id,
               ToUnix(deadline));
}

/// No one took the call: the agent's status message says so (posted when `post_status`, else
/// updated), and the case becomes a follow-up case posted to the Resolution Team. Returns the
/// case as it is now.
EscalationCase EndInVoicemail(storage::UnitOfWork& u, const FlowContext& ctx,
                              const config::sop::Sop& sop, EscalationCase c,
                              LadderHistory& history, bool post_status) {
    const LadderTier* voicemail = VoicemailTier(sop);
    history.entries.push_back({ctx.now, LadderEvent::kVoicemail,
                               voicemail != nullptr ? voicemail->id : std::string(), 0, {}, {},
                               {}, std::nullopt});
    u.Escalation().Ladders().SetHistory(c.id, history);
    const TimePoint due = FollowUpDue(sop, ctx);
    u.Escalation().Cases().MarkFollowUp(c.id, due);
    c.status = EscalationCase::Status::kOpen;
    c.follow_up_due = due;
    // The agent reads what happened first, then gets the case's CRM text.
    nlohmann::json status = StatusMessage(sop, c, history, ctx.settings.business_calendar);
    u.Outbox().Enqueue(
        post_status
            ? DirectMessage(c.created_by, std::move(status), AgentLane(c.id), StatusKey(c.id))
            : MessageUpdate(StatusKey(c.id), std::move(status), AgentLane(c.id)),
        ctx.now);
    // SOP §1 B: a voicemail ending still leaves a case that someone must follow up.
    PublishCase(u, ctx, sop, c);
    Audit(u, ctx, "bot", "ladder.voicemail", CaseEntity(c.id), {{"follow_up_due", ToUnix(due)}});
    Count(ctx, kLadderOutcomesMetric, kLadderOutcomesHelp,
          {{"outcome", "voicemail"}, {"tier", "voicemail"}});
    logging::Get("escalation")
        ->info("case={} ladder ended in voicemail; follow-up case posted", c.id);
    return c;
}

/// The new ladder row of a live case.
LiveLadder NewLadder(const FlowContext& ctx, const config::sop::Sop& sop, long long case_id) {
    LiveLadder ladder;
    ladder.case_id = case_id;
    ladder.sop_version = sop.version;
    ladder.started_at = ctx.now;
    return ladder;
}

/// StartLadder when no tier has anyone on duty (or only voicemail is left).
views::LiveTransferInfo StartInVoicemail(storage::UnitOfWork& u, const FlowContext& ctx,
                                         const config::sop::Sop& sop, EscalationCase c,
                                         const LadderTier* entry, const LadderTier* target,
                                         LadderHistory& history, views::LiveTransferInfo info) {
    LiveLadder ladder = NewLadder(ctx, sop, c.id);
    ladder.tier_id = target != nullptr ? target->id : std::string();
    ladder.status = LiveLadder::Status::kVoicemail;
    ladder.deadline = ctx.now;
    ladder.ended_at = ctx.now;
    ladder.history = history;
    u.Escalation().Ladders().Create(ladder);
    Audit(u, ctx, c.created_by, "ladder.started", CaseEntity(c.id),
          {{"entry", entry != nullptr ? entry->id : std::string()}, {"paged", ""}});
    c = EndInVoicemail(u, ctx, sop, c, history, /*post_status=*/true);
    info.voicemail = VoicemailTier(sop);
    info.follow_up_due = c.follow_up_due;
    return info;
}

/// StartLadder when `target` has someone on duty: step 1 pages it.
views::LiveTransferInfo StartPaging(storage::UnitOfWork& u, const FlowContext& ctx,
                                    const config::sop::Sop& sop, const EscalationCase& c,
                                    const LadderTier& entry, const LadderTier& target,
                                    LadderHistory& history, views::LiveTransferInfo info) {
    const TimePoint deadline = DeadlineFor(ctx, sop, target);
    LiveLadder ladder = NewLadder(ctx, sop, c.id);
    ladder.tier_id = target.id;
    ladder.step = 1;
    ladder.deadline = deadline;
    ladder.status = LiveLadder::Status::kPaging;
    u.Escalation().Ladders().Create(ladder);
    Audit(u, ctx, c.created_by, "ladder.started", CaseEntity(c.id),
          {{"entry", entry.id}, {"paged", target.id}});
    PageTier(u, ctx, sop, c, target, 1, deadline, history);
    u.Escalation().Ladders().SetHistory(c.id, history);
    u.Outbox().Enqueue(
        DirectMessage(c.created_by, StatusMessage(sop, c, history, ctx.settings.business_calendar),
                      AgentLane(c.id), StatusKey(c.id)),
        ctx.now);
    const config::Duty duty = DutyOf(ctx.settings, target, ctx.now);
    info.paged = &target;
    info.users = duty.users;
    info.groups = duty.groups;
    info.window_seconds = static_cast<int>((deadline - ctx.now).count());
    return info;
}

}  // namespace

views::LiveTransferInfo StartLadder(storage::UnitOfWork& u, const FlowContext& ctx,
                                    const config::sop::Sop& sop, long long case_id,
                                    const flow::FlowResult& result) {
    const EscalationCase c = *u.Escalation().Cases().Get(case_id);
    const LadderTier* entry =
        result.ladder_entry != nullptr ? result.ladder_entry : flow::EntryTier(sop, c.answers);
    const LadderTier* target =
        entry != nullptr ? flow::FirstAvailableTier(sop, entry, OnDutyAt(ctx)) : nullptr;
    LadderHistory history;
    if (entry != nullptr) {
        AppendSkipped(ctx.settings, sop, entry, /*include_from=*/true, target, ctx.now, history);
    }

    views::LiveTransferInfo info;
    info.case_id = CaseDisplayId(c.id);
    for (const LadderEntry& skipped : history.entries) {
        if (const LadderTier* t = sop.FindTier(skipped.tier)) info.skipped.push_back(t->name);
        Count(ctx, kLadderStepsMetric, kLadderStepsHelp,
              {{"tier", skipped.tier}, {"result", "skipped"}});
    }
    if (target == nullptr || target->voicemail) {
        return StartInVoicemail(u, ctx, sop, c, entry, target, history, std::move(info));
    }
    return StartPaging(u, ctx, sop, c, *entry, *target, history, std::move(info));
}

namespace {

/// What the step's ping says once a timeout or a decline moved the ladder on.
std::string MovedOnText(LadderEvent event, const std::string& by, const LiveLadder& ladder,
                        const LadderTier* next, TimePoint now,
                        const config::BusinessCalendar& calendar) {
    const bool voicemail = next == nullptr || next->voicemail;
    std::string text;
    if (event == LadderEvent::kDeclined) {
        text = ":no_entry: *Declined* by " + views::UserMention(by) + " at " +
               views::SlackTime(now, calendar);
    } else if (event == LadderEvent::kNotAccepted) {
        text = ":leftwards_arrow_with_hook: *Not accepted* by " + views::UserMention(by) + " at " +
               views::SlackTime(now, calendar);
    } else {
        text = ":hourglass: *No one answered* within the window (by " +
               views::SlackTime(ladder.deadline, calendar) + ")";
    }
    text += "; moved on to " +
            block_kit::EscapeMrkdwn(voicemail ? std::string("voicemail") : next->name) + ".";
    return text;
}

/// After the compare-and-set moved the ladder: the history, the old ping, the next tier (or
/// voicemail) and the agent's status.
void AfterMove(storage::UnitOfWork& u, const FlowContext& ctx, const config::sop::Sop& sop,
               const EscalationCase& c, const LiveLadder& ladder, const LadderTier& tier,
               const LadderTier* next, LadderEvent event, const std::string& by) {
    const bool voicemail = next == nullptr || next->voicemail;
    LadderHistory history = ladder.history.get<LadderHistory>();
    const LadderHistory before = history;
    history.entries.push_back(
        {ctx.now, event, tier.id, ladder.step, by, {}, {}, std::nullopt});
    AppendSkipped(ctx.settings, sop, &tier, /*include_from=*/false, next, ctx.now, history);
    const std::string name(LadderEventName(event));
    Count(ctx, kLadderStepsMetric, kLadderStepsHelp, {{"tier", tier.id}, {"result", name}});
    EnqueueClosedPing(u, ctx, sop, c, tier, ladder, before,
                      MovedOnText(event, by, ladder, next, ctx.now,
                                  ctx.settings.business_calendar));
    Audit(u, ctx, by.empty() ? "bot" : by, "ladder." + name, CaseEntity(c.id),
          {{"tier", tier.id}, {"step", ladder.step}, {"next", voicemail ? "voicemail" : next->id}});
    if (voicemail) {
        u.Timers().Cancel(LadderTimerKey(c.id));
        EndInVoicemail(u, ctx, sop, c, history, /*post_status=*/false);
        return;
    }
    PageTier(u, ctx, sop, c, *next, ladder.step + 1, DeadlineFor(ctx, sop, *next), history);
    u.Escalation().Ladders().SetHistory(c.id, history);
    u.Outbox().Enqueue(MessageUpdate(StatusKey(c.id),
                                     StatusMessage(sop, c, history, ctx.settings.business_calendar),
                                     AgentLane(c.id)),
                       ctx.now);
}

}  // namespace

bool MoveDown(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id, int step,
              LadderEvent event, const std::string& by) {
    auto& ladders = u.Escalation().Ladders();
    const auto ladder = ladders.Get(case_id);
    if (!ladder || ladder->status != LiveLadder::Status::kPaging || ladder->step != step) {
        return false;
    }
    auto sop = SopOf(u, ctx, ladder->sop_version);
    if (!sop) sop = ctx.sops.Current();
    const auto c = u.Escalation().Cases().Get(case_id);
    const LadderTier* tier = sop->FindTier(ladder->tier_id);
    if (!c || tier == nullptr) {
        logging::Get("escalation")
            ->error("case={} ladder at unknown tier {}", case_id, ladder->tier_id);
        return false;
    }
    const LadderTier* next = flow::NextTier(*sop, *tier, OnDutyAt(ctx));
    const bool voicemail = next == nullptr || next->voicemail;
    // Compare-and-set first: a concurrent click or timer that moved the ladder wins.
    const bool moved = voicemail ? ladders.EndInVoicemail(case_id, step, ctx.now)
                                 : ladders.Advance(case_id, step, next->id,
                                                   DeadlineFor(ctx, *sop, *next));
    if (!moved) return false;
    AfterMove(u, ctx, *sop, *c, *ladder, *tier, next, event, by);
    return true;
}

void TimeOutStep(storage::UnitOfWork& u, const FlowContext& ctx, const storage::Timer& timer,
                 const LadderTimerPayload& payload) {
    const auto ladder = u.Escalation().Ladders().Get(payload.case_id);
    if (!ladder || ladder->status != LiveLadder::Status::kPaging || ladder->step != payload.step) {
        return;
    }
    if (ctx.now < ladder->deadline) {
        u.Timers().Schedule({0, timer.kind, timer.key, ladder->deadline, timer.payload});
        return;
    }
    if (HoldWindowForPage(u, ctx, *ladder, timer)) return;
    MoveDown(u, ctx, payload.case_id, payload.step, LadderEvent::kTimeout, "");
}

}  // namespace escbot::commands::escalation
