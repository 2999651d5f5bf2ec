#include "commands/escalation/screens.hpp"

#include "commands/escalation/existing_case.hpp"
#include "commands/escalation/flow/path.hpp"
#include "commands/escalation/views/ids.hpp"
#include "commands/escalation/views/state_values.hpp"

namespace escbot::commands::escalation {

namespace {

using Kind = StepOutcome::Kind;

/// Only the answers to questions of `step` (a closed view may hold nothing else).
flow::Answers OfStep(const config::sop::Sop& sop, const config::sop::Step& step,
                     const flow::Answers& answers) {
    flow::Answers out = flow::Answers::object();
    for (const auto& [key, value] : answers.items()) {
        if (sop.StepOfQuestion(key) == &step) out[key] = value;
    }
    return out;
}

StepOutcome Outcome(Kind kind) {
    StepOutcome out;
    out.kind = kind;
    return out;
}

/// Applies the engine's verdict on a submitted screen to the draft (saved) and says what next.
StepOutcome Apply(storage::UnitOfWork& u, const FlowContext& ctx,
                  const std::shared_ptr<const config::sop::Sop>& sop, storage::Draft& draft,
                  flow::FlowResult result, const flow::Facts& facts) {
    StepOutcome out = Outcome(Kind::kScreen);
    switch (result.kind) {
        case flow::FlowResult::Kind::kStale:
            out.screen = ScreenOf(u, sop, *sop->FindStep(draft.step), draft.answers, draft.id,
                                  facts, !draft.path.empty());
            return out;
        case flow::FlowResult::Kind::kInvalid:
            draft.answers = result.answers;
            u.Drafts().Save(draft);
            out.kind = Kind::kInvalid;
            out.errors = std::move(result.errors);
            return out;
        case flow::FlowResult::Kind::kScreen:
            draft.path = flow::PathAfterMove(std::move(draft.path), draft.step, result.step->id);
            draft.step = result.step->id;
            draft.answers = result.answers;
            u.Drafts().Save(draft);
            out.screen = ScreenOf(u, sop, *result.step, result.answers, draft.id, facts,
                                  !draft.path.empty());
            return out;
        case flow::FlowResult::Kind::kOutcome:
            draft.answers = result.answers;
            draft.status = storage::Draft::Status::kSubmitted;
            u.Drafts().Save(draft);
            out.kind = Kind::kFinished;
            out.finished = FinishFlow(u, ctx, sop, draft, std::move(result));
            return out;
    }
    return out;  // not reached: -Werror=switch flags a new enumerator
}

}  // namespace

StepScreen ScreenOf(storage::UnitOfWork& u, std::shared_ptr<const config::sop::Sop> sop,
                    const config::sop::Step& step, flow::Answers answers, long long draft_id,
                    flow::Facts facts, bool can_go_back) {
    StepScreen screen{std::move(sop), &step,        std::move(answers), draft_id,
                      facts,          std::nullopt, can_go_back};
    if (step.panel == config::sop::Panel::kExistingCase) {
        if (const auto c = OpenCaseFor(u, *screen.sop, screen.answers)) {
            screen.existing = ExistingInfo(u, *c);
        }
    }
    return screen;
}

StepOutcome SubmitStep(storage::UnitOfWork& u, const FlowContext& ctx, long long draft_id,
                       const std::string& user, const std::string& view_id,
                       const routing::StateValues& state) {
    auto draft = u.Drafts().Get(draft_id);
    if (!draft || draft->user_id != user) return Outcome(Kind::kGone);
    if (draft->status == storage::Draft::Status::kAbandoned) return Outcome(Kind::kClosed);
    if (draft->status != storage::Draft::Status::kOpen) return Outcome(Kind::kAlreadySubmitted);
    const auto sop = SopOf(u, ctx, draft->sop_version);
    if (!sop || !sop->FindStep(draft->step)) {
        draft->status = storage::Draft::Status::kAbandoned;
        u.Drafts().Save(*draft);
        return Outcome(Kind::kSopGone);
    }
    const flow::Answers submitted = views::ParseStateValues(*sop, state);
    const flow::Facts facts =
        FactsFor(u, *sop, draft->step, flow::MergeAnswers(draft->answers, submitted));
    flow::FlowResult result = flow::Submit(*sop, draft->step, draft->answers, submitted, facts);
    draft->view_id = view_id;
    draft->updated_at = ctx.now;
    return Apply(u, ctx, sop, *draft, std::move(result), facts);
}

std::optional<KeptDraft> KeepTyped(storage::UnitOfWork& u, const FlowContext& ctx,
                                   long long draft_id, const std::string& user,
                                   const routing::StateValues& state) {
    auto draft = u.Drafts().Get(draft_id);
    if (!draft || draft->user_id != user || draft->status != storage::Draft::Status::kOpen) {
        return std::nullopt;
    }
    auto sop = SopOf(u, ctx, draft->sop_version);
    const config::sop::Step* step = sop ? sop->FindStep(draft->step) : nullptr;
    if (step == nullptr) return std::nullopt;
    const flow::Answers typed = OfStep(*sop, *step, views::ParseStateValues(*sop, state));
    draft->answers = flow::MergeAnswers(draft->answers, typed);
    draft->updated_at = ctx.now;
    u.Drafts().Save(*draft);
    return KeptDraft{std::move(*draft), std::move(sop), step};
}

std::optional<StepScreen> RedrawStep(storage::UnitOfWork& u, const FlowContext& ctx,
                                     long long draft_id, const std::string& user,
                                     const routing::StateValues& state,
                                     const std::set<std::string>& shown) {
    auto kept = KeepTyped(u, ctx, draft_id, user, state);
    if (!kept) return std::nullopt;
    const config::sop::Sop& sop = *kept->sop;
    const flow::Answers& answers = kept->draft.answers;
    const flow::Facts facts = FactsFor(u, sop, kept->step->id, answers);
    std::set<std::string> visible;
    for (const auto* question : flow::VisibleQuestions(sop, *kept->step, answers, facts)) {
        visible.insert(views::ids::QuestionBlockId(question->id));
    }
    // The same questions as on screen: nothing to redraw (inputs keep what was typed).
    if (!shown.empty() && shown == visible) return std::nullopt;
    return ScreenOf(u, kept->sop, *kept->step, answers, kept->draft.id, facts,
                    !kept->draft.path.empty());
}

std::optional<StepScreen> GoBack(storage::UnitOfWork& u, const FlowContext& ctx,
                                 long long draft_id, const std::string& user,
                                 std::string_view shown, const routing::StateValues& state) {
    {
        const auto draft = u.Drafts().Get(draft_id);
        if (!draft || draft->step != shown) return std::nullopt;  // a screen that moved on
    }
    auto kept = KeepTyped(u, ctx, draft_id, user, state);
    if (!kept) return std::nullopt;
    auto back = flow::StepBack(*kept->sop, kept->draft.path);
    if (!back) return std::nullopt;
    storage::Draft& draft = kept->draft;
    draft.step = std::move(back->step);
    draft.path = std::move(back->path);
    u.Drafts().Save(draft);
    const config::sop::Step& step = *kept->sop->FindStep(draft.step);
    const flow::Facts facts = FactsFor(u, *kept->sop, step.id, draft.answers);
    return ScreenOf(u, kept->sop, step, draft.answers, draft.id, facts, !draft.path.empty());
}

}  // namespace escbot::commands::escalation
