#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/flow/conditions.hpp"
#include "commands/escalation/flow/validation.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::flow {

/// What happens after an event. Pointers point into the Sop passed in: keep that Sop (its
/// shared_ptr) alive while using them; store `step->id` / `outcome->id`, not the pointers.
struct FlowResult {
    enum class Kind {
        kScreen,   // show `step` (a new one, or the same one when new questions were revealed)
        kOutcome,  // the flow ended in `outcome`
        kInvalid,  // the submission has errors: re-show `step` with `errors`
        kStale,    // the submission does not belong to `current_step`: ignore it
    };

    Kind kind = Kind::kStale;
    const config::sop::Step* step = nullptr;
    const config::sop::Outcome* outcome = nullptr;
    std::string reason;  // kOutcome: why (the route's reason), e.g. why it does not qualify
    /// kOutcome of kind live_ladder: the tier the ladder starts at (by who is escalating),
    /// before any "no one on duty" skipping (see ladder.hpp).
    const config::sop::LadderTier* ladder_entry = nullptr;
    /// The answers after this event (merged, answers to hidden questions removed): store them.
    Answers answers = Answers::object();
    AnswerErrors errors;  // kInvalid: by question id
    /// kScreen of the same step: the submission revealed questions the agent has not seen yet.
    bool revealed = false;
};

/// The first screen of a new flow (the SOP's first step, or the first one not skipped).
/// `prefill` may carry answers known up front. Pure; throws std::logic_error only when the data
/// loops through skipped steps forever (which the validator cannot rule out).
FlowResult Start(const config::sop::Sop& sop, const Answers& prefill, const Facts& facts);

/// A screen was submitted. `submitted` holds the values of the questions the screen showed,
/// keyed by question id (null for an empty input; see views::ParseStateValues). Merges them into
/// `so_far`, drops answers to questions now hidden, then: re-shows the step when a condition
/// revealed a question that was not on screen; returns kInvalid with errors when an answer is
/// missing or malformed; otherwise follows the step's routes (skipping steps whose show_if is
/// false) to the next screen or an outcome. kStale when `current_step` is unknown or
/// `submitted` names questions of another step. Pure; throws as Start.
FlowResult Submit(const config::sop::Sop& sop, std::string_view current_step,
                  const Answers& so_far, const Answers& submitted, const Facts& facts);

/// The step's questions that are shown given the answers (conditions), in order. Pure.
std::vector<const config::sop::Question*> VisibleQuestions(const config::sop::Sop& sop,
                                                           const config::sop::Step& step,
                                                           const Answers& answers,
                                                           const Facts& facts = {});

/// The facts Submit may read for this step (its conditions and those of the steps it can skip
/// into), so the caller looks up only what is needed (e.g. "open_case_exists" after qualify).
std::vector<std::string> FactsNeeded(const config::sop::Sop& sop, std::string_view step_id);

/// The ids of the step's questions that another question of the same step depends on: their
/// inputs should dispatch block_actions so the view can be re-rendered as the agent answers.
std::vector<std::string> ConditionSources(const config::sop::Step& step);

}  // namespace escbot::commands::escalation::flow
