#pragma once

#include <string>
#include <string_view>

#include "bot/app/watchdog/watchdog_checks.hpp"
#include "storage/watchdog_repository.hpp"

namespace escbot::app::watchdog {

/// "A live ladder stopped moving", ...: what a check watches, in words.
std::string CheckTitle(std::string_view check);

/// The admin channel's note that a problem was found (mrkdwn; ids, codes, counts only).
std::string ProblemNotice(const CheckResult& result);

/// The admin channel's note that a problem reported earlier has cleared.
std::string ResolvedNotice(const storage::WatchdogProblem& problem, TimePoint now);

}  // namespace escbot::app::watchdog
