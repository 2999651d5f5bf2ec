#include "config/calendar_keys.hpp"

#include <stdexcept>

#include <date/tz.h>

namespace escbot::config::detail {

bool IsTimeZone(std::string_view name) {
    try {
        date::locate_zone(name);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

bool ReadHolidayCalendar(TableReader& reader, const HolidayCalendars& calendars,
                         std::vector<std::chrono::year_month_day>& out) {
    std::string name;
    reader.String("holiday_calendar", name, nullptr,
                  "expected the name of a [holiday_calendars.NAME] table");
    if (name.empty()) return true;
    const auto it = calendars.find(name);
    if (it == calendars.end()) {
        reader.Problem("holiday_calendar", "no such calendar under [holiday_calendars]");
        return false;
    }
    out = it->second;
    return true;
}

}  // namespace escbot::config::detail
