#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"

namespace escbot::slack {

/// Slack's answers that concern the bot token, not the message: invalid_auth, not_authed,
/// token_revoked, token_expired, account_inactive, missing_scope. Every message would fail alike
/// (a reinstall would lose every case post and ladder page in flight), so the outbox pauses
/// instead of failing them.
bool IsTokenWideError(std::string_view error);

/// A token pause that ended: what Slack said, from when to when (the injected clock's time),
/// and how many sends it refused meanwhile.
struct TokenPauseReport {
    std::string error;
    TimePoint since{};
    TimePoint until{};
    int refusals = 0;
};

/// The admin channel's note about an ended pause (mrkdwn; codes and times only).
std::string TokenPauseNotice(const TokenPauseReport& report);

/// The outbox's pause after a token-wide error: nothing is sent, except one item per probe
/// interval to learn whether Slack accepts the token again (a reinstall that adds a missing
/// scope keeps the token; a new token comes with a restart). Not thread-safe: the worker's own.
class TokenPause {
public:
    using SteadyTime = std::chrono::steady_clock::time_point;

    explicit TokenPause(std::chrono::milliseconds probe_interval) : interval_(probe_interval) {}

    bool Paused() const { return paused_; }
    const std::string& error() const { return error_; }
    /// When the next probe may leave.
    SteadyTime NextProbe() const { return next_probe_; }

    /// True when a probe may leave at `now` (and then not again for an interval).
    bool TakeProbe(SteadyTime now);
    /// A token-wide error: pauses, or stays paused until the next probe. True when this
    /// started the pause. `wall_now` (the injected clock) dates the pause for its report.
    bool OnTokenError(std::string error, SteadyTime now, TimePoint wall_now = {});
    /// Slack accepted a call: the pause ends. True when there was one.
    bool OnAccepted();
    /// The last pause that ended, ending at `until` (call it right after OnAccepted says so).
    TokenPauseReport LastReport(TimePoint until) const;

private:
    std::chrono::milliseconds interval_;
    bool paused_ = false;
    std::string error_;
    SteadyTime next_probe_{};
    TokenPauseReport report_;  // of the pause in progress, or the last one
};

}  // namespace escbot::slack
