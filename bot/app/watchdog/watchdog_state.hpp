#pragma once

#include <string_view>
#include <vector>

#include "bot/app/watchdog/watchdog_checks.hpp"
#include "storage/watchdog_repository.hpp"

namespace escbot::app::watchdog {

/// What one tick changes: problems to open (and report), problems that cleared (and are
/// reported as resolved), and problems forgotten without a word. Pure.
struct Plan {
    std::vector<CheckResult> opened;
    std::vector<storage::WatchdogProblem> resolved;
    std::vector<storage::WatchdogProblem> forgotten;
    bool empty() const { return opened.empty() && resolved.empty() && forgotten.empty(); }
};

/// message_failed is an event, not a state: every new batch of failures is reported (and the
/// check stays open, as /healthz and /metrics show, for this long after the last one); it is
/// then forgotten without a "resolved" note.
inline constexpr Seconds kFailureShownFor{3600};

/// The state machine. A condition check opens (reported once) when its result is kProblem and
/// no problem of it is open; it resolves (reported once) when its result is kOk while open;
/// kUnknown changes nothing. A restart reads the open problems back, so nothing is reported twice.
Plan Decide(const std::vector<storage::WatchdogProblem>& open,
            const std::vector<CheckResult>& results, TimePoint now);

/// Whether the admin channel hears of a check's problems. Not token_refused: while Slack refuses
/// the token nothing reaches Slack, and the outbox's own token-pause notice tells the admin
/// channel once it works again.
bool AdminHears(std::string_view check);

}  // namespace escbot::app::watchdog
