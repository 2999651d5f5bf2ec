#pragma once

// Internal to config/ (include only from .cpp files: it pulls in toml++).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/rotation.hpp"
#include "config/toml_reader.hpp"

namespace escbot::config::detail {

/// [holiday_calendars.NAME] tables: each name's dates.
using HolidayCalendars =
    std::map<std::string, std::vector<std::chrono::year_month_day>, std::less<>>;

/// Reads [holiday_calendars.*] into `calendars` (also for [business_calendar]) and
/// [rotations.*] into `out`; problems go to the reader's Problems, each with its line and dotted
/// key. The TOML shape is documented in config/escalation-bot.example.toml.
void ReadRotations(TableReader& root, RotationSet& out, HolidayCalendars& calendars);

/// Whether `name` is an IANA time zone that date/tz knows ("America/New_York").
bool IsTimeZone(std::string_view name);

/// The `holiday_calendar` key of `reader`: the dates of the [holiday_calendars.NAME] it names,
/// into `out` (left alone when the key is absent). False, with a problem, when there is no such
/// calendar.
bool ReadHolidayCalendar(TableReader& reader, const HolidayCalendars& calendars,
                         std::vector<std::chrono::year_month_day>& out);

/// "mon", "monday", "weekdays", "weekend(s)", "daily" -> days; 0 when unknown.
DayMask ParseDay(std::string_view text);

/// "HH:MM" or "H:MM" (or a TOML local time with zero seconds); "24:00" only when `allow_24`.
std::optional<MinuteOfDay> ParseTime(const toml::node& node, bool allow_24);

}  // namespace escbot::config::detail
