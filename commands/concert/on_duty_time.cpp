#include "commands/concert/on_duty_time.hpp"

#include "config/schedule.hpp"

namespace escbot::commands::concert {
namespace {

/// Bounds the walk over windows: a week of a busy rotation has a few dozen edges.
constexpr int kMaxSteps = 10'000;

/// The end of the on-duty stretch that contains `t` (someone is on duty at `t`): the first change
/// after which nobody is on duty, or nullopt if there is none within the horizon. Stops early
/// once past `enough`.
std::optional<TimePoint> StretchEnd(const config::Rotation& rotation, TimePoint t,
                                    TimePoint enough) {
    TimePoint at = t;
    for (int step = 0; step < kMaxSteps; ++step) {
        const auto change = config::NextChange(rotation, at);
        if (!change) return std::nullopt;
        at = change->at;
        if (change->after.empty() || at > enough) return at;
    }
    return std::nullopt;
}

}  // namespace

std::optional<TimePoint> AfterOnDutyTime(const config::Rotation& rotation, TimePoint from,
                                         Seconds duration) {
    TimePoint t = from;
    Seconds remaining = duration;
    for (int step = 0; step < kMaxSteps; ++step) {
        const auto open = config::NextWindowOpen(rotation, t);
        if (!open) return std::nullopt;
        t = *open;
        const auto end = StretchEnd(rotation, t, t + remaining);
        // The deadline must fall inside the stretch: at its end nobody is on duty any more.
        if (!end || t + remaining < *end) return t + remaining;
        remaining -= *end - t;
        t = *end;
    }
    return std::nullopt;
}

}  // namespace escbot::commands::concert
