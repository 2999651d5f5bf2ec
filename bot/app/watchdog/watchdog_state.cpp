#include "bot/app/watchdog/watchdog_state.hpp"

#include <algorithm>

namespace escbot::app::watchdog {
namespace {

const storage::WatchdogProblem* FindOpen(const std::vector<storage::WatchdogProblem>& open,
                                         std::string_view check) {
    const auto it = std::find_if(open.begin(), open.end(), [&](const storage::WatchdogProblem& p) {
        return p.check == check;
    });
    return it == open.end() ? nullptr : &*it;
}

}  // namespace

Plan Decide(const std::vector<storage::WatchdogProblem>& open,
            const std::vector<CheckResult>& results, TimePoint now) {
    Plan plan;
    for (const CheckResult& result : results) {
        const storage::WatchdogProblem* problem = FindOpen(open, result.check);
        const bool is_event = result.check == kMessageFailed;
        switch (result.status) {
            case CheckResult::Status::kProblem:
                if (is_event || problem == nullptr) plan.opened.push_back(result);
                break;
            case CheckResult::Status::kOk:
                if (problem == nullptr) break;
                if (!is_event) {
                    plan.resolved.push_back(*problem);
                } else if (problem->opened_at + kFailureShownFor <= now) {
                    plan.forgotten.push_back(*problem);
                }
                break;
            case CheckResult::Status::kUnknown:
                break;
        }
    }
    return plan;
}

bool AdminHears(std::string_view check) { return check != kTokenRefused; }

}  // namespace escbot::app::watchdog
