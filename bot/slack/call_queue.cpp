#include "bot/slack/call_queue.hpp"

#include <algorithm>
#include <exception>

#include <spdlog/logger.h>

#include "bot/core/logging.hpp"
#include "bot/slack/call_labels.hpp"

namespace escbot::slack {
namespace {

const std::string& PauseKey(const QueuedCall& call) {
    return call.pause_key.empty() ? call.method : call.pause_key;
}

using std::chrono::milliseconds;

constexpr std::string_view kCallsMetric = "escbot_slack_api_calls_total";
constexpr std::string_view kCallsHelp = "Slack Web API calls finished, by method and result.";

long long ToNanos(CallQueue::TimePoint t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// Calls that spend a trigger_id, which expires 3 s after the user's click.
bool IsTriggerMethod(std::string_view method) {
    return method == "views.open" || method == "views.push";
}

// The ids of an answer worth logging: a posted message's ts, an opened view's id.
nlohmann::json ResultIds(const nlohmann::json& body) {
    nlohmann::json ids = nlohmann::json::object();
    if (const auto ts = body.find("ts"); ts != body.end() && ts->is_string()) ids["ts"] = *ts;
    if (const auto view = body.find("view"); view != body.end() && view->is_object()) {
        if (const auto id = view->find("id"); id != view->end() && id->is_string()) {
            ids["view_id"] = *id;
        }
    }
    return ids;
}

}  // namespace

ApiResult TransportFailure(std::string error) {
    ApiResult result;
    result.kind = ApiResult::Kind::kTransport;
    result.error = std::move(error);
    return result;
}

CallQueue::CallQueue(CallQueueOptions options, metrics::Registry& registry)
    : options_(options), registry_(registry), log_(logging::Get("slack")) {
    std::random_device seed;
    rng_.seed(seed());
}

bool CallQueue::Accept(QueuedCallPtr call) {
    const char* refused = nullptr;
    bool wake = false;
    {
        std::lock_guard lock(accepted_mutex_);
        if (stop_requested_) {
            refused = "shutdown";
        } else if (pending_.load(std::memory_order_relaxed) >= options_.max_queued) {
            refused = "queue_full";
        } else {
            pending_.fetch_add(1, std::memory_order_relaxed);
            call->queued_at = Clock::now();
            if (oldest_waiting_ns_.load(std::memory_order_relaxed) == 0) {
                oldest_waiting_ns_.store(ToNanos(call->queued_at), std::memory_order_relaxed);
            }
            // The transport takes the whole batch at once: one wakeup per batch suffices.
            wake = accepted_.empty();
            accepted_.push_back(std::move(call));
        }
    }
    if (refused != nullptr) {
        // Never queued, so not pending: only counted, logged and answered, on this thread.
        Complete(*call, TransportFailure(refused));
        return false;
    }
    return wake;
}

void CallQueue::RequestStop() {
    std::lock_guard lock(accepted_mutex_);
    stop_requested_ = true;
}

bool CallQueue::Saturated() const {
    if (Pending() > options_.saturation_pending) return true;
    return OldestWait() > options_.saturation_age;
}

bool CallQueue::Backlogged() const { return OldestWait() > options_.backlog_age; }

std::chrono::nanoseconds CallQueue::OldestWait() const {
    const long long oldest = oldest_waiting_ns_.load(std::memory_order_relaxed);
    if (oldest == 0) return std::chrono::nanoseconds(0);
    return std::chrono::nanoseconds(ToNanos(Clock::now()) - oldest);
}

bool CallQueue::IsPaused(std::string_view method) const {
    std::lock_guard lock(paused_mutex_);
    const auto it = paused_until_.find(method);
    return it != paused_until_.end() && it->second > Clock::now();
}

bool CallQueue::TakeAccepted() {
    std::lock_guard lock(accepted_mutex_);
    for (auto& call : accepted_) ready_.push_back(std::move(call));
    accepted_.clear();
    return stop_requested_;
}

void CallQueue::ReleaseDue(TimePoint now) {
    // Retries are older than the calls queued meanwhile, so they go first.
    std::vector<QueuedCallPtr> due;
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
        due.push_back(std::move(delayed_.begin()->second));
        delayed_.erase(delayed_.begin());
    }
    for (auto it = pauses_.begin(); it != pauses_.end();) {
        if (it->second.until > now) {
            ++it;
            continue;
        }
        for (auto& call : it->second.waiting) due.push_back(std::move(call));
        {
            std::lock_guard lock(paused_mutex_);
            paused_until_.erase(it->first);
        }
        log_->info("slack method={} resumed after rate limit", it->first);
        it = pauses_.erase(it);
    }
    for (auto it = due.rbegin(); it != due.rend(); ++it) {
        (*it)->queued_at = now;
        ready_.push_front(std::move(*it));
    }
}

QueuedCallPtr CallQueue::NextToStart(TimePoint now) {
    while (!ready_.empty()) {
        QueuedCallPtr call = std::move(ready_.front());
        ready_.pop_front();
        if (now >= call->deadline) {
            ApiResult result =
                call->last ? std::move(*call->last) : TransportFailure("deadline_exceeded");
            Finish(std::move(call), std::move(result));
            continue;
        }
        if (const auto pause = pauses_.find(PauseKey(*call)); pause != pauses_.end()) {
            WaitForPause(std::move(call), pause->second, now);
            continue;
        }
        return call;
    }
    return nullptr;
}

void CallQueue::WaitForPause(QueuedCallPtr call, Pause& pause, TimePoint now) {
    // No attempt could start before the deadline: answer now rather than at the deadline.
    if (call->deadline <= pause.until) {
        ApiResult result;
        if (call->last) {
            result = std::move(*call->last);
        } else {
            result.kind = ApiResult::Kind::kRateLimited;
            result.error = "ratelimited";
            result.http_status = 429;
            result.retry_after = std::chrono::ceil<std::chrono::seconds>(pause.until - now);
        }
        Finish(std::move(call), std::move(result));
        return;
    }
    pause.waiting.push_back(std::move(call));
}

void CallQueue::OnAttemptDone(QueuedCallPtr call, ApiResult result, TimePoint now,
                              bool stopping) {
    result.attempts = call->attempts;
    const bool rate_limited = result.kind == ApiResult::Kind::kRateLimited;
    // A 429 pauses its method, except for calls that spend a trigger_id: each of those has its
    // own 3-second window, and a pause would let every trigger behind it expire. Such a call
    // alone waits for Retry-After (if its window allows); the others go on.
    const bool pauses_method = rate_limited && !IsTriggerMethod(call->method);
    if (pauses_method) PauseMethod(PauseKey(*call), now + result.retry_after);
    if (stopping || call->attempts >= call->max_attempts || !IsRetryable(result)) {
        Finish(std::move(call), std::move(result));
        return;
    }
    const auto delay = rate_limited ? std::chrono::duration_cast<milliseconds>(result.retry_after)
                                    : Backoff(call->attempts);
    if (now + delay >= call->deadline) {
        Finish(std::move(call), std::move(result));
        return;
    }
    call->last = std::move(result);
    if (pauses_method) {
        // It was sent before the calls now waiting for the same pause, so it goes first.
        pauses_[PauseKey(*call)].waiting.push_front(std::move(call));
    } else {
        delayed_.emplace(now + delay, std::move(call));
    }
}

void CallQueue::PauseMethod(const std::string& method, TimePoint until) {
    Pause& pause = pauses_[method];
    if (pause.until >= until) return;
    pause.until = until;
    {
        std::lock_guard lock(paused_mutex_);
        paused_until_[method] = until;
    }
    log_->warn("slack method={} rate limited; paused for {} ms", method,
               std::chrono::duration_cast<milliseconds>(until - Clock::now()).count());
}

milliseconds CallQueue::Backoff(int attempts) {
    const int shift = std::min(attempts - 1, 20);
    const milliseconds full = std::min<milliseconds>(
        options_.retry_max_delay, options_.retry_base_delay * (1LL << shift));
    // Half fixed, half random: spreads retries of calls that failed together.
    std::uniform_int_distribution<long long> jitter(0, full.count() / 2);
    return milliseconds(full.count() - full.count() / 2 + jitter(rng_));
}

void CallQueue::Finish(QueuedCallPtr call, ApiResult result) {
    pending_.fetch_sub(1, std::memory_order_relaxed);
    Complete(*call, result);
}

void CallQueue::Complete(const QueuedCall& call, const ApiResult& result) {
    registry_
        .GetCounter(kCallsMetric, kCallsHelp,
                    {{"method", call.method}, {"result", MetricResult(result)}})
        .Inc();
    const auto level = result.ok() ? spdlog::level::debug : spdlog::level::warn;
    if (log_->should_log(level)) {
        std::string ids = call.log_ids;
        if (result.ok() && result.body.is_object()) AppendLoggableIds(ids, ResultIds(result.body));
        log_->log(level, "slack call method={} result={} attempts={} http={}{}", call.method,
                  MetricResult(result), result.attempts, result.http_status, ids);
    }
    try {
        call.done(result);
    } catch (const std::exception& e) {
        log_->error("slack method={} callback threw: {}", call.method, e.what());
    } catch (...) {
        log_->error("slack method={} callback threw", call.method);
    }
}

void CallQueue::AbandonWaiting() {
    while (!ready_.empty()) {
        QueuedCallPtr call = std::move(ready_.front());
        ready_.pop_front();
        Finish(std::move(call), TransportFailure("shutdown"));
    }
    for (auto& [when, call] : delayed_) Finish(std::move(call), TransportFailure("shutdown"));
    delayed_.clear();
    for (auto& [method, pause] : pauses_) {
        for (auto& call : pause.waiting) Finish(std::move(call), TransportFailure("shutdown"));
    }
    pauses_.clear();
    std::lock_guard lock(paused_mutex_);
    paused_until_.clear();
}

void CallQueue::PublishOldestWaiting() {
    std::lock_guard lock(accepted_mutex_);
    long long oldest = 0;
    if (!ready_.empty()) {
        oldest = ToNanos(ready_.front()->queued_at);
    } else if (!accepted_.empty()) {
        oldest = ToNanos(accepted_.front()->queued_at);
    }
    oldest_waiting_ns_.store(oldest, std::memory_order_relaxed);
}

std::optional<CallQueue::TimePoint> CallQueue::NextDue() const {
    std::optional<TimePoint> next;
    if (!delayed_.empty()) next = delayed_.begin()->first;
    for (const auto& [method, pause] : pauses_) {
        next = next ? std::min(*next, pause.until) : pause.until;
    }
    return next;
}

}  // namespace escbot::slack
