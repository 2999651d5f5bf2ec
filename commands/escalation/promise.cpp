#include "commands/escalation/promise.hpp"

namespace escbot::commands::escalation {

Promise PromiseOf(const config::sop::Sop& sop) {
    Promise promise;
    for (const auto& outcome : sop.outcomes) {
        if (outcome.kind != config::sop::Outcome::Kind::kFollowUp || !outcome.due) continue;
        promise.due = *outcome.due;
        promise.due_soon = outcome.due_soon;
        promise.update_restarts = outcome.update_restarts_promise;
        break;
    }
    return promise;
}

std::string_view StageName(PromiseStage stage) {
    switch (stage) {
        case PromiseStage::kDueSoon: return "due_soon";
        case PromiseStage::kDue: return "due";
        case PromiseStage::kOverdue: return "overdue";
    }
    return "due";
}

std::optional<PromiseStage> ParseStage(std::string_view name) {
    if (name == "due_soon") return PromiseStage::kDueSoon;
    if (name == "due") return PromiseStage::kDue;
    if (name == "overdue") return PromiseStage::kOverdue;
    return std::nullopt;
}

TimePoint PromiseDue(const Promise& promise, const config::BusinessCalendar& calendar,
                     TimePoint from) {
    return calendar.Add(from, promise.due);
}

PromiseTimer FirstPromiseTimer(const Promise& promise, const config::BusinessCalendar& calendar,
                               TimePoint from, TimePoint due) {
    if (promise.due_soon) {
        const TimePoint soon = calendar.Add(from, *promise.due_soon);
        if (soon < due) return {PromiseStage::kDueSoon, soon};
    }
    return {PromiseStage::kDue, due};
}

}  // namespace escbot::commands::escalation
