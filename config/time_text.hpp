#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"
#include "config/rotation.hpp"

namespace escbot::config {

/// `t` in the rotation's zone as ISO-8601 with its offset: "2026-11-23T18:00:00-05:00".
std::string FormatIsoLocal(const Rotation& rotation, TimePoint t);

/// `t` as a wall-clock time in the rotation's zone: "6:00 PM EST".
std::string FormatClockTime(const Rotation& rotation, TimePoint t);

/// `t` as a day and a wall-clock time in the rotation's zone: "Tue Nov 24, 9:00 AM EST".
std::string FormatDayAndTime(const Rotation& rotation, TimePoint t);

/// Parses an ISO-8601 instant that says its offset: "2026-11-23T22:00:00-05:00",
/// "2026-11-24T03:00:00Z", "+05:30" or "+0530"; seconds may be left out ("2026-11-23T22:00Z").
/// nullopt for anything else (no offset, a fraction, an impossible date or time). Pure.
std::optional<TimePoint> ParseIsoInstant(std::string_view text);

}  // namespace escbot::config
