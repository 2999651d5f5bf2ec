#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/slack/failure_notice.hpp"
#include "bot/slack/outbox_lookup.hpp"
#include "bot/slack/slack_api.hpp"
#include "bot/slack/token_pause.hpp"
#include "storage/store.hpp"

namespace escbot::slack {

struct OutboxWorkerOptions {
    /// Items on the wire at once (never more than one per lane).
    int max_in_flight = 16;
    /// Backoff after a retryable failure without Retry-After: base * 2^(attempts-1), capped,
    /// with jitter.
    std::chrono::seconds retry_base_delay{2};
    std::chrono::seconds retry_max_delay{300};
    /// After this many attempts a retryable failure counts as fatal (0: retry forever).
    int max_attempts = 40;
    /// Slack takes about one chat.postMessage per second per channel (see the class comment).
    std::chrono::milliseconds channel_post_interval{1'000};
    /// Longest sleep of the background thread without a Notify() or a due item.
    std::chrono::milliseconds idle_poll{5'000};
    /// While Slack refuses the token (TokenPause), one item is tried this often.
    std::chrono::milliseconds token_probe_interval{30'000};
    /// How an item whose outcome is unknown is looked up before it is sent again.
    LookupOptions lookup;
    /// Called on the worker's thread when Slack accepts the token again after a pause (the app
    /// tells the admin channel). May enqueue outbox items.
    std::function<void(const TokenPauseReport&)> on_token_pause_ended;
};

/// Sends the durable outbox (storage::OutboxItem) to Slack.
///
/// Each round takes the due items (the repository's Due: one per lane, oldest first, thread_key
/// and ts_key already known), fills `thread_ts` from thread_key's ts and `channel`/`ts` from
/// ts_key's ref, and sends each with one attempt. Outcomes are written back on the worker's
/// thread, never on the API thread (SQLite may block): ok -> MarkSent, plus MessageRefs().Put
/// under result_key in the same transaction; retryable -> MarkRetry at now + Retry-After or a
/// capped exponential backoff with jitter; fatal -> MarkFailed, a warning, and a DM to
/// notify_user (enqueued in the same transaction; a failed notice is never re-notified).
///
/// One item per lane is in flight; lanes run in parallel. chat.postMessage is paced per channel
/// without holding up other channels: one post to a channel at a time, the next no sooner than
/// channel_post_interval after the previous one was answered (so at most one per second reaches
/// Slack whatever the latency). An item whose thread_key/ts_key never gets a ts (its root failed
/// for good) stays pending: the repository's Due never offers it.
///
/// chat.postMessage is exactly once (outbox_lookup.hpp): each post carries its item id in
/// message metadata; before a post leaves, MarkAttempting commits its first attempt and that
/// its outcome is unknown; an answer that settles it clears the mark (ok: sent; a 429 or an
/// error code: not taken). An item still marked when it is due again (the bot died while
/// sending, a timeout, a reset, a 5xx, internal_error, fatal_error) is looked up first: found,
/// it counts as sent with the ts found (replies waiting for it proceed); not found, it is sent.
/// A lookup that cannot read the conversation (missing_scope, channel_not_found) sends, as
/// before: at least once. Other methods are at least once (updates and views are idempotent;
/// ephemeral notes cannot be looked up).
///
/// Metrics: escbot_outbox_results_total{method,result=sent|retry|failed|paused|found},
/// escbot_outbox_lookups_total{result=found|not_found|unreadable|failed}, and the gauges
/// escbot_outbox_depth and escbot_outbox_oldest_age_seconds (refreshed about once a second).
///
/// Thread-safety: Notify() from any thread. Start/Stop/Drain/RunOnce from one owning thread;
/// RunOnce and Drain must not run while the background thread does (Drain stops it first).
class OutboxWorker {
public:
    OutboxWorker(storage::Store& store, SlackApi& api, const Clock& clock,
                 metrics::Registry& registry, OutboxWorkerOptions options = {});
    /// Stops the background thread. Calls still in flight complete into a queue nobody reads:
    /// their items stay pending and are sent again by the next worker.
    ~OutboxWorker();
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    /// Records finished sends, then sends what is due now. Returns how many sends it started
    /// (0 also when due chat.postMessage items wait for their channel's pacing slot).
    /// Storage exceptions propagate (the failed round changes nothing).
    int RunOnce();

    /// Runs RunOnce on a background thread, sleeping until the next due attempt, a paced
    /// channel's next slot, a finished send or Notify(). No-op if already running.
    void Start();
    /// Stops and joins the background thread. Idempotent.
    void Stop();
    /// Wakes the background thread: call it after enqueueing. Thread-safe, cheap.
    void Notify();

    /// For shutdown: stops the background thread, then sends what is due until nothing due is
    /// left unsent and nothing is in flight, or `bound` passes. True when it finished in time;
    /// false on timeout or a storage failure (logged). Items retried later do not count.
    bool Drain(std::chrono::milliseconds bound);

    /// True while Slack refuses the bot token and nothing is sent (TokenPause). Thread-safe.
    bool Paused() const;

    /// Sends started and not yet recorded.
    std::size_t InFlight() const { return in_flight_lanes_.size(); }

private:
    struct Shared;
    struct Finished;

    int SendDue();
    // Moves into `chosen` (up to `free`) the items of `due` not seen before this round that may
    // leave now: their lane is idle and, for a post, its channel's slot is free.
    void Choose(std::vector<storage::OutboxItem>& due, int free,
                std::chrono::steady_clock::time_point steady_now,
                std::unordered_set<long long>& seen, std::vector<storage::OutboxItem>& chosen);
    void MarkAttempts(std::vector<storage::OutboxItem>& chosen, TimePoint now,
                      std::chrono::steady_clock::time_point steady_now);
    void Send(storage::OutboxItem item);
    // outbox_worker_lookup.cpp
    void StartLookup(storage::OutboxItem item);
    void CallLookup(storage::OutboxItem item, std::shared_ptr<MessageLookup> lookup);
    void OnLookupAnswer(const Finished& finished);
    void RecordSent(const storage::OutboxItem& item, const std::optional<storage::MessageRef>& ref,
                    const char* outcome);
    void RecordFailed(const storage::OutboxItem& item, const std::string& error, int attempts);
    void FreeChannelSlot(const storage::OutboxItem& item,
                         std::chrono::steady_clock::time_point when);
    void ApplyFinished();
    void Record(const Finished& finished);
    void RefreshGauges(bool force);
    std::chrono::seconds RetryDelay(const ApiResult& result, int attempts_so_far);
    void Loop();

    storage::Store& store_;
    SlackApi& api_;
    const Clock& clock_;
    metrics::Registry& registry_;
    const OutboxWorkerOptions options_;
    std::shared_ptr<Shared> shared_;  // outlives the worker: late callbacks land here

    // Owned by whichever thread runs RunOnce.
    std::unordered_set<std::string> in_flight_lanes_;
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> channel_next_post_;
    std::chrono::steady_clock::time_point next_wake_{};
    bool paced_items_waiting_ = false;  // a due chat.postMessage waits for its channel's slot
    std::chrono::steady_clock::time_point last_gauge_refresh_{};
    TokenPause token_pause_;
    std::minstd_rand rng_;

    std::thread thread_;
};


}  // namespace escbot::slack
