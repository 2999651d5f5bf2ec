#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "bot/routing/inbound.hpp"

namespace escbot::commands::escalation {

// Reading the fields the flow needs from Slack payloads, defensively: a missing or mistyped
// field reads as empty. Never throws.

/// The string at `key` of an object, "" when missing or not a string.
std::string StringAt(const nlohmann::json& object, const char* key);
/// The slash command's `text`.
std::string CommandText(const routing::Inbound& in);
/// view.private_metadata of a view_submission, view_closed or block_actions in a modal.
std::string PrivateMetadata(const routing::Inbound& in);
/// view.state.values (an empty object when missing).
const nlohmann::json& StateValues(const routing::Inbound& in);
/// view.id and view.hash.
std::string ViewId(const routing::Inbound& in);
std::string ViewHash(const routing::Inbound& in);
/// The first action's `value` (a button's), "" when none.
std::string ActionValue(const routing::Inbound& in);

}  // namespace escbot::commands::escalation
