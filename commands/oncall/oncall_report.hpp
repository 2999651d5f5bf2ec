#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "bot/core/clock.hpp"
#include "config/schedule.hpp"
#include "config/settings.hpp"

namespace escbot::commands::oncall {

/// `escalation-bot oncall [--rotation NAME] [--at TIME] [--week]`.
struct OncallArgs {
    std::string rotation = "concert_confirmation";
    std::optional<std::string> at;  // ISO-8601 with an offset or Z; absent: the clock's now
    bool week = false;              // list the coming week's hand-offs instead
};

/// The exit code for a bad --at or an unknown rotation (escalation-bot's usage/config code).
inline constexpr int kOncallUsageError = 2;

/// Prints, for admins, who is on duty on a rotation at an instant: one id per line (users, then
/// groups), then `next: <ISO-8601 instant with offset> <what changes>`, e.g.
/// `next: 2026-11-23T18:00:00-05:00 off: U0CONCERT3 U0CONCERT4 U0CONCERT5` (`next: none` when
/// nothing changes within the schedule's horizon). With `week`, prints instead one line per
/// hand-off in the 7 days after the instant: `<instant> <what changes>`. Times are shown in the
/// rotation's zone. A bad --at or an unknown rotation gets a message on `err` and returns
/// kOncallUsageError; otherwise returns 0. Thread-safe.
int RunOncall(const config::Settings& settings, const OncallArgs& args, const Clock& clock,
              std::ostream& out, std::ostream& err);

/// "on: U1 U2 off: U3" (either part left out when empty), ids of users then groups.
std::string DescribeChange(const config::DutyChange& change);

}  // namespace escbot::commands::oncall
