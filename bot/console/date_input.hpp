#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace escbot::console {

/// A date as an agent types it in the console, read into Slack's date picker form (YYYY-MM-DD).
/// Accepts the common US forms: 04/15/2026, 4/15/2026, 2026-04-15, April 15, 2026 (also Apr 15
/// 2026, any letter case). The date must exist (no February 30); years 1900-2199. nullopt for
/// anything else. Pure.
std::optional<std::string> ParseUsDate(std::string_view text);

/// What the console says when ParseUsDate refuses a text.
inline constexpr std::string_view kDateFormsHint =
    "Please type a date such as 04/15/2026, 4/15/2026, 2026-04-15 or April 15, 2026 (- clears it).";

}  // namespace escbot::console
