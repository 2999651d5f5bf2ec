#include "commands/escalation/flow/path.hpp"

namespace escbot::commands::escalation::flow {

std::vector<std::string> PathAfterMove(std::vector<std::string> path, std::string_view from,
                                       std::string_view to) {
    if (from != to && !from.empty()) path.emplace_back(from);
    return path;
}

std::optional<BackTarget> StepBack(const config::sop::Sop& sop, std::vector<std::string> path) {
    while (!path.empty()) {
        std::string step = std::move(path.back());
        path.pop_back();
        if (sop.FindStep(step) != nullptr) return BackTarget{std::move(step), std::move(path)};
    }
    return std::nullopt;
}

}  // namespace escbot::commands::escalation::flow
