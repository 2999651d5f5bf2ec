#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/routing/payloads.hpp"

namespace escbot::commands::escalation::views {

// The modals a lead opens from a case thread besides Add update and Resolve (flow_modals.hpp).
// Pure; every view passes block_kit::CheckLimits.

/// "Reassign case": a users_select for the new owner (block/action case_new_owner) and an
/// optional note (block/action case_note); callback_id case_reassign_to. `current_owner` (U...)
/// is named in the intro.
nlohmann::json ReassignCaseModal(std::string_view case_id, std::string_view current_owner,
                                 std::string_view private_metadata);

/// The user picked in the Reassign modal; "" when none.
std::string ReassignTarget(const routing::StateValues& state);

}  // namespace escbot::commands::escalation::views
