#include "commands/escalation/reminders.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/lead_directory.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

namespace {

// While the root is not posted yet the timer looks again every second (for at most ten
// minutes); once asked, Slack's answer is awaited kPermalinkAnswerWait before asking again.
constexpr Seconds kPermalinkPoll{1};
constexpr int kPermalinkMaxTries = 600;

std::string Mentions(const config::Settings& settings, const storage::EscalationCase& c) {
    if (!c.owner.empty()) return views::UserMention(c.owner);
    std::string mentions;
    for (const std::string& id : settings.groups.leads) {
        mentions += (mentions.empty() ? "" : " ") +
                    (IsGroupId(id) ? views::GroupMention(id) : views::UserMention(id));
    }
    return mentions;
}

void Deliver(storage::UnitOfWork& u, const FlowContext& ctx, const storage::EscalationCase& c,
             const std::string& link) {
    u.Outbox().Enqueue(
        DirectMessage(c.created_by, views::AgentPermalinkMessage(CaseDisplayId(c.id), link),
                      AgentLane(c.id)),
        ctx.now);
}

/// Looks again at `due`, unless it has looked long enough.
void Again(storage::UnitOfWork& u, const storage::Timer& timer,
           const PermalinkTimerPayload& payload, TimePoint due, long long asked_at) {
    if (payload.tries + 1 >= kPermalinkMaxTries) {
        logging::Get("escalation")
            ->warn("case={} thread link not available; gave up", payload.case_id);
        return;
    }
    u.Timers().Schedule({0, timer.kind, timer.key, due,
                         ToJson(PermalinkTimerPayload{payload.case_id, payload.tries + 1,
                                                      asked_at})});
}

}  // namespace

void RemindFollowUp(storage::UnitOfWork& u, const FlowContext& ctx,
                    const FollowUpTimerPayload& payload) {
    const auto c = u.Escalation().Cases().Get(payload.case_id);
    if (!c || !c->IsOpen() || !c->follow_up_due) return;
    u.Outbox().Enqueue(
        ThreadReply(RootKey(c->id),
                    views::FollowUpReminderReply(Mentions(ctx.settings, *c), *c->follow_up_due,
                                                 ctx.settings.business_calendar),
                    CaseLane(c->id)),
        ctx.now);
    u.Escalation().Updates().Add({0, c->id, "bot", "reminder", "", ctx.now});
    Audit(u, ctx, "bot", "case.follow_up_overdue", CaseEntity(c->id),
          {{"owner", c->owner}, {"follow_up_due", ToUnix(*c->follow_up_due)}});
    Count(ctx, "escbot_escalation_follow_up_overdue_total",
          "Cases still open when their follow-up fell due.");
    logging::Get("escalation")->info("case={} follow-up due and still open; reminded", c->id);
}

void PermalinkInbox::Put(long long case_id, std::string link) {
    std::lock_guard lock(mutex_);
    if (ready_.size() > 10'000) ready_.clear();
    ready_[case_id] = std::move(link);
}

std::optional<std::string> PermalinkInbox::Take(long long case_id) {
    std::lock_guard lock(mutex_);
    const auto it = ready_.find(case_id);
    if (it == ready_.end()) return std::nullopt;
    std::string link = std::move(it->second);
    ready_.erase(it);
    return link;
}

PermalinkOutcome CheckPermalink(storage::UnitOfWork& u, const FlowContext& ctx,
                                const storage::Timer& timer, const PermalinkTimerPayload& payload,
                                PermalinkInbox& inbox) {
    using Kind = PermalinkOutcome::Kind;
    const auto c = u.Escalation().Cases().Get(payload.case_id);
    if (!c) return {};
    if (auto link = inbox.Take(payload.case_id)) {
        Deliver(u, ctx, *c, *link);
        return {};
    }
    auto root = u.MessageRefs().Get(RootKey(payload.case_id));
    if (!root) {
        Again(u, timer, payload, ctx.now + kPermalinkPoll, 0);  // the root is not posted yet
        return {Kind::kWaiting, {}};
    }
    if (payload.asked_at != 0 && ctx.now - FromUnix(payload.asked_at) < kPermalinkAnswerWait) {
        Again(u, timer, payload, ctx.now + kPermalinkPoll, payload.asked_at);  // awaiting Slack
        return {Kind::kWaiting, {}};
    }
    return {Kind::kAsk, std::move(*root)};
}

void AfterPermalinkAsked(storage::UnitOfWork& u, const FlowContext& ctx,
                         const storage::Timer& timer, const PermalinkTimerPayload& payload,
                         PermalinkInbox& inbox) {
    const auto c = u.Escalation().Cases().Get(payload.case_id);
    if (!c) return;
    if (auto link = inbox.Take(payload.case_id)) {
        Deliver(u, ctx, *c, *link);
        return;
    }
    Again(u, timer, payload, ctx.now + kPermalinkPoll, ToUnix(ctx.now));
}

}  // namespace escbot::commands::escalation
