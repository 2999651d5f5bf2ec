#pragma once

#include <optional>

#include "bot/core/clock.hpp"
#include "config/rotation.hpp"

namespace escbot::commands::concert {

/// The instant at which `duration` of on-duty time (someone on duty in `rotation`) has passed
/// since `from`; time with nobody on duty does not count. A request posted at 20:55 on a rotation
/// whose window ends at 21:00 and reopens at 09:00 has been waiting 10 on-duty minutes at 09:05
/// the next day. The result always falls inside a window. nullopt when the rotation never has
/// anyone on duty again within the schedule's horizon. Pure and thread-safe.
std::optional<TimePoint> AfterOnDutyTime(const config::Rotation& rotation, TimePoint from,
                                         Seconds duration);

}  // namespace escbot::commands::concert
