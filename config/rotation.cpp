#include "config/rotation.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include <date/tz.h>

namespace escbot::config {
namespace {

// Long enough for any real holiday or leave; short enough that a typo in a year (2062 for 2026)
// cannot make the index enormous.
constexpr int kMaxRangeDays = 3660;

LocalDay DayNumber(const std::chrono::year_month_day& ymd) {
    return static_cast<LocalDay>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

std::vector<std::string> Sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

void CheckRange(const DateRange& range, const std::string& what) {
    if (!range.first.ok() || !range.last.ok()) {
        throw std::invalid_argument(what + ": not a valid date");
    }
    const LocalDay first = DayNumber(range.first);
    const LocalDay last = DayNumber(range.last);
    if (last < first) throw std::invalid_argument(what + ": the range ends before it starts");
    if (last - first >= kMaxRangeDays) {
        throw std::invalid_argument(what + ": the range is longer than ten years");
    }
}

void CheckHours(MinuteOfDay start, MinuteOfDay end, const std::string& what) {
    if (start < 0 || start >= 24 * 60) {
        throw std::invalid_argument(what + ": start must be between 00:00 and 23:59");
    }
    if (end <= 0 || end > 24 * 60) {
        throw std::invalid_argument(what + ": end must be between 00:01 and 24:00");
    }
    if (start == end) {
        throw std::invalid_argument(what + ": start and end are equal (use 00:00-24:00 for a day)");
    }
}

void CheckWindow(const Window& window, bool weekly, const std::string& what) {
    CheckHours(window.start, window.end, what);
    if (weekly && (window.days & kEveryDay) == 0) throw std::invalid_argument(what + ": no days");
    if (window.duty.empty()) throw std::invalid_argument(what + ": nobody is on duty in it");
}

template <class T>
std::uint16_t Index16(const std::vector<T>& items) {
    if (items.size() >= std::numeric_limits<std::uint16_t>::max()) {
        throw std::invalid_argument("too many windows or overrides in one rotation");
    }
    return static_cast<std::uint16_t>(items.size());
}

}  // namespace

bool SameMembers(const Duty& a, const Duty& b) {
    return a.users.size() == b.users.size() && a.groups.size() == b.groups.size() &&
           Sorted(a.users) == Sorted(b.users) && Sorted(a.groups) == Sorted(b.groups);
}

Rotation::Rotation(RotationSpec spec) : spec_(std::move(spec)) {
    const std::string& name = spec_.name;
    try {
        zone_ = date::locate_zone(spec_.time_zone);
    } catch (const std::exception&) {
        throw std::invalid_argument(name + ": unknown time zone");
    }

    for (std::size_t i = 0; i < spec_.windows.size(); ++i) {
        const Window& window = spec_.windows[i];
        CheckWindow(window, true, name + ": window " + std::to_string(i));
        const std::uint16_t index = Index16(windows_);
        windows_.push_back(window);
        for (unsigned weekday = 0; weekday < 7; ++weekday) {
            if (window.days & (1u << weekday)) weekly_[weekday].push_back(index);
        }
    }

    const auto add_holiday_day = [this](LocalDay day, std::uint32_t plan) {
        const auto at = std::lower_bound(holiday_days_.begin(), holiday_days_.end(), day);
        if (at != holiday_days_.end() && *at == day) return;  // the first entry for a date wins
        const auto offset = at - holiday_days_.begin();
        holiday_days_.insert(at, day);
        holiday_plan_of_.insert(holiday_plan_of_.begin() + offset, plan);
    };
    for (std::size_t h = 0; h < spec_.holidays.size(); ++h) {
        const Holiday& holiday = spec_.holidays[h];
        const std::string what = name + ": holiday " + std::to_string(h);
        CheckRange(holiday.dates, what);
        std::vector<std::uint16_t> plan;
        for (const Window& window : holiday.windows) {
            CheckWindow(window, false, what);
            plan.push_back(Index16(windows_));
            windows_.push_back(window);
        }
        const auto plan_index = static_cast<std::uint32_t>(holiday_plans_.size());
        holiday_plans_.push_back(std::move(plan));
        for (LocalDay d = DayNumber(holiday.dates.first); d <= DayNumber(holiday.dates.last); ++d) {
            add_holiday_day(d, plan_index);
        }
    }
    if (!spec_.closed_dates.empty()) {
        const auto closed_plan = static_cast<std::uint32_t>(holiday_plans_.size());
        holiday_plans_.emplace_back();
        for (const auto& date : spec_.closed_dates) {
            if (!date.ok()) throw std::invalid_argument(name + ": a closed date is not valid");
            add_holiday_day(DayNumber(date), closed_plan);
        }
    }

    Index16(spec_.overrides);
    std::vector<std::pair<LocalDay, std::uint16_t>> by_day;
    for (std::size_t o = 0; o < spec_.overrides.size(); ++o) {
        const Override& item = spec_.overrides[o];
        const std::string what = name + ": override " + std::to_string(o);
        CheckRange(item.dates, what);
        if (item.hours) CheckHours(item.hours->start, item.hours->end, what);
        if (item.add.empty() && item.remove.empty() && item.replace.empty()) {
            throw std::invalid_argument(what + ": it changes nothing");
        }
        for (LocalDay d = DayNumber(item.dates.first); d <= DayNumber(item.dates.last); ++d) {
            by_day.emplace_back(d, static_cast<std::uint16_t>(o));
        }
        if (!item.add.empty() && item.hours) can_be_on_duty_ = true;
    }
    std::stable_sort(by_day.begin(), by_day.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [day, index] : by_day) {
        override_days_.push_back(day);
        override_ids_.push_back(index);
    }
    if (!windows_.empty()) can_be_on_duty_ = true;
}

LocalDay Rotation::LocalDayOf(std::chrono::sys_seconds t) const {
    const auto local = zone_->to_local(t);
    return static_cast<LocalDay>(date::floor<date::days>(local).time_since_epoch().count());
}

std::chrono::sys_seconds Rotation::InstantOf(LocalDay day, MinuteOfDay minute) const {
    const date::local_seconds local{date::days{day} + std::chrono::minutes{minute}};
    // choose::earliest: an edge in the repeated hour takes its first occurrence, an edge in the
    // skipped hour takes the instant of the jump (the rule documented on Rotation).
    return date::make_zoned(zone_, local, date::choose::earliest).get_sys_time();
}

std::span<const std::uint16_t> Rotation::WindowsStartingOn(LocalDay day) const {
    const auto at = std::lower_bound(holiday_days_.begin(), holiday_days_.end(), day);
    if (at != holiday_days_.end() && *at == day) {
        return holiday_plans_[holiday_plan_of_[at - holiday_days_.begin()]];
    }
    // 1970-01-01 was a Thursday (weekday 4).
    const int weekday = ((day % 7) + 7 + 4) % 7;
    return weekly_[weekday];
}

std::span<const std::uint16_t> Rotation::OverridesOn(LocalDay day) const {
    const auto [first, last] = std::equal_range(override_days_.begin(), override_days_.end(), day);
    if (first == last) return {};
    return {override_ids_.data() + (first - override_days_.begin()),
            static_cast<std::size_t>(last - first)};
}

const Rotation* RotationSet::Find(std::string_view name) const {
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &it->second;
}

std::vector<std::string> RotationSet::Names() const {
    std::vector<std::string> names;
    names.reserve(by_name.size());
    for (const auto& [name, rotation] : by_name) names.push_back(name);
    return names;
}

}  // namespace escbot::config
