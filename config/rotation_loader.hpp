#pragma once

// Internal to config/ (include only from .cpp files: it pulls in toml++).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/calendar_keys.hpp"
#include "config/rotation.hpp"
#include "config/toml_reader.hpp"

namespace escbot::config::detail {

/// Reads [holiday_calendars.*] into `calendars` (also for [business_calendar]) and
/// [rotations.*] into `out`; problems go to the reader's Problems, each with its line and dotted
/// key. The TOML shape is documented in config/escalation-bot.example.toml.
void ReadRotations(TableReader& root, RotationSet& out, HolidayCalendars& calendars);

/// "mon", "monday", "weekdays", "weekend(s)", "daily" -> days; 0 when unknown.
DayMask ParseDay(std::string_view text);

/// "HH:MM" or "H:MM" (or a TOML local time with zero seconds); "24:00" only when `allow_24`.
std::optional<MinuteOfDay> ParseTime(const toml::node& node, bool allow_24);

}  // namespace escbot::config::detail
