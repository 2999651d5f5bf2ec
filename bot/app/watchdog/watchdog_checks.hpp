#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"

namespace escbot::app::watchdog {

// The watchdog's checks (issue 18 item 7): pure functions over a snapshot of the database and
// of the process (Socket Mode, token), read once per tick. Each names a problem with a fixed
// code; summaries hold ids, codes, counts and ages only, never personal data.

inline constexpr std::string_view kLadderStuck = "ladder_stuck";
inline constexpr std::string_view kTimerLate = "timer_late";
inline constexpr std::string_view kOutboxStalled = "outbox_stalled";
inline constexpr std::string_view kMessageFailed = "message_failed";
inline constexpr std::string_view kSocketDisconnected = "socket_disconnected";
inline constexpr std::string_view kTokenRefused = "token_refused";

/// Every check's code, in the order /healthz and /metrics list them.
const std::vector<std::string_view>& AllChecks();

/// How late is too late (config [watchdog]).
struct Limits {
    Seconds ladder_grace{30};
    Seconds timer_max_late{60};
    Seconds outbox_max_age{300};
    Seconds socket_grace{60};
};

struct StuckLadder {
    long long case_id = 0;
    std::string tier_id;
    int step = 0;
    TimePoint deadline{};
};

struct LateTimer {
    std::string kind;
    TimePoint due_at{};
};

struct FailedMessage {
    long long id = 0;
    std::string method;
    std::string error;  // Slack's error code
    /// The admin channel's own notices: marked reported without a notice (one that cannot reach
    /// the admin channel would otherwise be reported there, fail again, and so on).
    bool to_admin = false;
};

/// What one tick reads. Candidates were read with the limits' cutoffs; the checks apply the
/// limits again, so that a snapshot built by hand (tests) is judged the same way.
struct Snapshot {
    TimePoint now{};
    std::vector<StuckLadder> paging_past_deadline;
    std::vector<LateTimer> due_timers;  // earliest first
    long long pending = 0;
    std::optional<TimePoint> oldest_pending;
    std::vector<FailedMessage> unreported_failures;
    /// nullopt in HTTP mode (no Socket Mode link to watch).
    std::optional<bool> socket_connected;
    /// Since when this process has seen the link down (set by the runner).
    std::optional<TimePoint> socket_down_since;
    bool token_refused = false;
};

/// One check's verdict for one tick.
struct CheckResult {
    enum class Status {
        kOk,       // nothing wrong: an open problem of this check has cleared
        kProblem,  // wrong now
        kUnknown,  // cannot tell yet (Socket Mode reconnecting within its grace): no change
    };
    std::string check;
    Status status = Status::kOk;
    std::string summary;  // mrkdwn, for kProblem
    /// message_failed: the failed items this result reports (marked reported with it).
    std::vector<long long> failure_ids;
};

/// Every check over `snapshot`, one result each, in AllChecks() order.
std::vector<CheckResult> RunChecks(const Snapshot& snapshot, const Limits& limits);

CheckResult CheckLadders(const Snapshot& snapshot, const Limits& limits);
CheckResult CheckTimers(const Snapshot& snapshot, const Limits& limits);
CheckResult CheckOutbox(const Snapshot& snapshot, const Limits& limits);
CheckResult CheckFailures(const Snapshot& snapshot);
CheckResult CheckSocketMode(const Snapshot& snapshot, const Limits& limits);
CheckResult CheckToken(const Snapshot& snapshot);

/// "45 s", "7 min", "3 h 5 min": an age in words.
std::string AgeText(Seconds age);

}  // namespace escbot::app::watchdog
