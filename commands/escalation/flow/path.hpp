#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::flow {

// The path of a draft: the steps shown before the current one, oldest first. Submitting a screen
// that moves on adds the step left; Back returns to the last step of the path, whose answers the
// draft still holds (Back never drops answers: they are shown again, pre-filled).

/// The path after moving from step `from` to step `to`: `from` appended when the screen changes
/// (a screen shown again, with questions revealed, adds nothing). Pure.
std::vector<std::string> PathAfterMove(std::vector<std::string> path, std::string_view from,
                                       std::string_view to);

/// Where Back leads from a draft on `path`: the step to show and the path left before it.
struct BackTarget {
    std::string step;
    std::vector<std::string> path;
};

/// The last step of `path` that the SOP still has (steps it no longer knows are passed over);
/// nullopt when there is none: the first screen has no Back. Pure.
std::optional<BackTarget> StepBack(const config::sop::Sop& sop, std::vector<std::string> path);

}  // namespace escbot::commands::escalation::flow
