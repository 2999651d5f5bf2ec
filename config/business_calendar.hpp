#pragma once

#include <string>
#include <vector>
#include <chrono>

#include "bot/core/clock.hpp"
#include "config/duration.hpp"
#include "config/rotation.hpp"

namespace escbot::config {

/// [business_calendar] as configured: when the team works. Defaults: New York, weekdays,
/// 09:00-18:00, no holidays.
struct BusinessCalendarSpec {
    std::string time_zone = std::string(kDefaultTimeZone);
    DayMask days = kWeekdays;
    MinuteOfDay start = 9 * 60;   // opening, inclusive
    MinuteOfDay end = 18 * 60;    // closing, exclusive; after start, same day
    std::vector<std::chrono::year_month_day> holidays;  // from holiday_calendar, if named
};

/// Working time and durations counted in it, to the second, across weekends, holidays and DST.
/// Working time is [opening, closing) on working days that are not holidays, in the zone's wall
/// clock. Local times in a DST gap or overlap follow the rotations' rule (config/rotation.hpp).
/// Immutable; safe to share between threads.
class BusinessCalendar {
public:
    /// Throws std::invalid_argument naming the problem (unknown zone, end not after start, no
    /// working day).
    explicit BusinessCalendar(BusinessCalendarSpec spec);
    /// The spec's defaults: New York, weekdays, 09:00-18:00, no holidays.
    BusinessCalendar() : BusinessCalendar(BusinessCalendarSpec{}) {}

    const BusinessCalendarSpec& spec() const { return spec_; }
    const date::time_zone& zone() const { return *zone_; }

    /// True when `t` is inside working time.
    bool IsWorkingTime(TimePoint t) const;
    /// `t` itself when it is working time, else the next opening.
    TimePoint NextWorkingInstant(TimePoint t) const;
    /// The first opening strictly after the working day that contains or precedes `t` (the
    /// "next business morning").
    TimePoint NextOpeningAfter(TimePoint t) const;

    /// `from` plus `d`, by the rules of each unit:
    ///  - Nbh: the instant N hours of working time after `from` (a start outside working time
    ///    counts from the next opening; a count ending exactly at a closing returns that closing);
    ///  - Nbd: a start outside working time moves to the next opening; then the same local
    ///    wall-clock time N working days later;
    ///  - Nw, Nd: the same local wall-clock time N weeks / days later;
    ///  - h, m, s: elapsed time.
    TimePoint Add(TimePoint from, const Duration& d) const;

    /// Working seconds in [from, to) (0 when to <= from): business hours to claim, to resolve.
    Seconds WorkingTimeBetween(TimePoint from, TimePoint to) const;

    /// `t` as people read it in the calendar's zone: "Mon Dec 7, 2026 9:05 AM EST".
    std::string FormatForPeople(TimePoint t) const;
    /// `t` as ISO-8601 with the zone's offset: "2026-12-07T09:05:00-05:00".
    std::string FormatIso(TimePoint t) const;
    /// A time of day to the second in the calendar's zone: "9:05:30 AM EST".
    std::string FormatTimeOfDay(TimePoint t) const;
    /// The zone's abbreviation at `t`: "EST" or "EDT".
    std::string ZoneAbbreviation(TimePoint t) const;

    /// The local date `t` falls on in the calendar's zone, and the questions asked of a date.
    LocalDay LocalDayOf(TimePoint t) const;
    bool IsWorkingDay(LocalDay day) const;
    TimePoint OpeningOn(LocalDay day) const;
    TimePoint ClosingOn(LocalDay day) const;

private:
    BusinessCalendarSpec spec_;
    const date::time_zone* zone_ = nullptr;
    std::vector<LocalDay> holiday_days_;  // sorted, unique

    TimePoint InstantOf(LocalDay day, Seconds since_midnight) const;
    LocalDay NextWorkingDayAfter(LocalDay day) const;
    TimePoint AddBusinessHours(TimePoint from, long hours) const;
    TimePoint AddBusinessDays(TimePoint from, long days) const;
    TimePoint AddLocalDays(TimePoint from, long days) const;
};

}  // namespace escbot::config
