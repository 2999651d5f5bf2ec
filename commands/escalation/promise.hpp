#pragma once

#include <optional>
#include <string_view>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation {

// The follow-up promise of SOP §1 A ("an update within 24-48 business hours"), as the SOP
// version a case runs under states it, counted on the team's business calendar. Pure.

/// The promise of a SOP version: its follow_up outcome's due_soon, due and
/// update_restarts_promise. An outcome without `due` (not a follow-up SOP) promises 24 hours.
struct Promise {
    std::optional<config::Duration> due_soon;
    config::Duration due{24, config::Duration::Unit::Hours};
    bool update_restarts = false;
};
Promise PromiseOf(const config::sop::Sop& sop);

/// Where a case's promise stands; each stage is one firing of its case.follow_up timer.
enum class PromiseStage {
    kDueSoon,  // the promise runs out soon: remind the owner (or the leads)
    kDue,      // the promise ran out: the case is overdue, the leads are tagged
    kOverdue,  // still overdue: reminded each business morning
};
std::string_view StageName(PromiseStage stage);
std::optional<PromiseStage> ParseStage(std::string_view name);

/// The first reminder of a promise made at `from`: due_soon when it falls before `due`, else the
/// due time itself.
struct PromiseTimer {
    PromiseStage stage = PromiseStage::kDue;
    TimePoint at{};
};

/// When a promise made at `from` falls due.
TimePoint PromiseDue(const Promise& promise, const config::BusinessCalendar& calendar,
                     TimePoint from);
/// The first timer of a promise made at `from` that falls due at `due`.
PromiseTimer FirstPromiseTimer(const Promise& promise, const config::BusinessCalendar& calendar,
                               TimePoint from, TimePoint due);

}  // namespace escbot::commands::escalation
