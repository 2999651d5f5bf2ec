#include <set>

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/escalation_service.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/payload.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/ids.hpp"
#include "commands/escalation/views/result_modals.hpp"
#include "commands/escalation/views/state_values.hpp"

namespace escbot::commands::escalation {

using config::sop::Outcome;
using routing::Ack;
using routing::Inbound;

namespace {

constexpr const char* kOutcomesMetric = "escbot_escalation_outcomes_total";
constexpr const char* kOutcomesHelp = "Escalation flows ended, by outcome kind.";

Ack Notice(std::string_view text) {
    return Ack::UpdateView(views::NoticeModal("Escalate", text));
}

std::string_view OutcomeKindName(Outcome::Kind kind) {
    switch (kind) {
        case Outcome::Kind::kNotQualified: return "not_qualified";
        case Outcome::Kind::kExistingCase: return "existing_case";
        case Outcome::Kind::kFollowUp: return "follow_up";
        case Outcome::Kind::kLiveLadder: return "live_ladder";
    }
    return "unknown";
}

/// Only the answers to questions of `step` (a closed view may hold nothing else).
flow::Answers OfStep(const config::sop::Sop& sop, const config::sop::Step& step,
                     const flow::Answers& answers) {
    flow::Answers out = flow::Answers::object();
    for (const auto& [key, value] : answers.items()) {
        if (sop.StepOfQuestion(key) == &step) out[key] = value;
    }
    return out;
}

/// The question input blocks of the view the action came from ("q_..." block ids).
std::set<std::string> QuestionBlocksShown(const Inbound& in) {
    std::set<std::string> shown;
    for (const std::string& id : ViewBlockIds(in)) {
        if (!views::ids::QuestionIdOfBlock(id).empty()) shown.insert(id);
    }
    return shown;
}

}  // namespace

Ack EscalationService::OnStepSubmitted(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto draft_id = ParseDraftMetadata(PrivateMetadata(in));
    if (!draft_id) return Notice("This form is no longer available. Run /escalate again.");
    const TimePoint now = deps_.clock.Now();
    const std::string view_id = ViewId(in);

    Ack ack = Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        auto draft = u.Drafts().Get(*draft_id);
        if (!draft || draft->user_id != user) {
            ack = Notice("This form is no longer available. Run /escalate again.");
            return;
        }
        if (draft->status != storage::Draft::Status::kOpen) {
            ack = Notice("This escalation was already submitted. Run /escalate to start another.");
            return;
        }
        const auto sop = SopOf(u, draft->sop_version);
        if (!sop || !sop->FindStep(draft->step)) {
            draft->status = storage::Draft::Status::kAbandoned;
            u.Drafts().Save(*draft);
            ack = Notice(
                "The procedure version this form was started under is no longer "
                "available. Run /escalate to start again.");
            return;
        }
        const flow::Answers submitted = views::ParseStateValues(*sop, StateValues(in));
        const flow::Facts facts =
            FactsFor(u, *sop, draft->step, flow::MergeAnswers(draft->answers, submitted));
        flow::FlowResult result = flow::Submit(*sop, draft->step, draft->answers, submitted, facts);

        draft->view_id = view_id;
        draft->updated_at = now;
        switch (result.kind) {
            case flow::FlowResult::Kind::kStale: {
                const config::sop::Step& step = *sop->FindStep(draft->step);
                ack = Ack::UpdateView(StepView(u, *sop, step, draft->answers, draft->id, facts));
                return;
            }
            case flow::FlowResult::Kind::kInvalid:
                draft->answers = result.answers;
                u.Drafts().Save(*draft);
                ack = Ack::Errors(views::ErrorsByBlockId(result.errors));
                return;
            case flow::FlowResult::Kind::kScreen:
                draft->step = result.step->id;
                draft->answers = result.answers;
                u.Drafts().Save(*draft);
                ack = Ack::UpdateView(
                    StepView(u, *sop, *result.step, result.answers, draft->id, facts));
                return;
            case flow::FlowResult::Kind::kOutcome:
                draft->answers = result.answers;
                draft->status = storage::Draft::Status::kSubmitted;
                u.Drafts().Save(*draft);
                ack = FinishFlow(u, *sop, *draft, result, now);
                return;
        }
    });
    deps_.notify_outbox();
    deps_.scheduler.Notify();
    return ack;
}

std::optional<EscalationService::KeptDraft> EscalationService::KeepTyped(
    storage::UnitOfWork& u, long long draft_id, const std::string& user, const Inbound& in) {
    auto draft = u.Drafts().Get(draft_id);
    if (!draft || draft->user_id != user || draft->status != storage::Draft::Status::kOpen) {
        return std::nullopt;
    }
    auto sop = SopOf(u, draft->sop_version);
    const config::sop::Step* step = sop ? sop->FindStep(draft->step) : nullptr;
    if (step == nullptr) return std::nullopt;
    const flow::Answers typed = OfStep(*sop, *step, views::ParseStateValues(*sop, StateValues(in)));
    draft->answers = flow::MergeAnswers(draft->answers, typed);
    draft->updated_at = deps_.clock.Now();
    u.Drafts().Save(*draft);
    return KeptDraft{std::move(*draft), std::move(sop), step};
}

Ack EscalationService::OnStepClosed(const Inbound& in) {
    // Keeps what the agent typed on the closed screen, so /escalate can resume with it.
    const std::string user = routing::UserId(in);
    const auto draft_id = ParseDraftMetadata(PrivateMetadata(in));
    if (!draft_id) return Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) { KeepTyped(u, *draft_id, user, in); });
    logging::Get("escalation")
        ->info("draft={} closed by user={}; kept for resuming", *draft_id, user);
    return Ack::Empty();
}

Ack EscalationService::OnAnswerChanged(const Inbound& in) {
    // An answer other questions depend on changed: show or hide them now (views.update with the
    // view's hash, so a screen that moved on meanwhile is left alone).
    const std::string user = routing::UserId(in);
    const auto draft_id = ParseDraftMetadata(PrivateMetadata(in));
    const std::string view_id = ViewId(in);
    if (!draft_id || view_id.empty()) return Ack::Empty();
    const std::set<std::string> shown = QuestionBlocksShown(in);
    nlohmann::json view;
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        const auto kept = KeepTyped(u, *draft_id, user, in);
        if (!kept) return;
        const config::sop::Sop& sop = *kept->sop;
        const config::sop::Step& step = *kept->step;
        const flow::Answers& answers = kept->draft.answers;
        const flow::Facts facts = FactsFor(u, sop, step.id, answers);
        std::set<std::string> visible;
        for (const auto* question : flow::VisibleQuestions(sop, step, answers, facts)) {
            visible.insert(views::ids::QuestionBlockId(question->id));
        }
        // The same questions as on screen: nothing to redraw (inputs keep what was typed).
        if (!shown.empty() && shown == visible) return;
        view = StepView(u, sop, step, answers, kept->draft.id, facts);
    });
    if (view.is_null()) return Ack::Empty();
    nlohmann::json args = {{"view_id", view_id}, {"view", std::move(view)}};
    if (const std::string hash = ViewHash(in); !hash.empty()) args["hash"] = hash;
    CallViews(in, "views.update", std::move(args));
    return Ack::Empty();
}

Ack EscalationService::FinishFlow(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                  const storage::Draft& draft, const flow::FlowResult& result,
                                  TimePoint now) {
    const Outcome& outcome = *result.outcome;
    Count(kOutcomesMetric, kOutcomesHelp,
          {{"outcome", std::string(OutcomeKindName(outcome.kind))}});
    const std::string metadata = DraftMetadata(draft.id);
    switch (outcome.kind) {
        case Outcome::Kind::kNotQualified: {
            // Codes only: the answers that decided it, never the homeowner's data.
            Audit(
                u, draft.user_id, "escalation.not_qualified", DraftEntity(draft.id),
                {{"outcome", outcome.id},
                 {"step", draft.step},
                 {"sop_version", draft.sop_version},
                 {"asked_for_lead", flow::AnswerText(result.answers, sop.fields.asked_for_lead)},
                 {"qualifiers", flow::AnswerValues(result.answers, sop.fields.qualifiers).size()}});
            logging::Get("escalation")
                ->info("draft={} not qualified (outcome {})", draft.id, outcome.id);
            return Ack::UpdateView(views::NotQualifiedModal(sop, result, metadata));
        }
        case Outcome::Kind::kExistingCase: return AddToExistingCase(u, sop, draft, result, now);
        case Outcome::Kind::kFollowUp: {
            const storage::EscalationCase c =
                CreateCase(u, sop, draft, result, storage::EscalationCase::Status::kOpen,
                           now + std::chrono::hours(FollowUpHours(sop)), now);
            PublishCase(u, sop, c, now);
            views::ClosingInfo info{CaseDisplayId(c.id), c.follow_up_due};
            return Ack::UpdateView(views::ClosingModal(sop, outcome, info, metadata));
        }
        case Outcome::Kind::kLiveLadder: {
            const storage::EscalationCase c = CreateCase(
                u, sop, draft, result, storage::EscalationCase::Status::kLive, std::nullopt, now);
            // A follow-up case is counted when it is posted (PublishCase).
            Count("escbot_escalation_cases_created_total", "Escalation cases created, by outcome.",
                  {{"outcome", outcome.id}});
            const views::LiveTransferInfo info = StartLadder(u, sop, c.id, result, now);
            return Ack::UpdateView(views::LiveTransferModal(sop, outcome, info, metadata));
        }
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

storage::EscalationCase EscalationService::CreateCase(
    storage::UnitOfWork& u, const config::sop::Sop& sop, const storage::Draft& draft,
    const flow::FlowResult& result, storage::EscalationCase::Status status,
    std::optional<TimePoint> follow_up_due, TimePoint now) {
    const Outcome& outcome = *result.outcome;
    storage::EscalationCase c;
    c.sop_version = sop.version;
    c.status = status;
    c.outcome = outcome.id;
    c.homeowner_key = HomeownerKey(flow::AnswerText(result.answers, sop.fields.homeowner_name),
                                   flow::AnswerText(result.answers, sop.fields.property_address));
    c.answers = result.answers;
    c.created_by = draft.user_id;
    c.created_in_channel = draft.channel_id;
    c.created_at = now;
    c.follow_up_due = follow_up_due;
    c.id = u.Escalation().Cases().Create(c);
    Audit(u, draft.user_id, "escalation.submitted", DraftEntity(draft.id),
          {{"case", CaseEntity(c.id)}, {"outcome", outcome.id}});
    return c;
}

Ack EscalationService::AddToExistingCase(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                         const storage::Draft& draft,
                                         const flow::FlowResult& result, TimePoint now) {
    const auto existing = OpenCaseFor(u, sop, result.answers);
    if (!existing) {
        return Notice(
            "The existing case was closed meanwhile, so nothing was added. Run "
            "/escalate again to open a new case.");
    }
    const storage::EscalationCase& c = *existing;
    // What the agent tells the customer: the last update before this interaction.
    const views::ExistingCaseInfo info = ExistingInfo(u, c);

    views::InteractionAdded added;
    added.agent = draft.user_id;
    added.interaction_id = flow::AnswerText(result.answers, sop.fields.interaction_id);
    added.asked_for_lead = flow::AnswerText(result.answers, sop.fields.asked_for_lead) == "yes";
    if (const auto* origin = sop.FindQuestion(sop.fields.origin)) {
        added.origin = flow::DisplayAnswer(*origin, result.answers);
    }
    if (const auto* qualifiers = sop.FindQuestion(sop.fields.qualifiers)) {
        for (const std::string& value : flow::AnswerValues(result.answers, qualifiers->id)) {
            std::string label = value;
            for (const auto& option : qualifiers->options) {
                if (option.value == value) label = option.label;
            }
            added.qualifiers.push_back(label);
        }
    }
    storage::CaseUpdate update;
    update.case_id = c.id;
    update.author = draft.user_id;
    update.kind = "interaction";
    update.text = "Another interaction was added" +
                  (added.interaction_id.empty() ? std::string()
                                                : " (interaction " + added.interaction_id + ")") +
                  ".";
    update.at = now;
    u.Escalation().Updates().Add(update);
    u.Escalation().Cases().SetLastUpdate(c.id, now);

    const auto case_sop = SopOf(u, c.sop_version);
    u.Outbox().Enqueue(ThreadReply(RootKey(c.id), views::InteractionAddedReply(added),
                                   CaseLane(c.id), draft.user_id),
                       now);
    if (case_sop) {
        auto updated = u.Escalation().Cases().Get(c.id);
        u.Outbox().Enqueue(
            MessageUpdate(RootKey(c.id), RootMessage(u, *case_sop, *updated), CaseLane(c.id)), now);
    }
    Audit(u, draft.user_id, "case.interaction_added", CaseEntity(c.id),
          {{"draft", DraftEntity(draft.id)}, {"sop_version", draft.sop_version}});
    logging::Get("escalation")
        ->info("case={} interaction added by user={} (draft={})", c.id, draft.user_id, draft.id);
    return Ack::UpdateView(views::AddedToCaseModal(*result.outcome, info, DraftMetadata(draft.id)));
}

}  // namespace escbot::commands::escalation
