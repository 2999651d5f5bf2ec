#pragma once

#include "config/sop/sop.hpp"
#include "config/sop/sop_error.hpp"

// The validator's checks of the flow: steps, their questions, conditions and routes, and the
// graph the routes make.
namespace escbot::config::sop::checks {

/// Ids, texts, sections, notes, options, show_if conditions, block budget and routes of every
/// step and its questions.
void CheckSteps(const Sop& sop, SopErrors& errors);

/// Steps that no route reaches from the first step, and steps from which no outcome can be
/// reached (dead ends, cycles without exit).
void CheckGraph(const Sop& sop, SopErrors& errors);

}  // namespace escbot::config::sop::checks
