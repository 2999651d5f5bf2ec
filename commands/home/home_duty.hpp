#pragma once

#include <optional>
#include <string>

#include "bot/core/clock.hpp"
#include "config/rotation.hpp"

namespace escbot::commands::home {

/// Who is on duty in one rotation now, until when, and who comes next. Pure.
struct DutyNowNext {
    std::string rotation;
    TimePoint at{};                    // the moment asked about
    config::Duty now;
    std::optional<TimePoint> until;    // when `now` changes (nullopt: not within the horizon)
    std::optional<TimePoint> next_at;  // when the next set comes on duty
    config::Duty next;                 // who is on duty from next_at (may be nobody)
};

/// `now` and the next change; when nobody is on duty, the next window's people.
DutyNowNext DutyOf(const config::Rotation& rotation, TimePoint now);

/// "*tier2*: <@U1> until 6:00 PM EST · next: <@U3> from Tue Dec 8, 9:00 AM EST". Escaped.
std::string DutyLine(const config::Rotation& rotation, const DutyNowNext& duty);

}  // namespace escbot::commands::home
