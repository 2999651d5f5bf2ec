#pragma once

#include <optional>
#include <vector>

#include "bot/core/clock.hpp"
#include "config/rotation.hpp"

namespace escbot::config {

/// How far ahead NextChange, NextWindowOpen and HandOffs look before giving up.
inline constexpr int kScheduleHorizonDays = 400;

/// A moment at which a rotation's on-duty set changes.
struct DutyChange {
    TimePoint at;
    Duty on;     // who comes on duty at `at`, in the order of `after`
    Duty off;    // who goes off duty at `at`
    Duty after;  // everyone on duty from `at`
};

/// Everyone on duty at `t`: the windows open at `t` (start inclusive, end exclusive), with the
/// holidays and overrides of Rotation applied. Pure and thread-safe; a few µs.
Duty OnDuty(const Rotation& rotation, TimePoint t);

/// The first instant after `t` at which the on-duty set differs from OnDuty(t), and what
/// changes. Window edges that hand over to the same people are not changes. nullopt when nothing
/// changes within kScheduleHorizonDays. Pure and thread-safe.
std::optional<DutyChange> NextChange(const Rotation& rotation, TimePoint t);

/// When someone is next on duty: `t` itself if someone is on duty at `t`, else the instant the
/// next window (or covering override) opens; nullopt if none opens within kScheduleHorizonDays.
/// A request made at Monday 22:00 ET on a 09:00-21:00 rotation is held until Tuesday 09:00 ET.
std::optional<TimePoint> NextWindowOpen(const Rotation& rotation, TimePoint t);

/// Every change after `from` and before `to`, in order (a week's hand-off listing).
std::vector<DutyChange> HandOffs(const Rotation& rotation, TimePoint from, TimePoint to);

}  // namespace escbot::config
