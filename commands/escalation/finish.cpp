#include "commands/escalation/finish.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_records.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/existing_case.hpp"
#include "commands/escalation/live_ladder.hpp"
#include "config/sop/sop_text.hpp"

namespace escbot::commands::escalation {

using config::sop::Outcome;
using config::sop::OutcomeKindName;

namespace {

void RecordNotQualified(storage::UnitOfWork& u, const FlowContext& ctx,
                        const config::sop::Sop& sop, const storage::Draft& draft,
                        const flow::FlowResult& result) {
    // Codes only: the answers that decided it, never the homeowner's data.
    Audit(u, ctx, draft.user_id, "escalation.not_qualified", DraftEntity(draft.id),
          {{"outcome", result.outcome->id},
           {"step", draft.step},
           {"sop_version", draft.sop_version},
           {"asked_for_lead", flow::AnswerText(result.answers, sop.fields.asked_for_lead)},
           {"qualifiers", flow::AnswerValues(result.answers, sop.fields.qualifiers).size()}});
    logging::Get("escalation")
        ->info("draft={} not qualified (outcome {})", draft.id, result.outcome->id);
}

views::ClosingInfo OpenFollowUpCase(storage::UnitOfWork& u, const FlowContext& ctx,
                                    const config::sop::Sop& sop, const storage::Draft& draft,
                                    const flow::FlowResult& result) {
    const storage::EscalationCase c =
        CreateCase(u, ctx, sop, draft, result, storage::EscalationCase::Status::kOpen,
                   FollowUpDue(sop, ctx));
    PublishCase(u, ctx, sop, c);
    return {CaseDisplayId(c.id), c.follow_up_due};
}

views::LiveTransferInfo OpenLiveCase(storage::UnitOfWork& u, const FlowContext& ctx,
                                     const config::sop::Sop& sop, const storage::Draft& draft,
                                     const flow::FlowResult& result) {
    const storage::EscalationCase c = CreateCase(
        u, ctx, sop, draft, result, storage::EscalationCase::Status::kLive, std::nullopt);
    // A follow-up case is counted when it is posted (PublishCase).
    Count(ctx, "escbot_escalation_cases_created_total", "Escalation cases created, by outcome.",
          {{"outcome", result.outcome->id}});
    return StartLadder(u, ctx, sop, c.id, result);
}

}  // namespace

Finished FinishFlow(storage::UnitOfWork& u, const FlowContext& ctx,
                    std::shared_ptr<const config::sop::Sop> sop, const storage::Draft& draft,
                    flow::FlowResult result) {
    Finished done;
    done.sop = std::move(sop);
    done.result = std::move(result);
    done.draft_id = draft.id;
    const config::sop::Sop& s = *done.sop;
    const Outcome::Kind kind = done.result.outcome->kind;
    Count(ctx, "escbot_escalation_outcomes_total", "Escalation flows ended, by outcome kind.",
          {{"outcome", std::string(OutcomeKindName(kind))}});
    switch (kind) {
        case Outcome::Kind::kNotQualified:
            RecordNotQualified(u, ctx, s, draft, done.result);
            done.kind = Finished::Kind::kNotQualified;
            break;
        case Outcome::Kind::kExistingCase:
            if (auto info = AddToExistingCase(u, ctx, s, draft, done.result)) {
                done.kind = Finished::Kind::kAddedToCase;
                done.existing = std::move(*info);
            } else {
                done.kind = Finished::Kind::kCaseGoneMeanwhile;
            }
            break;
        case Outcome::Kind::kFollowUp:
            done.kind = Finished::Kind::kFollowUpCase;
            done.closing = OpenFollowUpCase(u, ctx, s, draft, done.result);
            break;
        case Outcome::Kind::kLiveLadder:
            done.kind = Finished::Kind::kLiveTransfer;
            done.live = OpenLiveCase(u, ctx, s, draft, done.result);
            break;
    }
    return done;
}

}  // namespace escbot::commands::escalation
