#include "commands/escalation/case_records.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/reminders.hpp"
#include "commands/escalation/timer_payloads.hpp"
#include "commands/escalation/views/case_contacts.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/escalation/views/case_summary_message.hpp"

namespace escbot::commands::escalation {

using storage::EscalationCase;

namespace {

std::string StatusText(EscalationCase::Status status) {
    switch (status) {
        case EscalationCase::Status::kLive: return "Live transfer in progress";
        case EscalationCase::Status::kOpen: return "Open";
        case EscalationCase::Status::kClaimed: return "Claimed";
        case EscalationCase::Status::kTransferred: return "Transferred live";
        case EscalationCase::Status::kResolved: return "Resolved";
    }
    return "Open";
}

void ScheduleCaseTimers(storage::UnitOfWork& u, const FlowContext& ctx,
                        const config::sop::Sop& sop, const EscalationCase& c) {
    if (c.follow_up_due) SchedulePromise(u, ctx, sop, c.id, *c.follow_up_due);
    u.Timers().Schedule({0, std::string(kPermalinkTimerKind), PermalinkTimerKey(c.id), ctx.now,
                         ToJson(PermalinkTimerPayload{c.id, 0, 0})});
}

}  // namespace

bool IsLiveOutcome(const config::sop::Sop& sop, const EscalationCase& c) {
    const config::sop::Outcome* outcome = sop.FindOutcome(c.outcome);
    return outcome != nullptr && outcome->kind == config::sop::Outcome::Kind::kLiveLadder;
}

flow::CaseSummary SummaryOf(const config::sop::Sop& sop, const EscalationCase& c) {
    flow::CaseMeta meta;
    meta.case_id = CaseDisplayId(c.id);
    meta.escalated_by = c.created_by;
    meta.escalated_at = c.created_at;
    meta.follow_up_due = c.follow_up_due;
    meta.overdue_since = c.overdue_since;
    meta.owner = c.owner;
    meta.status = StatusText(c.status);
    if (IsLiveOutcome(sop, c)) {
        meta.note =
            "The customer refused to wait and no one took the live transfer: they were "
            "sent to voicemail. Follow up on this case.";
    }
    meta.last_update_at = c.last_update_at;
    meta.resolved = c.status == EscalationCase::Status::kResolved;
    meta.resolved_by = c.resolved_by;
    meta.resolved_at = c.resolved_at;
    meta.resolution_note = c.resolution_note;
    return flow::MakeCaseSummary(sop, c.answers, meta);
}

flow::CaseSummary ChannelSummaryOf(const config::sop::Sop& sop, const EscalationCase& c,
                                   const config::Settings& settings) {
    flow::CaseSummary summary = SummaryOf(sop, c);
    if (!settings.privacy.mask_contact_details) return summary;
    return views::MaskedForChannel(std::move(summary));
}

nlohmann::json RootMessage(const config::sop::Sop& sop, const EscalationCase& c,
                           const config::Settings& settings) {
    return views::CaseSummaryMessage(ChannelSummaryOf(sop, c, settings),
                                     settings.business_calendar);
}

void EnqueueRootUpdate(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id) {
    const auto c = u.Escalation().Cases().Get(case_id);
    if (!c) return;
    const auto sop = SopOf(u, ctx, c->sop_version);
    if (!sop) return;
    u.Outbox().Enqueue(
        MessageUpdate(RootKey(c->id), RootMessage(*sop, *c, ctx.settings),
                      CaseLane(c->id)),
        ctx.now);
}

EscalationCase CreateCase(storage::UnitOfWork& u, const FlowContext& ctx,
                          const config::sop::Sop& sop, const storage::Draft& draft,
                          const flow::FlowResult& result, EscalationCase::Status status,
                          std::optional<TimePoint> follow_up_due) {
    EscalationCase c;
    c.sop_version = sop.version;
    c.status = status;
    c.outcome = result.outcome->id;
    c.homeowner_key = HomeownerKey(flow::AnswerText(result.answers, sop.fields.homeowner_name),
                                   flow::AnswerText(result.answers, sop.fields.property_address));
    c.answers = result.answers;
    c.created_by = draft.user_id;
    c.created_in_channel = draft.channel_id;
    c.created_at = ctx.now;
    c.follow_up_due = follow_up_due;
    c.id = u.Escalation().Cases().Create(c);
    Audit(u, ctx, draft.user_id, "escalation.submitted", DraftEntity(draft.id),
          {{"case", CaseEntity(c.id)}, {"outcome", c.outcome}});
    return c;
}

void PublishCase(storage::UnitOfWork& u, const FlowContext& ctx, const config::sop::Sop& sop,
                 const EscalationCase& c) {
    const std::string& channel = ctx.settings.channels.resolution_team;
    const flow::CaseSummary summary = SummaryOf(sop, c);
    const flow::CaseSummary shown = ChannelSummaryOf(sop, c, ctx.settings);

    // The root carries the case; if Slack refuses it for good, the agent is told (notify_user).
    u.Outbox().Enqueue(
        ChannelPost(channel, views::CaseSummaryMessage(shown, ctx.settings.business_calendar),
                    CaseLane(c.id), RootKey(c.id), c.created_by),
        ctx.now);
    // Answers past one message's text go on in the thread, in order (same lane as the root).
    for (nlohmann::json& reply :
         views::CaseSummaryAnswerReplies(shown, ctx.settings.business_calendar)) {
        u.Outbox().Enqueue(ThreadReply(RootKey(c.id), std::move(reply), CaseLane(c.id)),
                           ctx.now);
    }
    // The CRM text, in as many messages as it needs; one lane keeps them in order.
    for (nlohmann::json& message : views::AgentCaseCreatedMessages(
             summary.case_id, channel, c.follow_up_due,
             views::CaseSummaryPlainText(summary, ctx.settings.business_calendar),
             ctx.settings.business_calendar)) {
        u.Outbox().Enqueue(DirectMessage(c.created_by, std::move(message), AgentLane(c.id)),
                           ctx.now);
    }
    ScheduleCaseTimers(u, ctx, sop, c);
    Audit(u, ctx, c.created_by, "case.created", CaseEntity(c.id),
          {{"outcome", c.outcome},
           {"sop_version", c.sop_version},
           {"follow_up_due", c.follow_up_due ? ToUnix(*c.follow_up_due) : 0}});
    Count(ctx, "escbot_escalation_cases_created_total", "Escalation cases created, by outcome.",
          {{"outcome", IsLiveOutcome(sop, c) ? std::string("voicemail") : c.outcome}});
    logging::Get("escalation")
        ->info("case={} posted for follow-up by user={} channel={} outcome={}", c.id, c.created_by,
               channel, c.outcome);
}

}  // namespace escbot::commands::escalation
