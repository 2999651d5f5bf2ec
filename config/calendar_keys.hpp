#pragma once

// Internal to config/ (include only from .cpp files: it pulls in toml++).
// The keys that [business_calendar] and each [rotations.NAME] read alike.

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/toml_reader.hpp"

namespace escbot::config::detail {

/// [holiday_calendars.NAME] tables: each name's dates.
using HolidayCalendars =
    std::map<std::string, std::vector<std::chrono::year_month_day>, std::less<>>;

/// Whether `name` is an IANA time zone that date/tz knows ("America/New_York").
bool IsTimeZone(std::string_view name);

/// The `holiday_calendar` key of `reader`: the dates of the [holiday_calendars.NAME] it names,
/// into `out` (left alone when the key is absent). False, with a problem, when there is no such
/// calendar.
bool ReadHolidayCalendar(TableReader& reader, const HolidayCalendars& calendars,
                         std::vector<std::chrono::year_month_day>& out);

}  // namespace escbot::config::detail
