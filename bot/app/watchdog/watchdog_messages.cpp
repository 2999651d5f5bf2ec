#include "bot/app/watchdog/watchdog_messages.hpp"

namespace escbot::app::watchdog {
namespace {

std::string SlackDate(TimePoint at) {
    const std::string unix = std::to_string(ToUnix(at));
    return "<!date^" + unix + "^{date_short_pretty} {time}|" + unix + ">";
}

}  // namespace

std::string CheckTitle(std::string_view check) {
    if (check == kLadderStuck) return "A live ladder stopped moving";
    if (check == kTimerLate) return "Timers are late";
    if (check == kOutboxStalled) return "The outbox stopped draining";
    if (check == kMessageFailed) return "Messages failed for good";
    if (check == kSocketDisconnected) return "Socket Mode is disconnected";
    if (check == kTokenRefused) return "Slack refuses the bot token";
    return "`" + std::string(check) + "`";
}

std::string ProblemNotice(const CheckResult& result) {
    return ":rotating_light: *Watchdog: " + CheckTitle(result.check) + "* (`" + result.check +
           "`)\n" + result.summary;
}

std::string ResolvedNotice(const storage::WatchdogProblem& problem, TimePoint now) {
    return ":white_check_mark: *Watchdog: resolved: " + CheckTitle(problem.check) + "* (`" +
           problem.check + "`), reported " + SlackDate(problem.opened_at) + ", fine again after " +
           AgeText(now - problem.opened_at) + ".";
}

}  // namespace escbot::app::watchdog
