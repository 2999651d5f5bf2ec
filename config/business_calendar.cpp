#include "config/business_calendar.hpp"

#include <algorithm>
#include <stdexcept>

#include <date/tz.h>

namespace escbot::config {
namespace {

LocalDay DayNumber(const std::chrono::year_month_day& ymd) {
    return static_cast<LocalDay>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

/// 1970-01-01 was a Thursday; bit 0 of a DayMask is Sunday.
DayMask DayBit(LocalDay day) {
    const int weekday = ((day % 7) + 7 + 4) % 7;
    return static_cast<DayMask>(1 << weekday);
}

}  // namespace

BusinessCalendar::BusinessCalendar(BusinessCalendarSpec spec) : spec_(std::move(spec)) {
    try {
        zone_ = date::locate_zone(spec_.time_zone);
    } catch (const std::exception&) {
        throw std::invalid_argument("business calendar: unknown time zone");
    }
    if (spec_.start < 0 || spec_.start >= 24 * 60) {
        throw std::invalid_argument("business calendar: start must be between 00:00 and 23:59");
    }
    if (spec_.end <= spec_.start || spec_.end > 24 * 60) {
        throw std::invalid_argument("business calendar: end must be after start, the same day");
    }
    if ((spec_.days & kEveryDay) == 0) {
        throw std::invalid_argument("business calendar: no working day");
    }
    for (const auto& ymd : spec_.holidays) {
        if (!ymd.ok()) throw std::invalid_argument("business calendar: a holiday is not a date");
        holiday_days_.push_back(DayNumber(ymd));
    }
    std::sort(holiday_days_.begin(), holiday_days_.end());
    holiday_days_.erase(std::unique(holiday_days_.begin(), holiday_days_.end()),
                        holiday_days_.end());
}

LocalDay BusinessCalendar::LocalDayOf(TimePoint t) const {
    const auto local = zone_->to_local(t);
    return static_cast<LocalDay>(date::floor<date::days>(local).time_since_epoch().count());
}

bool BusinessCalendar::IsWorkingDay(LocalDay day) const {
    if ((spec_.days & DayBit(day)) == 0) return false;
    return !std::binary_search(holiday_days_.begin(), holiday_days_.end(), day);
}

TimePoint BusinessCalendar::InstantOf(LocalDay day, Seconds since_midnight) const {
    const date::local_seconds local{date::days{day} + since_midnight};
    // The rotations' rule (config/rotation.hpp): a local time in the skipped hour is the instant
    // the clocks jump; one in the repeated hour is its first occurrence.
    return date::make_zoned(zone_, local, date::choose::earliest).get_sys_time();
}

TimePoint BusinessCalendar::OpeningOn(LocalDay day) const {
    return InstantOf(day, std::chrono::minutes{spec_.start});
}

TimePoint BusinessCalendar::ClosingOn(LocalDay day) const {
    return InstantOf(day, std::chrono::minutes{spec_.end});
}

LocalDay BusinessCalendar::NextWorkingDayAfter(LocalDay day) const {
    // Terminates: some weekday works (checked at construction) and holidays are finite.
    do {
        ++day;
    } while (!IsWorkingDay(day));
    return day;
}

bool BusinessCalendar::IsWorkingTime(TimePoint t) const {
    const LocalDay day = LocalDayOf(t);
    return IsWorkingDay(day) && OpeningOn(day) <= t && t < ClosingOn(day);
}

TimePoint BusinessCalendar::NextWorkingInstant(TimePoint t) const {
    const LocalDay day = LocalDayOf(t);
    if (IsWorkingDay(day)) {
        if (t < OpeningOn(day)) return OpeningOn(day);
        if (t < ClosingOn(day)) return t;
    }
    return OpeningOn(NextWorkingDayAfter(day));
}

TimePoint BusinessCalendar::NextOpeningAfter(TimePoint t) const {
    const LocalDay day = LocalDayOf(t);
    if (IsWorkingDay(day) && t < OpeningOn(day)) return OpeningOn(day);
    return OpeningOn(NextWorkingDayAfter(day));
}

TimePoint BusinessCalendar::AddBusinessHours(TimePoint from, long hours) const {
    Seconds remaining = std::chrono::hours{hours};
    TimePoint t = NextWorkingInstant(from);
    for (;;) {
        const TimePoint closing = ClosingOn(LocalDayOf(t));
        const Seconds left_today = closing - t;
        // `<=`: a count that ends exactly at a closing returns that closing.
        if (remaining <= left_today) return t + remaining;
        remaining -= left_today;
        t = NextWorkingInstant(closing);
    }
}

TimePoint BusinessCalendar::AddBusinessDays(TimePoint from, long days) const {
    const TimePoint start = NextWorkingInstant(from);
    const auto local = zone_->to_local(start);
    const auto midnight = date::floor<date::days>(local);
    LocalDay day = static_cast<LocalDay>(midnight.time_since_epoch().count());
    for (long i = 0; i < days; ++i) day = NextWorkingDayAfter(day);
    return InstantOf(day, local - midnight);
}

TimePoint BusinessCalendar::AddLocalDays(TimePoint from, long days) const {
    const auto local = zone_->to_local(from);
    const auto midnight = date::floor<date::days>(local);
    const LocalDay day = static_cast<LocalDay>(midnight.time_since_epoch().count());
    return InstantOf(static_cast<LocalDay>(day + days), local - midnight);
}

TimePoint BusinessCalendar::Add(TimePoint from, const Duration& d) const {
    using Unit = Duration::Unit;
    switch (d.unit) {
        case Unit::BusinessHours: return AddBusinessHours(from, d.count);
        case Unit::BusinessDays: return AddBusinessDays(from, d.count);
        case Unit::Weeks: return AddLocalDays(from, d.count * 7);
        case Unit::Days: return AddLocalDays(from, d.count);
        case Unit::Hours: return from + std::chrono::hours{d.count};
        case Unit::Minutes: return from + std::chrono::minutes{d.count};
        case Unit::Seconds: return from + Seconds{d.count};
    }
    throw std::invalid_argument("business calendar: unknown duration unit");
}

Seconds BusinessCalendar::WorkingTimeBetween(TimePoint from, TimePoint to) const {
    Seconds total{0};
    for (TimePoint t = NextWorkingInstant(from); t < to;) {
        const TimePoint closing = ClosingOn(LocalDayOf(t));
        total += std::min(closing, to) - t;
        t = NextWorkingInstant(closing);
    }
    return total;
}

}  // namespace escbot::config
