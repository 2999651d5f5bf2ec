#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/metrics/metrics.hpp"
#include "bot/slack/answer_reader.hpp"
#include "bot/slack/slack_api.hpp"

namespace spdlog {
class logger;
}

namespace escbot::slack {

/// One Call() from acceptance to its callback: what the caller asked for, and the queue's
/// bookkeeping of its attempts.
struct QueuedCall {
    using TimePoint = std::chrono::steady_clock::time_point;

    std::string method;
    std::string body;  // JSON text, or form-encoded when `form`
    bool form = false;
    AnswerParsing parsing = AnswerParsing::kFull;
    std::string token;  // empty: the bot token
    TimePoint deadline = TimePoint::max();
    int max_attempts = 1;
    ApiCallback done;
    std::string log_ids;  // " channel=C0123" and the like, for the log line
    /// What a 429 on this call pauses: its method, or for chat.postMessage its method in its
    /// channel ("chat.postMessage C0123"), since Slack limits posting per channel. Empty: the
    /// method.
    std::string pause_key;

    TimePoint queued_at;  // when it last entered the start queue (for Saturated)
    int attempts = 0;  // counted by the transport as each attempt starts
    std::optional<ApiResult> last;  // the previous attempt's outcome, while a retry waits
};
using QueuedCallPtr = std::unique_ptr<QueuedCall>;

/// An outcome without an HTTP answer: kTransport with `error`.
ApiResult TransportFailure(std::string error);

/// The transport-neutral part of CurlSlackApiOptions (see there for each setting).
struct CallQueueOptions {
    std::size_t max_queued = 20'000;
    std::size_t saturation_pending = 4'000;
    std::chrono::milliseconds saturation_age{1'000};
    std::chrono::microseconds backlog_age{2'000};
    std::chrono::milliseconds retry_base_delay{250};
    std::chrono::milliseconds retry_max_delay{8'000};
};

/// The Web API calls between Call() and their callbacks, apart from any HTTP library: admission
/// (queue limit, shutdown), the start queue in order, retries with capped backoff and jitter,
/// per-method pauses after a 429 (per channel for chat.postMessage), deadlines, and the end of each call (its metric, its log line,
/// its callback). A transport takes calls with NextToStart, reports each attempt's outcome with
/// OnAttemptDone and wakes itself at NextDue.
///
/// Thread-safety: Accept, RequestStop, Pending, Saturated, Backlogged and IsPaused may be called
/// from any thread; everything else only from the transport's one thread.
class CallQueue {
public:
    using Clock = std::chrono::steady_clock;
    using TimePoint = Clock::time_point;

    CallQueue(CallQueueOptions options, metrics::Registry& registry);
    CallQueue(const CallQueue&) = delete;
    CallQueue& operator=(const CallQueue&) = delete;

    /// Takes a call. Returns true when the transport must be woken to take it (the first call
    /// since it last took them). A call refused (queue full, after RequestStop) completes here,
    /// on the caller's thread, with kTransport "queue_full" or "shutdown"; false is returned.
    bool Accept(QueuedCallPtr call);
    /// From now on Accept refuses; the transport learns it from TakeAccepted.
    void RequestStop();

    std::size_t Pending() const { return pending_.load(std::memory_order_relaxed); }
    bool Saturated() const;
    bool Backlogged() const;
    bool IsPaused(std::string_view method) const;

    // The transport's thread only.

    /// Moves accepted calls to the start queue; returns whether RequestStop was called.
    bool TakeAccepted();
    /// Puts the retries and the paused calls that are due back at the head of the start queue.
    void ReleaseDue(TimePoint now);
    /// The next call to attempt now, or null when none is ready. On the way, calls past their
    /// deadline finish and calls to a paused method wait for the end of the pause.
    QueuedCallPtr NextToStart(TimePoint now);
    /// An attempt's outcome: the call finishes, or waits for its retry (Retry-After or backoff);
    /// a 429 also pauses the method. When `stopping`, nothing is retried.
    void OnAttemptDone(QueuedCallPtr call, ApiResult result, TimePoint now, bool stopping);
    /// Ends a call: counts it, logs it and runs its callback.
    void Finish(QueuedCallPtr call, ApiResult result);
    /// Finishes every call that is not in flight with kTransport "shutdown".
    void AbandonWaiting();
    /// Publishes how long the oldest call not yet started has waited, for Saturated and
    /// Backlogged; call it after each round of the transport.
    void PublishOldestWaiting();
    /// The earliest time a retry or the end of a pause is due; empty when none waits.
    std::optional<TimePoint> NextDue() const;

private:
    struct Pause {
        TimePoint until;
        std::deque<QueuedCallPtr> waiting;  // calls to the paused method, in order
    };

    std::chrono::nanoseconds OldestWait() const;
    void WaitForPause(QueuedCallPtr call, Pause& pause, TimePoint now);
    void PauseMethod(const std::string& method, TimePoint until);
    std::chrono::milliseconds Backoff(int attempts);
    void Complete(const QueuedCall& call, const ApiResult& result);

    const CallQueueOptions options_;
    metrics::Registry& registry_;
    std::shared_ptr<spdlog::logger> log_;

    // The transport's thread only.
    std::deque<QueuedCallPtr> ready_;
    std::multimap<TimePoint, QueuedCallPtr> delayed_;  // retries, by due time
    std::unordered_map<std::string, Pause> pauses_;
    std::minstd_rand rng_;

    // Shared with callers.
    mutable std::mutex accepted_mutex_;
    std::vector<QueuedCallPtr> accepted_;
    bool stop_requested_ = false;
    std::atomic<std::size_t> pending_{0};
    std::atomic<long long> oldest_waiting_ns_{0};  // 0: none waits
    mutable std::mutex paused_mutex_;
    std::map<std::string, TimePoint, std::less<>> paused_until_;
};

}  // namespace escbot::slack
