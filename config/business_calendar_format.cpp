#include "config/business_calendar.hpp"

#include <date/tz.h>

namespace escbot::config {
namespace {

/// "06" -> "6", for hours and days of the month as people write them.
std::string DropLeadingZero(std::string text) {
    if (text.size() > 1 && text[0] == '0') text.erase(0, 1);
    return text;
}

}  // namespace

std::string BusinessCalendar::FormatForPeople(TimePoint t) const {
    const auto zoned = date::make_zoned(zone_, t);
    return date::format("%a %b ", zoned) + DropLeadingZero(date::format("%d", zoned)) +
           date::format(", %Y ", zoned) + DropLeadingZero(date::format("%I:%M %p %Z", zoned));
}

std::string BusinessCalendar::FormatIso(TimePoint t) const {
    return date::format("%FT%T%Ez", date::make_zoned(zone_, t));
}

std::string BusinessCalendar::FormatTimeOfDay(TimePoint t) const {
    return DropLeadingZero(date::format("%I:%M:%S %p %Z", date::make_zoned(zone_, t)));
}

std::string BusinessCalendar::ZoneAbbreviation(TimePoint t) const {
    return date::format("%Z", date::make_zoned(zone_, t));
}

}  // namespace escbot::config
