#pragma once

#include <chrono>
#include <memory>

#include "bot/app/runtime_config.hpp"
#include "bot/app/watchdog/watchdog.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/routing/router.hpp"
#include "bot/scheduling/scheduler.hpp"
#include "bot/slack/outbox_worker.hpp"
#include "bot/slack/private_reply.hpp"
#include "bot/slack/response_url.hpp"
#include "bot/slack/slack_api.hpp"
#include "commands/command_deps.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/store.hpp"

namespace escbot::app {

/// The bot without its transport: configuration, router with every flow registered, the durable
/// outbox worker and the timer scheduler, over a Store and a Slack API given by the caller (the
/// real Web API in serve mode, the console surface in console mode). Transports (HTTP, Socket
/// Mode, console) hand their requests to Dispatch.
class Bot {
public:
    /// Registers every route and timer kind. The references must outlive the Bot. `respond`
    /// posts private answers to a request's response_url; null (console): through the outbox.
    Bot(RuntimeConfig config, const Clock& clock, storage::Store& store, slack::SlackApi& slack,
        metrics::Registry& metrics, slack::OutboxWorkerOptions outbox_options = {},
        slack::ResponseUrlClient* respond = nullptr);
    ~Bot();
    Bot(const Bot&) = delete;
    Bot& operator=(const Bot&) = delete;

    /// Thread-safe; never throws (see Router::Dispatch).
    routing::Ack Dispatch(const routing::Inbound& in) const { return router_.Dispatch(in); }
    const routing::Router& router() const { return router_; }

    /// Starts the outbox worker's, the scheduler's and the watchdog's threads (serve mode).
    void Start();
    /// Stops both threads; what is pending stays in the database for the next start.
    void Stop();
    /// Shutdown: sends what the outbox can within `bound` (after Stop()).
    bool DrainOutbox(std::chrono::milliseconds bound);
    /// No threads (console mode, tests): fires due timers and sends due outbox items until none
    /// is left. With a Slack API that answers asynchronously, `wait` bounds how long it waits for
    /// answers still in flight.
    void Pump(std::chrono::milliseconds wait = std::chrono::milliseconds(0));

    /// Swaps in a reloaded configuration; the SOP it names joins the catalog (flows in progress
    /// keep their version). Thread-safe.
    void Reload(RuntimeConfig config);
    std::shared_ptr<const config::Settings> settings() const { return settings_.Get(); }

    /// The database accepts writes (GET /healthz).
    /// The database takes writes and Slack accepts the bot token (the outbox is not paused).
    bool Healthy() const { return store_.Healthy() && !outbox_.Paused(); }

    /// Socket Mode's "connected?" for the watchdog; call before Start() (serve, Socket Mode).
    void SetSocketModeProbe(std::function<bool()> connected) {
        watchdog_.SetSocketProbe(std::move(connected));
    }
    /// One watchdog tick now (tests, console); returns the open checks.
    std::vector<std::string> RunWatchdog() { return watchdog_.RunOnce(); }
    /// The /healthz body's second line: "watchdog: ok" or "watchdog: outbox_stalled, ...".
    /// Memory only (the last tick's result): cheap enough for every probe.
    std::string HealthDetail() const;

private:
    void DeliverEphemeral(const routing::Inbound& in, const nlohmann::json& message);
    void OnTokenPauseEnded(const slack::TokenPauseReport& report);
    void RegisterMaintenance();

    const Clock& clock_;
    storage::Store& store_;
    SettingsHolder settings_;
    config::sop::SopCatalog sops_;
    scheduling::Scheduler scheduler_;
    slack::PrivateReplies replies_;
    slack::OutboxWorker outbox_;
    watchdog::Watchdog watchdog_;
    routing::Router router_;
    commands::CommandDeps deps_;
};

}  // namespace escbot::app
