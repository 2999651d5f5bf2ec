// The people paged answer a ladder step: Accept and Decline (see live_ladder.hpp).

#include <algorithm>

#include "bot/core/logging.hpp"
#include "commands/escalation/ladder_tiers.hpp"
#include "commands/escalation/live_ladder.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

using storage::LiveLadder;

namespace {

/// Why an Accept lost the compare-and-set.
AcceptOutcome AcceptRefused(const std::optional<LiveLadder>& ladder, const std::string& user) {
    using Kind = AcceptOutcome::Kind;
    if (!ladder) return {Kind::kGone, {}};
    if (ladder->status == LiveLadder::Status::kAccepted) {
        return {ladder->owner == user ? Kind::kAlreadyYours : Kind::kTaken, ladder->owner};
    }
    if (ladder->status == LiveLadder::Status::kVoicemail) return {Kind::kVoicemail, {}};
    return {Kind::kExpired, {}};
}

/// The accepted ladder's messages: the ping closes, the agent's status says who took it.
void AnnounceAccepted(storage::UnitOfWork& u, const FlowContext& ctx,
                      const config::sop::Sop& sop, const storage::EscalationCase& c,
                      const LiveLadder& ladder, const LadderHistory& before,
                      const LadderHistory& history, const std::string& user) {
    if (const config::sop::LadderTier* tier = sop.FindTier(ladder.tier_id)) {
        EnqueueClosedPing(u, ctx, sop, c, *tier, ladder, before,
                          ":white_check_mark: *Accepted by " + views::UserMention(user) + "* at " +
                              views::SlackTime(ctx.now, ctx.settings.business_calendar) +
                              ". The agent is transferring the call.");
    }
    u.Outbox().Enqueue(MessageUpdate(StatusKey(c.id),
                                     StatusMessage(sop, c, history, ctx.settings.business_calendar),
                                     AgentLane(c.id)),
                       ctx.now);
}

}  // namespace

AcceptOutcome AcceptStep(storage::UnitOfWork& u, const FlowContext& ctx,
                         const LadderButton& button, const std::string& user) {
    auto& ladders = u.Escalation().Ladders();
    // One IMMEDIATE transaction: of two clicks, the first to get here wins the compare-and-set.
    if (!ladders.Accept(button.case_id, button.step, user, ctx.now)) {
        return AcceptRefused(ladders.Get(button.case_id), user);
    }
    const LiveLadder ladder = *ladders.Get(button.case_id);
    auto sop = SopOf(u, ctx, ladder.sop_version);
    if (!sop) sop = ctx.sops.Current();
    auto c = *u.Escalation().Cases().Get(button.case_id);
    u.Escalation().Cases().MarkTransferred(c.id, user, ctx.now);
    c.status = storage::EscalationCase::Status::kTransferred;
    c.owner = user;
    u.Timers().Cancel(LadderTimerKey(c.id));

    const LadderHistory before = ladder.history.get<LadderHistory>();
    LadderHistory history = before;
    history.entries.push_back({ctx.now, LadderEvent::kAccepted, ladder.tier_id, ladder.step, user,
                               {}, {}, std::nullopt});
    ladders.SetHistory(c.id, history);
    AnnounceAccepted(u, ctx, *sop, c, ladder, before, history, user);
    Audit(u, ctx, user, "ladder.accepted", CaseEntity(c.id),
          {{"tier", ladder.tier_id}, {"step", ladder.step}});
    Count(ctx, kLadderStepsMetric, kLadderStepsHelp,
          {{"tier", ladder.tier_id}, {"result", "accepted"}});
    Count(ctx, kLadderOutcomesMetric, kLadderOutcomesHelp,
          {{"outcome", "accepted"}, {"tier", ladder.tier_id}});
    logging::Get("escalation")
        ->info("case={} ladder step={} accepted by user={} tier={}", c.id, ladder.step, user,
               ladder.tier_id);
    return {AcceptOutcome::Kind::kAccepted, user};
}

DeclineOutcome DeclineStep(storage::UnitOfWork& u, const FlowContext& ctx,
                           const LadderButton& button, const std::string& user) {
    using Kind = DeclineOutcome::Kind;
    const auto ladder = u.Escalation().Ladders().Get(button.case_id);
    if (!ladder) return {Kind::kGone, {}};
    if (ladder->status == LiveLadder::Status::kAccepted) return {Kind::kTaken, ladder->owner};
    if (ladder->status != LiveLadder::Status::kPaging || ladder->step != button.step ||
        ctx.now >= ladder->deadline) {
        return {Kind::kExpired, {}};
    }
    // Only someone paged for this step may pass it on (anyone may when a group was paged: its
    // members are not known without asking Slack).
    const LadderHistory history = ladder->history.get<LadderHistory>();
    if (const LadderEntry* paged = history.Paged(ladder->step)) {
        const bool paged_user =
            std::find(paged->users.begin(), paged->users.end(), user) != paged->users.end();
        if (!paged_user && paged->groups.empty()) return {Kind::kNotPaged, {}};
    }
    if (!MoveDown(u, ctx, button.case_id, button.step, LadderEvent::kDeclined, user)) {
        return {Kind::kExpired, {}};
    }
    return {Kind::kMovedDown, {}};
}

}  // namespace escbot::commands::escalation
