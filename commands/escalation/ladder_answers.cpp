// The people paged answer a ladder step: Answer, Accepted for handling, Not accepted and Decline
// (see live_ladder.hpp). Each click is checked against the authorization table first; a refusal
// changes nothing.

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/escalation/ladder_tiers.hpp"
#include "commands/escalation/live_ladder.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

using storage::LiveLadder;
using Kind = ClickOutcome::Kind;

namespace {

constexpr const char* kRefusalsMetric = "escbot_access_refusals_total";
constexpr const char* kRefusalsHelp = "Clicks refused by the authorization table, by action.";

/// A ladder with everything a click needs to decide and to render.
struct Loaded {
    LiveLadder ladder;
    std::shared_ptr<const config::sop::Sop> sop;
    storage::EscalationCase c;
    LadderHistory history;
};

std::optional<Loaded> Load(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id) {
    auto ladder = u.Escalation().Ladders().Get(case_id);
    auto c = u.Escalation().Cases().Get(case_id);
    if (!ladder || !c) return std::nullopt;
    auto sop = SopOf(u, ctx, ladder->sop_version);
    if (!sop) sop = ctx.sops.Current();
    LadderHistory history = ladder->history.get<LadderHistory>();
    return Loaded{std::move(*ladder), std::move(sop), std::move(*c), std::move(history)};
}

/// The outcome of a click on a ladder that is no longer at the clicked step's open state, or
/// nullopt when the step is the current one (paging or answered).
std::optional<ClickOutcome> Settled(const std::optional<Loaded>& l, const LadderClick& click) {
    if (!l) return ClickOutcome{Kind::kGone};
    const LiveLadder& ladder = l->ladder;
    if (ladder.status == LiveLadder::Status::kAccepted) {
        return ClickOutcome{ladder.owner == click.user ? Kind::kAlreadyYours : Kind::kTaken,
                            ladder.owner};
    }
    if (ladder.status == LiveLadder::Status::kVoicemail) return ClickOutcome{Kind::kVoicemail};
    if (ladder.step != click.button.step) return ClickOutcome{Kind::kExpired};
    return std::nullopt;
}

access::Facts FactsOf(const Loaded& l, const LadderClick& click) {
    access::Facts facts;
    facts.raised_by = l.c.created_by;
    if (const LadderEntry* paged = l.history.Paged(l.ladder.step)) {
        facts.paged_users = paged->users;
        facts.paged_groups = paged->groups;
    }
    if (l.ladder.status == LiveLadder::Status::kAnswered) facts.answered_by = l.ladder.answered_by;
    facts.in_group = click.in_group;
    return facts;
}

/// The table's answer for `action`; a refusal is counted and worded for the clicker.
std::optional<ClickOutcome> Refused(const FlowContext& ctx, access::Action action,
                                    const access::Facts& facts, const LadderClick& click,
                                    std::string_view attempted) {
    const access::Decision decision = access::Authorize(action, click.user, facts);
    if (decision) return std::nullopt;
    std::vector<std::string> may;
    const auto& allowed = decision.rule->allowed;
    if (std::find(allowed.begin(), allowed.end(), access::Role::kPageAnswerer) != allowed.end()) {
        if (!facts.answered_by.empty()) may.push_back(facts.answered_by);
    } else {
        may = facts.paged_users;
        may.insert(may.end(), facts.paged_groups.begin(), facts.paged_groups.end());
    }
    std::erase(may, facts.raised_by);
    Count(ctx, kRefusalsMetric, kRefusalsHelp,
          {{"action", std::string(access::ActionName(action))}});
    logging::Get("access")->info("refused {} on case={} step={} to user={}",
                                 access::ActionName(action), click.button.case_id,
                                 click.button.step, click.user);
    return ClickOutcome{Kind::kRefused, {},
                        views::LadderRefusalText(attempted, decision.rule->who_may, may,
                                                 decision.refused_as == access::Role::kCaseRaiser)};
}

/// Why a compare-and-set lost: read the ladder again.
ClickOutcome LostRace(storage::UnitOfWork& u, const FlowContext& ctx, const LadderClick& click) {
    const auto l = Load(u, ctx, click.button.case_id);
    if (auto settled = Settled(l, click)) return *settled;
    if (l->ladder.status == LiveLadder::Status::kAnswered) {
        return {Kind::kAnsweredByOther, l->ladder.answered_by};
    }
    return {Kind::kExpired};
}

/// The step was answered by `user` (compare-and-set done): history, ping, status, audit.
void AfterAnswer(storage::UnitOfWork& u, const FlowContext& ctx, Loaded& l,
                 const std::string& user) {
    // Answering stops the clock: the step's timer no longer moves the ladder down.
    u.Timers().Cancel(LadderTimerKey(l.c.id));
    l.history.entries.push_back(
        {ctx.now, LadderEvent::kAnswered, l.ladder.tier_id, l.ladder.step, user});
    u.Escalation().Ladders().SetHistory(l.c.id, l.history);
    Audit(u, ctx, user, "ladder.answered", CaseEntity(l.c.id),
          {{"tier", l.ladder.tier_id}, {"step", l.ladder.step}});
    Count(ctx, kLadderStepsMetric, kLadderStepsHelp,
          {{"tier", l.ladder.tier_id}, {"result", "answered"}});
    logging::Get("escalation")
        ->info("case={} ladder step={} answered by user={} tier={}", l.c.id, l.ladder.step, user,
               l.ladder.tier_id);
}

/// The step was accepted for handling by `user` (compare-and-set done).
void AfterAccept(storage::UnitOfWork& u, const FlowContext& ctx, Loaded& l,
                 const std::string& user) {
    const config::sop::Sop& sop = *l.sop;
    u.Escalation().Cases().MarkTransferred(l.c.id, user, ctx.now);
    l.c.status = storage::EscalationCase::Status::kTransferred;
    l.c.owner = user;
    u.Timers().Cancel(LadderTimerKey(l.c.id));
    const LadderHistory before = l.history;
    l.history.entries.push_back(
        {ctx.now, LadderEvent::kAccepted, l.ladder.tier_id, l.ladder.step, user});
    u.Escalation().Ladders().SetHistory(l.c.id, l.history);
    if (const config::sop::LadderTier* tier = sop.FindTier(l.ladder.tier_id)) {
        EnqueueClosedPing(u, ctx, sop, l.c, *tier, l.ladder, before,
                          ":white_check_mark: *Accepted by " + views::UserMention(user) +
                              "* for handling at " +
                              views::SlackTime(ctx.now, ctx.settings.business_calendar) +
                              ". The agent is completing the transfer.");
    }
    u.Outbox().Enqueue(
        MessageUpdate(StatusKey(l.c.id),
                      StatusMessage(sop, l.c, l.history, ctx.settings.business_calendar),
                      AgentLane(l.c.id)),
        ctx.now);
    Audit(u, ctx, user, "ladder.accepted", CaseEntity(l.c.id),
          {{"tier", l.ladder.tier_id}, {"step", l.ladder.step}});
    Count(ctx, kLadderStepsMetric, kLadderStepsHelp,
          {{"tier", l.ladder.tier_id}, {"result", "accepted"}});
    Count(ctx, kLadderOutcomesMetric, kLadderOutcomesHelp,
          {{"outcome", "accepted"}, {"tier", l.ladder.tier_id}});
    logging::Get("escalation")
        ->info("case={} ladder step={} accepted by user={} tier={}", l.c.id, l.ladder.step, user,
               l.ladder.tier_id);
}

/// After AfterAnswer, when the one who answered still discusses: the ping and the status.
void AnnounceAnswered(storage::UnitOfWork& u, const FlowContext& ctx, const Loaded& l,
                      const std::string& user) {
    if (const config::sop::LadderTier* tier = l.sop->FindTier(l.ladder.tier_id)) {
        EnqueueAnsweredPing(u, ctx, *l.sop, l.c, *tier, l.ladder, l.history, user);
    }
    u.Outbox().Enqueue(
        MessageUpdate(StatusKey(l.c.id),
                      StatusMessage(*l.sop, l.c, l.history, ctx.settings.business_calendar),
                      AgentLane(l.c.id)),
        ctx.now);
}

}  // namespace

ClickOutcome AnswerStep(storage::UnitOfWork& u, const FlowContext& ctx, const LadderClick& click) {
    auto l = Load(u, ctx, click.button.case_id);
    if (auto settled = Settled(l, click)) return *settled;
    if (l->ladder.status == LiveLadder::Status::kAnswered) {
        if (l->ladder.answered_by == click.user) return {Kind::kDone};
        return {Kind::kAnsweredByOther, l->ladder.answered_by};
    }
    if (ctx.now >= l->ladder.deadline) return {Kind::kExpired};
    if (auto refused = Refused(ctx, access::Action::kAnswerPage, FactsOf(*l, click), click,
                               "answer this page")) {
        return *refused;
    }
    if (!u.Escalation().Ladders().Answer(l->c.id, l->ladder.step, click.user, ctx.now)) {
        return LostRace(u, ctx, click);
    }
    AfterAnswer(u, ctx, *l, click.user);
    AnnounceAnswered(u, ctx, *l, click.user);
    return {Kind::kDone};
}

ClickOutcome AcceptStep(storage::UnitOfWork& u, const FlowContext& ctx, const LadderClick& click) {
    auto l = Load(u, ctx, click.button.case_id);
    if (auto settled = Settled(l, click)) return *settled;
    auto& ladders = u.Escalation().Ladders();
    access::Facts facts = FactsOf(*l, click);
    if (l->ladder.status == LiveLadder::Status::kPaging) {
        // A page from before answering existed: its one button answers and accepts at once.
        if (ctx.now >= l->ladder.deadline) return {Kind::kExpired};
        if (auto refused = Refused(ctx, access::Action::kAnswerPage, facts, click,
                                   "answer or accept this page")) {
            return *refused;
        }
        facts.answered_by = click.user;
        if (auto refused = Refused(ctx, access::Action::kAcceptPage, facts, click,
                                   "accept this page")) {
            return *refused;
        }
        if (!ladders.Answer(l->c.id, l->ladder.step, click.user, ctx.now)) {
            return LostRace(u, ctx, click);
        }
        AfterAnswer(u, ctx, *l, click.user);
    } else if (auto refused = Refused(ctx, access::Action::kAcceptPage, facts, click,
                                      "accept this page for handling")) {
        return *refused;
    }
    if (!ladders.AcceptAnswered(l->c.id, l->ladder.step, click.user, ctx.now)) {
        return LostRace(u, ctx, click);
    }
    AfterAccept(u, ctx, *l, click.user);
    return {Kind::kDone, click.user};
}

ClickOutcome NotAcceptStep(storage::UnitOfWork& u, const FlowContext& ctx,
                           const LadderClick& click) {
    const auto l = Load(u, ctx, click.button.case_id);
    if (auto settled = Settled(l, click)) return *settled;
    if (l->ladder.status != LiveLadder::Status::kAnswered) return {Kind::kNotAnswered};
    if (auto refused = Refused(ctx, access::Action::kNotAcceptPage, FactsOf(*l, click), click,
                               "record this page as not accepted")) {
        return *refused;
    }
    // Back to paging at this step, then down at once, in this one transaction.
    if (!u.Escalation().Ladders().ReleaseAnswered(l->c.id, l->ladder.step, click.user) ||
        !MoveDown(u, ctx, l->c.id, l->ladder.step, LadderEvent::kNotAccepted, click.user)) {
        throw std::runtime_error("ladder of case " + std::to_string(l->c.id) +
                                 " could not move down after not accepted");
    }
    return {Kind::kDone};
}

ClickOutcome DeclineStep(storage::UnitOfWork& u, const FlowContext& ctx, const LadderClick& click) {
    const auto l = Load(u, ctx, click.button.case_id);
    if (auto settled = Settled(l, click)) return *settled;
    if (l->ladder.status == LiveLadder::Status::kAnswered) {
        return {Kind::kAnsweredByOther, l->ladder.answered_by};
    }
    if (ctx.now >= l->ladder.deadline) return {Kind::kExpired};
    if (auto refused = Refused(ctx, access::Action::kDeclinePage, FactsOf(*l, click), click,
                               "decline this page")) {
        return *refused;
    }
    if (!MoveDown(u, ctx, l->c.id, l->ladder.step, LadderEvent::kDeclined, click.user)) {
        return {Kind::kExpired};
    }
    return {Kind::kDone};
}

std::vector<std::string> GroupsToCheck(storage::UnitOfWork& u, long long case_id, int step,
                                       const std::string& user) {
    const auto ladder = u.Escalation().Ladders().Get(case_id);
    if (!ladder || ladder->step != step || ladder->status != LiveLadder::Status::kPaging) return {};
    const LadderHistory history = ladder->history.get<LadderHistory>();
    const LadderEntry* paged = history.Paged(step);
    if (paged == nullptr) return {};
    if (std::find(paged->users.begin(), paged->users.end(), user) != paged->users.end()) return {};
    return paged->groups;
}

}  // namespace escbot::commands::escalation
