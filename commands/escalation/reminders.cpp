#include "commands/escalation/reminders.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_records.hpp"
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

/// The owner, else the leads (nobody claimed it yet).
std::string OwnerOrLeads(const config::Settings& settings, const storage::EscalationCase& c) {
    return c.owner.empty() ? LeadMentions(settings) : views::UserMention(c.owner);
}

/// The leads, and the owner when the leads do not list them already.
std::string LeadsAndOwner(const config::Settings& settings, const storage::EscalationCase& c) {
    std::string mentions = LeadMentions(settings);
    if (c.owner.empty()) return mentions;
    const std::string owner = views::UserMention(c.owner);
    if (mentions.find(owner) != std::string::npos) return mentions;
    return mentions.empty() ? owner : owner + " " + mentions;
}

void ScheduleStage(storage::UnitOfWork& u, long long case_id, PromiseStage stage, TimePoint at) {
    u.Timers().Schedule({0, std::string(kFollowUpTimerKind), FollowUpTimerKey(case_id), at,
                         ToJson(FollowUpTimerPayload{case_id, stage})});
}

void PostReminder(storage::UnitOfWork& u, const FlowContext& ctx, const storage::EscalationCase& c,
                  nlohmann::json reply, std::string_view action) {
    u.Outbox().Enqueue(ThreadReply(RootKey(c.id), std::move(reply), CaseLane(c.id)), ctx.now);
    u.Escalation().Updates().Add({0, c.id, "bot", "reminder", "", ctx.now});
    Audit(u, ctx, "bot", action, CaseEntity(c.id),
          {{"owner", c.owner}, {"follow_up_due", ToUnix(*c.follow_up_due)}});
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

std::string LeadMentions(const config::Settings& settings) {
    std::string mentions;
    for (const std::string& id : settings.groups.leads) {
        mentions += (mentions.empty() ? "" : " ") +
                    (IsGroupId(id) ? views::GroupMention(id) : views::UserMention(id));
    }
    return mentions;
}

void SchedulePromise(storage::UnitOfWork& u, const FlowContext& ctx, const config::sop::Sop& sop,
                     long long case_id, TimePoint due) {
    const PromiseTimer first =
        FirstPromiseTimer(PromiseOf(sop), ctx.settings.business_calendar, ctx.now, due);
    ScheduleStage(u, case_id, first.stage, first.at);
}

std::optional<TimePoint> AfterUpdateGiven(storage::UnitOfWork& u, const FlowContext& ctx,
                                          const storage::EscalationCase& c) {
    if (!c.IsOpen() || !c.follow_up_due) return std::nullopt;
    const auto sop = SopOf(u, ctx, c.sop_version);
    const Promise promise = sop ? PromiseOf(*sop) : Promise{};
    if (!promise.update_restarts) {
        // The promised update was given: no more reminders for it.
        u.Escalation().Cases().RestartPromise(c.id, *c.follow_up_due);
        u.Timers().Cancel(FollowUpTimerKey(c.id));
        return std::nullopt;
    }
    const TimePoint due = PromiseDue(promise, ctx.settings.business_calendar, ctx.now);
    u.Escalation().Cases().RestartPromise(c.id, due);
    const PromiseTimer first =
        FirstPromiseTimer(promise, ctx.settings.business_calendar, ctx.now, due);
    ScheduleStage(u, c.id, first.stage, first.at);
    logging::Get("escalation")->info("case={} update given; promise restarted", c.id);
    return due;
}

void RemindFollowUp(storage::UnitOfWork& u, const FlowContext& ctx,
                    const FollowUpTimerPayload& payload) {
    const auto c = u.Escalation().Cases().Get(payload.case_id);
    if (!c || !c->IsOpen() || !c->follow_up_due) return;
    const config::BusinessCalendar& calendar = ctx.settings.business_calendar;
    const TimePoint due = *c->follow_up_due;
    PromiseStage stage = payload.stage;
    if (stage == PromiseStage::kDueSoon && ctx.now >= due) stage = PromiseStage::kDue;
    if (stage == PromiseStage::kDue && ctx.now < due) {
        ScheduleStage(u, c->id, PromiseStage::kDue, due);  // moved meanwhile: wait for it
        return;
    }
    if (stage == PromiseStage::kDue && u.Escalation().Cases().MarkOverdue(c->id, ctx.now)) {
        // The root says "Overdue" from the due time on, even at night (an edit, not a post).
        EnqueueRootUpdate(u, ctx, c->id);
        Count(ctx, "escbot_escalation_follow_up_overdue_total",
              "Cases still open when their follow-up fell due.");
        logging::Get("escalation")->info("case={} follow-up due and still open: overdue", c->id);
    }
    if (!calendar.IsWorkingTime(ctx.now)) {
        ScheduleStage(u, c->id, stage, calendar.NextWorkingInstant(ctx.now));
        return;
    }
    switch (stage) {
        case PromiseStage::kDueSoon:
            PostReminder(u, ctx, *c, views::DueSoonReply(OwnerOrLeads(ctx.settings, *c), due,
                                                         ctx.settings.business_calendar),
                         "case.follow_up_due_soon");
            ScheduleStage(u, c->id, PromiseStage::kDue, due);
            break;
        case PromiseStage::kDue:
            PostReminder(u, ctx, *c, views::OverdueReply(LeadsAndOwner(ctx.settings, *c), due,
                                                         ctx.settings.business_calendar),
                         "case.follow_up_overdue");
            ScheduleStage(u, c->id, PromiseStage::kOverdue, calendar.NextOpeningAfter(ctx.now));
            break;
        case PromiseStage::kOverdue:
            PostReminder(u, ctx, *c, views::StillOverdueReply(OwnerOrLeads(ctx.settings, *c), due,
                                                         ctx.settings.business_calendar),
                         "case.follow_up_still_overdue");
            ScheduleStage(u, c->id, PromiseStage::kOverdue, calendar.NextOpeningAfter(ctx.now));
            break;
    }
    logging::Get("escalation")
        ->info("case={} follow-up reminder ({}) posted", c->id, StageName(stage));
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
