#include "config/schedule.hpp"

#include <algorithm>
#include <string>

namespace escbot::config {
namespace {

struct Interval {
    TimePoint start;
    TimePoint end;

    bool Contains(TimePoint t) const { return start <= t && t < end; }
};

/// A window or time range that starts on `day`, as instants; an end at or before the start is on
/// the next day.
Interval OccurrenceOf(const Rotation& rotation, LocalDay day, MinuteOfDay start, MinuteOfDay end) {
    const LocalDay end_day = end <= start ? day + 1 : day;
    return {rotation.InstantOf(day, start), rotation.InstantOf(end_day, end)};
}

Interval OverrideOccurrence(const Rotation& rotation, const Override& item, LocalDay day) {
    if (item.hours) return OccurrenceOf(rotation, day, item.hours->start, item.hours->end);
    return {rotation.InstantOf(day, 0), rotation.InstantOf(day + 1, 0)};
}

bool IsGroup(const std::string& id) { return !id.empty() && id.front() == 'S'; }

std::vector<std::string>& ListFor(Duty& duty, const std::string& id) {
    return IsGroup(id) ? duty.groups : duty.users;
}

void AddId(Duty& duty, const std::string& id) {
    auto& list = ListFor(duty, id);
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}

void Merge(Duty& duty, const Duty& more) {
    for (const auto& id : more.users) AddId(duty, id);
    for (const auto& id : more.groups) AddId(duty, id);
}

bool RemoveId(Duty& duty, const std::string& id) {
    auto& list = ListFor(duty, id);
    const auto it = std::find(list.begin(), list.end(), id);
    if (it == list.end()) return false;
    list.erase(it);
    return true;
}

/// `with` takes `user`'s place, in the same position when both are of one kind.
void ReplaceId(Duty& duty, const Replacement& swap) {
    auto& list = ListFor(duty, swap.user);
    const auto it = std::find(list.begin(), list.end(), swap.user);
    if (it == list.end()) return;
    auto& target = ListFor(duty, swap.with);
    const bool present = std::find(target.begin(), target.end(), swap.with) != target.end();
    if (&list == &target && !present) {
        *it = swap.with;
        return;
    }
    list.erase(it);
    if (!present) target.push_back(swap.with);
}

void Apply(const Override& item, bool window_open, Duty& duty) {
    for (const auto& id : item.remove) RemoveId(duty, id);
    for (const auto& swap : item.replace) ReplaceId(duty, swap);
    // Without hours, an addition joins the open windows; with hours it is cover on its own.
    if (item.hours || window_open) {
        for (const auto& id : item.add) AddId(duty, id);
    }
}

/// Those of `from` missing in `other`, in `from`'s order.
Duty Minus(const Duty& from, const Duty& other) {
    Duty out;
    for (const auto& id : from.users) {
        if (std::find(other.users.begin(), other.users.end(), id) == other.users.end()) {
            out.users.push_back(id);
        }
    }
    for (const auto& id : from.groups) {
        if (std::find(other.groups.begin(), other.groups.end(), id) == other.groups.end()) {
            out.groups.push_back(id);
        }
    }
    return out;
}

/// Appends the edges after `t` of every window and override occurrence starting on `day`.
void AppendEdges(const Rotation& rotation, LocalDay day, TimePoint t,
                 std::vector<TimePoint>& edges) {
    const auto add = [&](const Interval& interval) {
        if (interval.start > t) edges.push_back(interval.start);
        if (interval.end > t) edges.push_back(interval.end);
    };
    for (const auto index : rotation.WindowsStartingOn(day)) {
        const Window& window = rotation.windows()[index];
        add(OccurrenceOf(rotation, day, window.start, window.end));
    }
    for (const auto index : rotation.OverridesOn(day)) {
        add(OverrideOccurrence(rotation, rotation.overrides()[index], day));
    }
}

}  // namespace

Duty OnDuty(const Rotation& rotation, TimePoint t) {
    const LocalDay today = rotation.LocalDayOf(t);
    Duty duty;
    bool window_open = false;
    // A window is shorter than a day, so only those starting today or yesterday can hold `t`.
    for (LocalDay day = today - 1; day <= today; ++day) {
        for (const auto index : rotation.WindowsStartingOn(day)) {
            const Window& window = rotation.windows()[index];
            if (OccurrenceOf(rotation, day, window.start, window.end).Contains(t)) {
                window_open = true;
                Merge(duty, window.duty);
            }
        }
    }

    std::vector<std::uint16_t> active;  // allocates only when an override is in force
    for (LocalDay day = today - 1; day <= today; ++day) {
        for (const auto index : rotation.OverridesOn(day)) {
            if (OverrideOccurrence(rotation, rotation.overrides()[index], day).Contains(t)) {
                active.push_back(index);
            }
        }
    }
    if (active.empty()) return duty;
    std::sort(active.begin(), active.end());  // configuration order, across yesterday and today
    active.erase(std::unique(active.begin(), active.end()), active.end());
    for (const auto index : active) Apply(rotation.overrides()[index], window_open, duty);
    return duty;
}

std::optional<DutyChange> NextChange(const Rotation& rotation, TimePoint t) {
    if (!rotation.CanBeOnDuty()) return std::nullopt;
    const Duty current = OnDuty(rotation, t);
    const LocalDay today = rotation.LocalDayOf(t);
    std::vector<TimePoint> edges;
    for (LocalDay day = today - 1; day <= today + kScheduleHorizonDays; ++day) {
        AppendEdges(rotation, day, t, edges);
        // Occurrences starting on later days have no edge before the next local midnight, so
        // every edge before it is final and can be tried in order.
        const TimePoint settled = rotation.InstantOf(day + 1, 0);
        std::sort(edges.begin(), edges.end());
        std::size_t k = 0;
        for (; k < edges.size() && edges[k] < settled; ++k) {
            if (k > 0 && edges[k] == edges[k - 1]) continue;
            Duty after = OnDuty(rotation, edges[k]);
            if (!SameMembers(after, current)) {
                DutyChange change{edges[k], Minus(after, current), Minus(current, after), {}};
                change.after = std::move(after);
                return change;
            }
        }
        edges.erase(edges.begin(), edges.begin() + static_cast<std::ptrdiff_t>(k));
    }
    return std::nullopt;
}

std::optional<TimePoint> NextWindowOpen(const Rotation& rotation, TimePoint t) {
    if (!OnDuty(rotation, t).empty()) return t;
    // From an empty set, the first change is someone coming on duty.
    const auto change = NextChange(rotation, t);
    if (!change) return std::nullopt;
    return change->at;
}

std::vector<DutyChange> HandOffs(const Rotation& rotation, TimePoint from, TimePoint to) {
    std::vector<DutyChange> changes;
    TimePoint cursor = from;
    while (cursor < to) {
        auto change = NextChange(rotation, cursor);
        if (!change || change->at >= to) break;
        cursor = change->at;
        changes.push_back(std::move(*change));
    }
    return changes;
}

}  // namespace escbot::config
