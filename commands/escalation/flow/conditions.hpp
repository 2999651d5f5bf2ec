#pragma once

#include <string_view>

#include "commands/escalation/flow/answers.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::flow {

/// What the caller knows that the answers do not (looked up before asking the engine).
struct Facts {
    /// An escalation case is already open for this homeowner (name + property address,
    /// normalised). Yields the "existing case" step (SOP 002 step 2).
    bool open_case_exists = false;

    /// The value of a fact by its data name; false for an unknown name.
    bool Holds(std::string_view fact) const;
};

/// Evaluates an SOP condition against the answers and facts. For multi_choice answers "equals"
/// means "contains" and "any_of" means "contains one of". Pure.
bool Evaluate(const config::sop::Condition& condition, const Answers& answers, const Facts& facts);

}  // namespace escbot::commands::escalation::flow
