#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "bot/core/clock.hpp"
#include "storage/store.hpp"

namespace escbot::scheduling {

/// Tuning for Scheduler; the defaults suit production and tests alike.
struct SchedulerOptions {
    /// How far a timer whose handler threw is moved, so that it is retried without a hot loop.
    Seconds retry_delay{5};
    /// The longest the thread sleeps between looks at the clock: an injected clock that jumps
    /// (ManualClock, console mode's OffsetClock) is noticed within this time even without Notify.
    std::chrono::milliseconds max_sleep{1000};
    /// The sleep while the next timer is due within a second: Clock has whole seconds only, so
    /// the thread looks this often for the second to turn (a timer fires at most this late).
    std::chrono::milliseconds fine_poll{100};
    /// Timers read per query in RunDue.
    int batch = 100;
};

/// Fires durable timers (storage::Timer rows) when they are due, exactly once each.
///
/// Each timer fires in its own write transaction that removes the timer and runs its kind's
/// handler, so the handler's effects (state changes, outbox messages, further timers) and the
/// timer's removal commit together. A handler that throws rolls all of that back; the error is
/// logged and the timer is moved `retry_delay` later (in a separate transaction) to be retried.
/// A timer of a kind with no handler is logged and removed.
///
/// Handlers run on the thread that calls RunDue (the scheduler's own thread after Start()); they
/// must use the UnitOfWork they are given, never the Store (a nested transaction throws), and
/// must not call Slack directly: queue outbox items instead.
///
/// Thread-safety: register handlers with On() before Start(); RunDue, Notify, Start and Stop may
/// be called from any thread (two concurrent RunDue calls still fire each timer once).
/// Replicas on one database: RunDue claims the timers it fires (TimerRepository::ClaimDue), so
/// that another replica leaves them alone, and takes over a dead replica's once its claim ran out.
class Scheduler {
public:
    using Handler = std::function<void(const storage::Timer&, storage::UnitOfWork&)>;

    /// `store` and `clock` must outlive the scheduler.
    Scheduler(storage::Store& store, const Clock& clock, SchedulerOptions options = {});
    /// Stops the thread if it runs.
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    /// Registers the handler for timers of `kind`, replacing an earlier one. Call at start-up;
    /// throws std::logic_error once Start() has been called.
    void On(std::string kind, Handler handler);

    /// Fires every timer due at clock.Now(), earliest first; returns how many handlers ran and
    /// committed. Throws on storage failure while reading the due timers (failures while firing
    /// one timer are logged and that timer is retried later).
    int RunDue();

    /// Starts the thread that calls RunDue whenever the earliest timer falls due. Throws
    /// std::logic_error if already started.
    void Start();

    /// Wakes the thread to look again at the earliest timer; call after scheduling a timer that
    /// may be due sooner than the ones already known, or after moving an injected clock.
    void Notify();

    /// Stops and joins the thread; a handler that is running finishes first. Idempotent.
    void Stop();

private:
    bool Fire(const storage::Timer& timer);
    void RetryLater(const storage::Timer& timer);
    std::chrono::milliseconds Tick();
    void Loop();

    storage::Store& store_;
    const Clock& clock_;
    const SchedulerOptions options_;
    std::unordered_map<std::string, Handler> handlers_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool notified_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace escbot::scheduling
