#include "config/business_calendar_loader.hpp"

#include <stdexcept>

namespace escbot::config::detail {
namespace {

constexpr std::string_view kDays =
    "expected mon, tue, wed, thu, fri, sat, sun, weekdays, weekend or daily";

bool ReadDays(TableReader& reader, DayMask& out) {
    const toml::node* node = reader.Get("days");
    if (node == nullptr) return true;
    const toml::array* list = node->as_array();
    if (list == nullptr || list->empty()) {
        reader.Problem("days", "expected a list of days such as [\"weekdays\"] or [\"mon\", \"tue\"]");
        return false;
    }
    DayMask days = 0;
    bool good = true;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto* text = (*list)[i].as_string();
        const DayMask day = text != nullptr ? ParseDay(text->get()) : DayMask{0};
        if (day == 0) {
            reader.Problem("days", "element " + std::to_string(i) + ": " + std::string(kDays));
            good = false;
        }
        days |= day;
    }
    if (good) out = days;
    return good;
}

bool ReadTime(TableReader& reader, std::string_view key, bool allow_24, MinuteOfDay& out) {
    const toml::node* node = reader.Get(key);
    if (node == nullptr) return true;
    const auto minute = ParseTime(*node, allow_24);
    if (!minute) {
        reader.Problem(key, allow_24 ? "expected a local time \"HH:MM\" between 00:00 and 24:00"
                                     : "expected a local time \"HH:MM\" between 00:00 and 23:59");
        return false;
    }
    out = *minute;
    return true;
}

}  // namespace

void ReadBusinessCalendar(TableReader& root, const HolidayCalendars& calendars,
                          BusinessCalendar& out) {
    const toml::table* table = root.Table("business_calendar");
    if (table == nullptr) return;
    TableReader reader(*table, "business_calendar", root.problems());
    BusinessCalendarSpec spec;
    bool good = true;

    if (const toml::node* zone = reader.Get("time_zone")) {
        const auto* name = zone->as_string();
        if (name == nullptr || !IsTimeZone(name->get())) {
            reader.Problem("time_zone", "expected an IANA time zone name such as America/New_York");
            good = false;
        } else {
            spec.time_zone = name->get();
        }
    }
    good = ReadDays(reader, spec.days) && good;
    const bool start_ok = ReadTime(reader, "start", false, spec.start);
    const bool end_ok = ReadTime(reader, "end", true, spec.end);
    good = good && start_ok && end_ok;
    if (start_ok && end_ok && spec.end <= spec.start) {
        reader.Problem("end", "must be after start (working hours end the same day)");
        good = false;
    }

    good = ReadHolidayCalendar(reader, calendars, spec.holidays) && good;
    reader.RejectUnknown();
    if (!good) return;

    try {
        out = BusinessCalendar(std::move(spec));
    } catch (const std::invalid_argument& e) {
        // The reader checks all of this first; kept so that no rule goes unreported.
        reader.problems().Add(reader.line(), reader.path(), e.what());
    }
}

}  // namespace escbot::config::detail
