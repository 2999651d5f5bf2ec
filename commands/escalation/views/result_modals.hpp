#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "config/sop/sop.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

/// A modal that says "Loading…", opened at once with the trigger_id (which expires within
/// seconds) and replaced with views.update when the first screen is ready. Pure.
nlohmann::json LoadingModal(std::string_view private_metadata,
                            std::string_view title = "Escalation");

/// The result screen for any outcome: the outcome's title and advice, the reason (for
/// not_qualified: why it does not qualify), the first ladder tier for a live transfer, and the
/// outcome's script. No submit; close says "Done". `reason` is SOP text, escaped anyway. Pure.
nlohmann::json OutcomeModal(const config::sop::Sop& sop, const config::sop::Outcome& outcome,
                            std::string_view reason, std::string_view private_metadata,
                            const config::sop::LadderTier* ladder_entry = nullptr);

/// The not-qualified result: "Follow the appropriate SOP and stop", and why. Pure.
nlohmann::json NotQualifiedModal(const config::sop::Sop& sop, const flow::FlowResult& result,
                                 std::string_view private_metadata);

/// What the closing screen says about the case just created.
struct ClosingInfo {
    std::string case_id;
    std::optional<TimePoint> follow_up_due;
};

/// The closing screen after a follow-up case is created: the case id, the follow-up deadline,
/// the outcome's advice, and the closing script to read to the customer. Pure.
nlohmann::json ClosingModal(const config::sop::Sop& sop, const config::sop::Outcome& outcome,
                            const ClosingInfo& info, std::string_view private_metadata,
                            const config::BusinessCalendar& calendar);

}  // namespace escbot::commands::escalation::views
