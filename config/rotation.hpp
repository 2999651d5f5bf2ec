#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace date {
class time_zone;  // <date/tz.h>, kept out of this widely included header
}

namespace escbot::config {

/// Minutes after local midnight: 0 ("00:00") to 1440 ("24:00", allowed only as an end).
using MinuteOfDay = int;

/// A local calendar date in a rotation's zone, as days since 1970-01-01.
using LocalDay = std::int32_t;

/// Days of the week as a bit set; bit 0 is Sunday ... bit 6 is Saturday (C's tm_wday).
using DayMask = std::uint8_t;
inline constexpr DayMask kSunday = 1 << 0;
inline constexpr DayMask kMonday = 1 << 1;
inline constexpr DayMask kTuesday = 1 << 2;
inline constexpr DayMask kWednesday = 1 << 3;
inline constexpr DayMask kThursday = 1 << 4;
inline constexpr DayMask kFriday = 1 << 5;
inline constexpr DayMask kSaturday = 1 << 6;
inline constexpr DayMask kWeekdays = kMonday | kTuesday | kWednesday | kThursday | kFriday;
inline constexpr DayMask kWeekend = kSaturday | kSunday;
inline constexpr DayMask kEveryDay = kWeekdays | kWeekend;

/// The zone a rotation uses when its configuration names none (SOP §3: "Eastern").
inline constexpr std::string_view kDefaultTimeZone = "America/New_York";

/// Who is on duty: Slack user ids (U…/W…) and user group ids (S…), each in configuration order,
/// without duplicates.
struct Duty {
    std::vector<std::string> users;
    std::vector<std::string> groups;

    bool empty() const { return users.empty() && groups.empty(); }
};

/// True when both hold the same ids, whatever their order.
bool SameMembers(const Duty& a, const Duty& b);

/// One recurring on-duty window: from `start` (inclusive) to `end` (exclusive), local time in the
/// rotation's zone. An `end` at or before `start` ends on the next day: Fri 22:00-02:00 is
/// Friday's window and runs into Saturday. A window is shorter than 24 hours; 00:00-24:00 is a
/// whole day.
struct Window {
    DayMask days = 0;  // the days it starts on (ignored for a holiday's own windows)
    MinuteOfDay start = 0;
    MinuteOfDay end = 0;
    Duty duty;
};

/// Local dates from `first` to `last`, both included.
struct DateRange {
    std::chrono::year_month_day first;
    std::chrono::year_month_day last;
};

/// A date (or dates) whose regular windows do not apply. The holiday's own `windows` (none means
/// nobody is on duty) start on each of its dates instead. A regular window that started the day
/// before and runs past midnight into a holiday still runs to its end.
struct Holiday {
    DateRange dates;
    std::string name;
    std::vector<Window> windows;
};

/// Local hours on each date of an override; `end` at or before `start` ends on the next day.
struct TimeRange {
    MinuteOfDay start = 0;
    MinuteOfDay end = 0;
};

/// A swap: `user` (or group) is off duty and `with` is on duty in their place.
struct Replacement {
    std::string user;
    std::string with;
};

/// A dated change to who is on duty (PTO, swaps, extra cover), applied after windows and holidays,
/// in configuration order, at every instant of its dates (and `hours`, when given), each doing
/// its remove, then replace, then add:
///  - `remove`: these ids are off duty;
///  - `replace`: when `user` is on duty, `with` takes their place;
///  - `add`: with `hours`, these ids are on duty during those hours whether a window is open or
///    not (cover for a gap); without `hours`, they join whatever window is open on those dates.
struct Override {
    DateRange dates;
    std::optional<TimeRange> hours;
    std::vector<std::string> add;
    std::vector<std::string> remove;
    std::vector<Replacement> replace;
};

/// Everything that defines a rotation, as configured.
struct RotationSpec {
    std::string name;
    std::string time_zone = std::string(kDefaultTimeZone);  // IANA name
    std::vector<Window> windows;
    std::vector<Holiday> holidays;  // the first one that covers a date wins
    std::vector<std::chrono::year_month_day> closed_dates;  // from a holiday calendar: no window
    std::vector<Override> overrides;
};

/// A named on-call rotation, validated and indexed for fast look-ups (see config/schedule.hpp for
/// the questions it answers). Immutable after construction; safe to share between threads.
///
/// Time zones and daylight saving time: windows are local times in `time_zone`. A local edge that
/// does not exist (02:30 on 2026-03-08 in New York) takes effect at the instant the clocks jump
/// (which reads 03:00 EDT); a local edge that happens twice (01:30 on 2026-11-01) takes effect at
/// its first occurrence (01:30 EDT). Both edges of every window follow this one rule, so
/// back-to-back windows always meet without a gap or an overlap. Offsets come from the system's
/// tz database (/usr/share/zoneinfo), whose files list transitions up to 2037.
class Rotation {
public:
    /// Validates and indexes `spec`. Throws std::invalid_argument naming the problem: an unknown
    /// time zone, a window or time range outside 00:00-24:00 or of zero length, a weekly window
    /// with no days, a window with nobody, a date range that ends before it starts.
    explicit Rotation(RotationSpec spec);

    const std::string& name() const { return spec_.name; }
    const std::string& time_zone_name() const { return spec_.time_zone; }
    const date::time_zone& zone() const { return *zone_; }
    const RotationSpec& spec() const { return spec_; }

    /// The local date `t` falls on in this rotation's zone.
    LocalDay LocalDayOf(std::chrono::sys_seconds t) const;
    /// The instant a local date and time happen, by the gap/overlap rule above.
    std::chrono::sys_seconds InstantOf(LocalDay day, MinuteOfDay minute) const;

    /// The windows that start on `day`: the weekly ones for its weekday, or, on a holiday, the
    /// holiday's own (possibly none). Indexes into windows().
    std::span<const std::uint16_t> WindowsStartingOn(LocalDay day) const;
    /// The overrides whose dates include `day`, in configuration order. Indexes into overrides().
    std::span<const std::uint16_t> OverridesOn(LocalDay day) const;

    /// Weekly and holiday windows, flattened; read through WindowsStartingOn().
    const std::vector<Window>& windows() const { return windows_; }
    const std::vector<Override>& overrides() const { return spec_.overrides; }

    /// False when nobody can ever be on duty (no windows and no override adds anyone).
    bool CanBeOnDuty() const { return can_be_on_duty_; }

private:
    RotationSpec spec_;
    const date::time_zone* zone_ = nullptr;
    std::vector<Window> windows_;
    std::array<std::vector<std::uint16_t>, 7> weekly_;  // by weekday, Sunday first
    std::vector<std::vector<std::uint16_t>> holiday_plans_;  // each holiday's own windows
    std::vector<LocalDay> holiday_days_;                      // sorted, unique
    std::vector<std::uint32_t> holiday_plan_of_;              // parallel: index into plans
    std::vector<LocalDay> override_days_;                     // sorted; one entry per date
    std::vector<std::uint16_t> override_ids_;                 // parallel, configuration order
    bool can_be_on_duty_ = false;
};

/// All configured rotations, by name.
struct RotationSet {
    std::map<std::string, Rotation, std::less<>> by_name;

    /// The rotation called `name`, or nullptr.
    const Rotation* Find(std::string_view name) const;
    /// Every rotation's name, sorted.
    std::vector<std::string> Names() const;
};

}  // namespace escbot::config
