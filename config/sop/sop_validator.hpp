#pragma once

#include <cstddef>

#include "config/sop/sop.hpp"
#include "config/sop/sop_error.hpp"

namespace escbot::config::sop {

/// Checks a parsed Sop for everything the TOML syntax cannot: duplicate and malformed ids,
/// dangling references (steps, questions, options, notes, sections, outcomes, tiers, facts),
/// unreachable steps, steps with no path to an outcome (dead ends, cycles without exit), and
/// Slack limits the data could break. Returns every error found; empty means valid. Expects
/// `sop.Reindex()` to have been called. Pure and thread-safe.
SopErrors ValidateSop(const Sop& sop);

/// The most blocks the step's modal can hold (the view layer renders: intro, existing-case panel
/// (2 blocks), one block per note, a header per section run when the step spans more than one
/// section, one input per question). The validator keeps it within Slack's 100 per view.
std::size_t ScreenBlockBudget(const Step& step);

}  // namespace escbot::config::sop
