#pragma once

#include <string_view>
#include <vector>

#include "commands/escalation/flow/answers.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::flow {

/// What the caller knows that the answers do not (looked up before asking the engine).
struct Facts {
    /// An escalation case is already open for this homeowner (name + property address,
    /// normalised). Yields the "existing case" step (SOP 002 step 2).
    bool open_case_exists = false;
    /// The homeowner's open cases as choices (value: case id, label: its reference and state),
    /// for a question with options_from = "open_cases". Filled for the steps that show one.
    std::vector<config::sop::Option> open_cases;

    /// The value of a fact by its data name; false for an unknown name.
    bool Holds(std::string_view fact) const;
};

/// The options of a choice question: its own, or for options_from = "open_cases" the facts'.
const std::vector<config::sop::Option>& ChoiceOptions(const config::sop::Question& question,
                                                      const Facts& facts);

/// Evaluates an SOP condition against the answers and facts. For multi_choice answers "equals"
/// means "contains" and "any_of" means "contains one of". Pure.
bool Evaluate(const config::sop::Condition& condition, const Answers& answers, const Facts& facts);

}  // namespace escbot::commands::escalation::flow
