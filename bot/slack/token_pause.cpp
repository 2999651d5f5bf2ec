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

bool TokenPause::OnTokenError(std::string error, SteadyTime now) {
    const bool started = !paused_;
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

}  // namespace escbot::slack
