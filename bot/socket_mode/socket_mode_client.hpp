#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "bot/metrics/metrics.hpp"
#include "bot/routing/ack.hpp"
#include "bot/routing/inbound.hpp"
#include "bot/slack/slack_api.hpp"

namespace escbot::socket_mode {

/// Receives Slack's requests over Socket Mode (slack-platform.md §5): asks apps.connections.open
/// for a URL with the app-level token, keeps one WebSocket to it, turns each envelope into a
/// routing::Inbound, dispatches it and acks it by envelope_id. An events_api envelope whose
/// dispatcher throws is not acked (and its envelope_id is forgotten), so that Slack delivers it
/// again; any other envelope is acked with whatever the dispatcher answered, or an empty ack.
///
/// Threads: one I/O thread owns the connections (reads, writes, pings, timers, acks); the
/// dispatcher runs on a small pool of `handler_threads`, so one slow handler holds one worker and
/// never delays reading or acking the envelopes other workers handle.
///
/// Connections: a `disconnect` frame opens a new connection and closes the old one only after the
/// new one said hello, so nothing is lost in between. Any drop, refused upgrade or failed
/// apps.connections.open is retried with capped exponential backoff and jitter. Errors that cannot
/// change (invalid_auth, not_authed, account_inactive, ... : any non-transient platform error)
/// stop the client in State::kFailed with no further retries.
///
/// The app token is sent only to apps.connections.open (CallOptions::token) and never logged;
/// neither are URLs (their ticket) or payloads. Logs carry envelope ids, types, routes, latency.
class SocketModeClient {
public:
    using Dispatcher = std::function<routing::Ack(const routing::Inbound&)>;

    struct Options {
        std::string app_token;  // xapp-…; required
        std::chrono::milliseconds ping_interval{5'000};
        /// A ping unanswered (and no other frame) this long means the connection is dead.
        std::chrono::milliseconds ping_timeout{5'000};
        /// From apps.connections.open's answer to the hello frame: connect, TLS, upgrade, hello.
        std::chrono::milliseconds hello_timeout{15'000};
        /// Bounds the closing handshake too.
        std::chrono::milliseconds handshake_timeout{10'000};
        std::chrono::milliseconds backoff_initial{1'000};
        std::chrono::milliseconds backoff_max{30'000};
        /// A link that ends sooner than this after its hello counts as a failure, so that a
        /// repeated disconnect (too_many_websockets, a link disabled then enabled) is retried
        /// with backoff instead of at once, forever. Longer-lived links reset the backoff.
        std::chrono::milliseconds stable_after{std::chrono::minutes(1)};
        /// How long envelope ids are remembered (Slack's retries come within minutes).
        std::chrono::milliseconds dedupe_window{std::chrono::minutes(15)};
        std::size_t dedupe_max_entries = 20'000;
        /// Workers running the dispatcher; a handler blocked on views.open holds one.
        int handler_threads = 4;
        std::size_t max_frame_bytes = 4 * 1024 * 1024;
        /// Called once, on the I/O thread, when the client stops for good (State::kFailed) with
        /// Slack's error code. It must not call Stop() (that joins the I/O thread).
        std::function<void(const std::string& error)> on_fatal;
    };

    enum class State {
        kIdle,        // not started
        kConnecting,  // no connection has said hello yet, or the last one dropped: retrying
        kConnected,   // a connection is live (Connected() is true)
        kFailed,      // a fatal apps.connections.open error: see FatalError()
        kStopped,     // Stop() finished
    };

    /// Throws std::invalid_argument if the app token is empty or the dispatcher is missing, and
    /// boost::system::system_error if the system CA store cannot be loaded. `api` and `metrics`
    /// must outlive the client.
    SocketModeClient(Options options, slack::SlackApi& api, Dispatcher dispatch,
                     metrics::Registry& metrics);
    /// Calls Stop().
    ~SocketModeClient();
    SocketModeClient(const SocketModeClient&) = delete;
    SocketModeClient& operator=(const SocketModeClient&) = delete;

    /// Starts the I/O thread and the handler pool and begins connecting; returns at once.
    /// Call once.
    void Start();
    /// Stops taking envelopes, waits for handlers in flight and sends their acks, closes the
    /// connections gracefully (bounded by handshake_timeout) and joins every thread. Idempotent.
    /// Must not be called from the dispatcher or on_fatal.
    void Stop();

    /// True while a connection that said hello is open. Thread-safe.
    bool Connected() const;
    /// Thread-safe.
    State state() const;
    /// Slack's error code once state() is kFailed, else empty. Thread-safe.
    std::string FatalError() const;

private:
    class Impl;
    std::shared_ptr<Impl> impl_;
};

/// "idle", "connecting", "connected", "failed", "stopped".
const char* StateName(SocketModeClient::State state);

}  // namespace escbot::socket_mode
