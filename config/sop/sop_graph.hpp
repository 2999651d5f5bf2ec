#pragma once

#include <string>

#include "config/sop/sop.hpp"

namespace escbot::config::sop {

/// The SOP as a Graphviz digraph (DOT text), so that a lead reviews a version by looking:
/// one box per step (title, id, question count, when it is shown), one node per outcome (shaped
/// by kind, with the promise of a follow-up), one edge per route labelled with its condition, and
/// the live ladder's tiers chained in order from each live outcome. Node ids are stable and
/// prefixed ("step:identify", "outcome:follow_up", "tier:tier2") so that tools can read it back.
std::string SopDot(const Sop& sop);

}  // namespace escbot::config::sop
