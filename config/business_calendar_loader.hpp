#pragma once

// Internal to config/ (include only from .cpp files: it pulls in toml++).

#include "config/business_calendar.hpp"
#include "config/rotation_loader.hpp"
#include "config/toml_reader.hpp"

namespace escbot::config::detail {

/// Reads [business_calendar] (time_zone, days, start, end, holiday_calendar naming one of
/// `calendars`) into `out`; keys left out keep BusinessCalendarSpec's defaults. Problems go to
/// the reader's Problems with their line and dotted key; `out` is unchanged when any is found.
void ReadBusinessCalendar(TableReader& root, const HolidayCalendars& calendars,
                          BusinessCalendar& out);

}  // namespace escbot::config::detail
