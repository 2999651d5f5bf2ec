#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bot/routing/payloads.hpp"
#include "commands/escalation/finish.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/views/step_modal.hpp"

namespace escbot::commands::escalation {

// The question steps of a draft (SOP §1-2): submitting a screen, keeping what a closed screen
// held, and redrawing a screen when an answer others depend on changed.

/// One question step as the agent is to see it (rendered by views::StepModal).
struct StepScreen {
    std::shared_ptr<const config::sop::Sop> sop;
    const config::sop::Step* step = nullptr;  // in *sop
    flow::Answers answers = flow::Answers::object();
    long long draft_id = 0;
    flow::Facts facts;
    /// The homeowner's open case, for a step with the existing-case panel.
    std::optional<views::ExistingCaseInfo> existing;
    /// Every screen after the first has Back (the draft's path is not empty).
    bool can_go_back = false;
};

/// `step` of draft `draft_id` with `answers`, looking up the open case its panel shows.
StepScreen ScreenOf(storage::UnitOfWork& u, std::shared_ptr<const config::sop::Sop> sop,
                    const config::sop::Step& step, flow::Answers answers, long long draft_id,
                    flow::Facts facts, bool can_go_back = false);

/// How a submitted step ended.
struct StepOutcome {
    enum class Kind {
        kGone,              // no such draft, or not the submitter's
        kAlreadySubmitted,  // the draft was submitted before
        kClosed,            // the draft was closed unfinished (expired, or abandoned)
        kSopGone,           // its SOP version or step no longer exists: abandoned
        kScreen,            // show `screen` (the next step, or the same one again)
        kInvalid,           // show `errors` by question id on the same screen
        kFinished,          // the flow ended: `finished`
    };
    Kind kind = Kind::kGone;
    std::optional<StepScreen> screen;
    flow::AnswerErrors errors;
    std::optional<Finished> finished;
};

/// A step submitted with `state`: saves the draft, then the next screen, the errors, or the
/// flow's ending (FinishFlow).
StepOutcome SubmitStep(storage::UnitOfWork& u, const FlowContext& ctx, long long draft_id,
                       const std::string& user, const std::string& view_id,
                       const routing::StateValues& state);

/// An open draft with what its agent typed on the screen merged in and saved.
struct KeptDraft {
    storage::Draft draft;
    std::shared_ptr<const config::sop::Sop> sop;
    const config::sop::Step* step = nullptr;  // in *sop
};

/// Keeps what `user` typed on their draft's current screen (a closed modal, a changed answer);
/// nullopt, changing nothing, when the draft is not theirs, not open, or its SOP version or step
/// is gone.
std::optional<KeptDraft> KeepTyped(storage::UnitOfWork& u, const FlowContext& ctx,
                                   long long draft_id, const std::string& user,
                                   const routing::StateValues& state);

/// Back from the step `shown` of the draft: keeps what is typed on it (`state`), then returns to
/// the previous step shown, its inputs pre-filled from the answers kept. nullopt, changing
/// nothing, when the draft is not `user`'s, not open, no longer on `shown` (a stale click), or
/// on its first screen.
std::optional<StepScreen> GoBack(storage::UnitOfWork& u, const FlowContext& ctx,
                                 long long draft_id, const std::string& user,
                                 std::string_view shown, const routing::StateValues& state);

/// KeepTyped, then the screen to redraw when the set of visible questions differs from the
/// question blocks `shown` (nullopt: nothing to redraw; inputs keep what was typed).
std::optional<StepScreen> RedrawStep(storage::UnitOfWork& u, const FlowContext& ctx,
                                     long long draft_id, const std::string& user,
                                     const routing::StateValues& state,
                                     const std::set<std::string>& shown);

}  // namespace escbot::commands::escalation
