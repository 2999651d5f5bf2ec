#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/escalation_service.hpp"
#include "commands/escalation/outbox_items.hpp"
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

/// A case the live ladder created (it became a follow-up case when no one took the call).
bool IsLiveOutcome(const config::sop::Sop& sop, const EscalationCase& c) {
    const config::sop::Outcome* outcome = sop.FindOutcome(c.outcome);
    return outcome != nullptr && outcome->kind == config::sop::Outcome::Kind::kLiveLadder;
}

}  // namespace

flow::CaseSummary EscalationService::SummaryOf(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                               const EscalationCase& c) {
    flow::CaseMeta meta;
    meta.case_id = CaseDisplayId(c.id);
    meta.escalated_by = c.created_by;
    meta.escalated_at = c.created_at;
    meta.follow_up_due = c.follow_up_due;
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
    (void)u;
    return flow::MakeCaseSummary(sop, c.answers, meta);
}

nlohmann::json EscalationService::RootMessage(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                              const EscalationCase& c) {
    return views::CaseSummaryMessage(SummaryOf(u, sop, c));
}

int EscalationService::FollowUpHours(const config::sop::Sop& sop) const {
    // The promise belongs to the procedure ("within 1 day", SOP 002): it comes from the SOP
    // version the case ran under, whose validator requires it on the follow_up outcome.
    for (const auto& outcome : sop.outcomes) {
        if (outcome.kind == config::sop::Outcome::Kind::kFollowUp && outcome.follow_up_hours > 0) {
            return outcome.follow_up_hours;
        }
    }
    return 24;
}

void EscalationService::PublishCase(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                    const EscalationCase& c, TimePoint now) {
    const auto settings = deps_.settings();
    const std::string channel = settings ? settings->channels.resolution_team : std::string();
    const flow::CaseSummary summary = SummaryOf(u, sop, c);

    // The root carries the case; if Slack refuses it for good, the agent is told (notify_user).
    u.Outbox().Enqueue(ChannelPost(channel, views::CaseSummaryMessage(summary), CaseLane(c.id),
                                   RootKey(c.id), c.created_by),
                       now);
    u.Outbox().Enqueue(
        DirectMessage(c.created_by,
                      views::AgentCaseCreatedMessage(summary.case_id, channel, c.follow_up_due,
                                                     views::CaseSummaryPlainText(summary)),
                      AgentLane(c.id)),
        now);
    if (c.follow_up_due) {
        u.Timers().Schedule({0,
                             std::string(kFollowUpTimerKind),
                             FollowUpTimerKey(c.id),
                             *c.follow_up_due,
                             {{"case_id", c.id}}});
    }
    u.Timers().Schedule({0,
                         std::string(kPermalinkTimerKind),
                         PermalinkTimerKey(c.id),
                         now,
                         {{"case_id", c.id}, {"tries", 0}}});
    Audit(u, c.created_by, "case.created", CaseEntity(c.id),
          {{"outcome", c.outcome},
           {"sop_version", c.sop_version},
           {"follow_up_due", c.follow_up_due ? ToUnix(*c.follow_up_due) : 0}});
    Count("escbot_escalation_cases_created_total", "Escalation cases created, by outcome.",
          {{"outcome", IsLiveOutcome(sop, c) ? std::string("voicemail") : c.outcome}});
    logging::Get("escalation")
        ->info("case={} posted for follow-up by user={} channel={} outcome={}", c.id, c.created_by,
               channel, c.outcome);
}

void EscalationService::EnqueuePermalinkMessage(storage::UnitOfWork& u, const EscalationCase& c,
                                                const std::string& permalink, TimePoint now) {
    u.Outbox().Enqueue(
        DirectMessage(c.created_by, views::AgentPermalinkMessage(CaseDisplayId(c.id), permalink),
                      AgentLane(c.id)),
        now);
}

}  // namespace escbot::commands::escalation
