#include "bot/slack/token_pause.hpp"

#include <array>
#include <utility>

namespace escbot::slack {

bool IsTokenWideError(std::string_view error) {
    static constexpr std::array<std::string_view, 6> kTokenWide = {
        "invalid_auth",  "not_authed",       "token_revoked",
        "token_expired", "account_inactive", "missing_scope"};
    for (const std::string_view code : kTokenWide) {
        if (code == error) return true;
    }
    return false;
}

bool TokenPause::TakeProbe(SteadyTime now) {
    if (now < next_probe_) return false;
    next_probe_ = now + interval_;
    return true;
}

bool TokenPause::OnTokenError(std::string error, SteadyTime now, TimePoint wall_now) {
    const bool started = !paused_;
    if (started) report_ = {error, wall_now, {}, 0};
    ++report_.refusals;
    paused_ = true;
    error_ = std::move(error);
    next_probe_ = now + interval_;
    return started;
}

bool TokenPause::OnAccepted() {
    const bool ended = paused_;
    paused_ = false;
    error_.clear();
    return ended;
}

TokenPauseReport TokenPause::LastReport(TimePoint until) const {
    TokenPauseReport report = report_;
    report.until = until;
    return report;
}

std::string TokenPauseNotice(const TokenPauseReport& r) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(r.until - r.since).count();
    const std::string lasted =
        minutes < 1 ? std::string("less than a minute") : std::to_string(minutes) + " min";
    return ":warning: Slack refused the bot's token (`" + r.error + "`) from <!date^" +
           std::to_string(ToUnix(r.since)) + "^{date_short_pretty} {time_secs}|" +
           std::to_string(ToUnix(r.since)) + "> for " + lasted +
           ". Nothing was lost: messages waited in the outbox (" + std::to_string(r.refusals) +
           " tries refused) and are going out now, in order. If this happens again, check the "
           "app's installation and scopes.";
}

}  // namespace escbot::slack
