#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bot/routing/inbound.hpp"

namespace escbot::commands::escalation {

// Transitional: the escalation handlers still take an Inbound wrapping their typed payload; these
// read its fields. Never throw.

/// The string at `key` of an object, "" when missing or not a string (Web API answers).
std::string StringAt(const nlohmann::json& object, const char* key);
/// The slash command's `text`.
std::string CommandText(const routing::Inbound& in);
/// The trigger that lets a handler open a modal ("" if none).
std::string TriggerId(const routing::Inbound& in);
/// When the request was received (for the trigger's deadline).
routing::SteadyTime ReceivedAt(const routing::Inbound& in);
/// view.private_metadata of a view_submission, view_closed or block_actions in a modal.
std::string PrivateMetadata(const routing::Inbound& in);
/// view.state.values as Slack's JSON shape (an empty object when there is no view).
nlohmann::json StateValues(const routing::Inbound& in);
/// view.id and view.hash.
std::string ViewId(const routing::Inbound& in);
std::string ViewHash(const routing::Inbound& in);
/// The block ids of the view the request came from.
std::vector<std::string> ViewBlockIds(const routing::Inbound& in);
/// The first action's `value` (a button's), "" when none.
std::string ActionValue(const routing::Inbound& in);

}  // namespace escbot::commands::escalation
