#include "bot/app/watchdog/watchdog_checks.hpp"

#include <algorithm>
#include <map>

#include "commands/escalation/case_refs.hpp"

namespace escbot::app::watchdog {
namespace {

constexpr std::size_t kNamed = 5;  // a summary names at most this many cases or codes

CheckResult Ok(std::string_view check) {
    return {std::string(check), CheckResult::Status::kOk, "", {}};
}

CheckResult Problem(std::string_view check, std::string summary) {
    return {std::string(check), CheckResult::Status::kProblem, std::move(summary), {}};
}

std::string Plural(long long n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

const std::vector<std::string_view>& AllChecks() {
    static const std::vector<std::string_view> kChecks = {kLadderStuck,        kTimerLate,
                                                          kOutboxStalled,      kMessageFailed,
                                                          kSocketDisconnected, kTokenRefused};
    return kChecks;
}

std::string AgeText(Seconds age) {
    const long long s = std::max<long long>(0, age.count());
    if (s < 60) return std::to_string(s) + " s";
    const long long minutes = s / 60;
    if (minutes < 60) return std::to_string(minutes) + " min";
    const long long rest = minutes % 60;
    return std::to_string(minutes / 60) + " h" + (rest ? " " + std::to_string(rest) + " min" : "");
}

CheckResult CheckLadders(const Snapshot& snap, const Limits& limits) {
    std::vector<const StuckLadder*> stuck;
    for (const auto& ladder : snap.paging_past_deadline) {
        if (ladder.deadline + limits.ladder_grace <= snap.now) stuck.push_back(&ladder);
    }
    if (stuck.empty()) return Ok(kLadderStuck);
    std::string text =
        Plural(static_cast<long long>(stuck.size()), "live ladder is", "live ladders are") +
        " still paging past the step's deadline: ";
    for (std::size_t i = 0; i < stuck.size() && i < kNamed; ++i) {
        const StuckLadder& l = *stuck[i];
        if (i > 0) text += ", ";
        text += commands::escalation::CaseDisplayId(l.case_id) + " (step " +
                std::to_string(l.step) + ", `" + l.tier_id + "`, " +
                AgeText(snap.now - l.deadline) + " late)";
    }
    if (stuck.size() > kNamed) text += " and " + std::to_string(stuck.size() - kNamed) + " more";
    return Problem(kLadderStuck, text + ".");
}

CheckResult CheckTimers(const Snapshot& snap, const Limits& limits) {
    std::vector<const LateTimer*> late;
    for (const auto& timer : snap.due_timers) {
        if (timer.due_at + limits.timer_max_late < snap.now) late.push_back(&timer);
    }
    if (late.empty()) return Ok(kTimerLate);
    std::map<std::string, long long> by_kind;
    TimePoint oldest = late.front()->due_at;
    for (const auto* timer : late) {
        ++by_kind[timer->kind];
        oldest = std::min(oldest, timer->due_at);
    }
    std::string kinds;
    for (const auto& [kind, count] : by_kind) {
        if (!kinds.empty()) kinds += ", ";
        kinds += "`" + kind + "` ×" + std::to_string(count);
    }
    return Problem(kTimerLate,
                   Plural(static_cast<long long>(late.size()), "timer has", "timers have") +
                       " not fired, the oldest due " + AgeText(snap.now - oldest) + " ago (" +
                       kinds + "): the scheduler may be stuck.");
}

CheckResult CheckOutbox(const Snapshot& snap, const Limits& limits) {
    if (!snap.oldest_pending || *snap.oldest_pending + limits.outbox_max_age > snap.now)
        return Ok(kOutboxStalled);
    return Problem(kOutboxStalled, Plural(snap.pending, "message is", "messages are") +
                                       " waiting to go to Slack, the oldest for " +
                                       AgeText(snap.now - *snap.oldest_pending) +
                                       ": the outbox is not draining.");
}

CheckResult CheckFailures(const Snapshot& snap) {
    CheckResult result = Ok(kMessageFailed);
    std::map<std::string, long long> by_code;
    long long reported = 0;
    for (const auto& failed : snap.unreported_failures) {
        result.failure_ids.push_back(failed.id);
        if (failed.to_admin) continue;
        ++reported;
        ++by_code["`" + failed.method + "` `" + failed.error + "`"];
    }
    if (reported == 0) return result;
    std::string codes;
    std::size_t named = 0;
    for (const auto& [code, count] : by_code) {
        if (named++ == kNamed) {
            codes += ", …";
            break;
        }
        if (!codes.empty()) codes += ", ";
        codes += code + (count > 1 ? " ×" + std::to_string(count) : "");
    }
    result.status = CheckResult::Status::kProblem;
    result.summary = Plural(reported, "message", "messages") + " failed for good (" + codes +
                     ") and will not be sent again.";
    return result;
}

CheckResult CheckSocketMode(const Snapshot& snap, const Limits& limits) {
    if (!snap.socket_connected || *snap.socket_connected) return Ok(kSocketDisconnected);
    const TimePoint since = snap.socket_down_since.value_or(snap.now);
    if (since + limits.socket_grace > snap.now)
        return {std::string(kSocketDisconnected), CheckResult::Status::kUnknown, "", {}};
    return Problem(kSocketDisconnected, "Socket Mode has had no connection to Slack for " +
                                            AgeText(snap.now - since) +
                                            ": slash commands and buttons do not reach the bot.");
}

CheckResult CheckToken(const Snapshot& snap) {
    if (!snap.token_refused) return Ok(kTokenRefused);
    return Problem(kTokenRefused,
                   "Slack refuses the bot's token: nothing is sent until it takes it again.");
}

std::vector<CheckResult> RunChecks(const Snapshot& snap, const Limits& limits) {
    return {CheckLadders(snap, limits), CheckTimers(snap, limits),     CheckOutbox(snap, limits),
            CheckFailures(snap),        CheckSocketMode(snap, limits), CheckToken(snap)};
}

}  // namespace escbot::app::watchdog
