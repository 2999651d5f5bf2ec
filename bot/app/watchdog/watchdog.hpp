#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bot/app/watchdog/watchdog_checks.hpp"
#include "bot/core/clock.hpp"
#include "bot/metrics/metrics.hpp"
#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::app::watchdog {

/// What the process knows that the database does not. Each may be empty (not watched).
struct Probes {
    /// True while Socket Mode has a live connection; empty in HTTP mode.
    std::function<bool()> socket_connected;
    /// True while Slack refuses the bot token (the outbox is paused).
    std::function<bool()> token_refused;
};

/// The watchdog (issue 18 item 7). Every [watchdog] interval of the injected clock it reads a
/// snapshot (one read transaction), runs the pure checks (watchdog_checks.hpp), and lets the
/// state machine (watchdog_state.hpp) decide what changed; the changes, the admin channel's
/// notes (through the outbox, lane "admin:<channel>") and the failed items it reported commit in
/// one write transaction, so each problem is reported once, and once more when it clears, even
/// across restarts. Its own thread, not a durable timer: a check of the scheduler cannot run on
/// the scheduler.
///
/// /metrics: escbot_watchdog_problem{check="..."} (1 while open), escbot_watchdog_runs_total.
/// Thread-safety: OpenChecks() from any thread; RunOnce() from one thread at a time (the
/// watchdog's own after Start()).
class Watchdog {
public:
    using SettingsSource = std::function<std::shared_ptr<const config::Settings>()>;

    /// Reads the problems left open by an earlier run (so /healthz shows them at once).
    Watchdog(storage::Store& store, const Clock& clock, metrics::Registry& registry,
             SettingsSource settings, Probes probes);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    /// Call before Start().
    void SetSocketProbe(std::function<bool()> connected) {
        probes_.socket_connected = std::move(connected);
    }

    /// One tick: returns the checks open after it. Storage failures propagate.
    std::vector<std::string> RunOnce();

    /// Starts the thread: the first tick one interval after now, then every interval. Idempotent.
    void Start();
    /// Stops and joins the thread. Idempotent.
    void Stop();

    /// The open checks, in AllChecks() order. Thread-safe, never touches the database.
    std::vector<std::string> OpenChecks() const;

private:
    Snapshot ReadSnapshot(TimePoint now, const Limits& limits,
                          std::vector<storage::WatchdogProblem>& open);
    void SetOpen(const std::vector<storage::WatchdogProblem>& open);
    void Loop();

    storage::Store& store_;
    const Clock& clock_;
    metrics::Registry& registry_;
    SettingsSource settings_;
    Probes probes_;
    std::optional<TimePoint> socket_down_since_;  // RunOnce's

    // The open checks, shared with the gauges' read functions (the registry may outlive this).
    struct OpenSet {
        std::mutex mutex;
        std::set<std::string> checks;
    };
    std::shared_ptr<OpenSet> open_ = std::make_shared<OpenSet>();

    std::mutex mutex_;  // the thread's
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

/// The limits of a [watchdog] section.
Limits LimitsOf(const config::WatchdogSettings& settings);

}  // namespace escbot::app::watchdog
