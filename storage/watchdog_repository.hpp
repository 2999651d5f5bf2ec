#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"

namespace escbot::storage {

/// A problem the watchdog found and reported to the admin channel, kept until it clears, so
/// that a restart does not report it again. `check` is a fixed code ("outbox_stalled", ...);
/// `summary` holds ids, codes and counts only, never personal data.
struct WatchdogProblem {
    std::string check;
    TimePoint opened_at{};
    std::string summary;
};

class WatchdogRepository {
public:
    virtual ~WatchdogRepository() = default;
    /// Every open problem, by check code.
    virtual std::vector<WatchdogProblem> OpenProblems() = 0;
    /// Records the problem as open, or replaces the open problem of the same check.
    virtual void Open(const WatchdogProblem& problem) = 0;
    /// Forgets the check's open problem (it cleared); a no-op when none is open.
    virtual void Clear(std::string_view check) = 0;
};

}  // namespace escbot::storage
