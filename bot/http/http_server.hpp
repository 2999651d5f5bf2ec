#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/routing/ack.hpp"
#include "bot/routing/inbound.hpp"

namespace boost::asio {
class io_context;
}

namespace escbot::http {

class Listener;

/// How the HTTP server listens and how patient it is with clients.
struct ServerOptions {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 0;                          // 0: the OS picks a free port; see port()
    std::size_t body_limit = 256 * 1024;             // larger bodies get 413 (before being read)
    std::chrono::milliseconds read_timeout{10'000};  // one whole request, headers and body
    std::chrono::milliseconds idle_timeout{60'000};  // keep-alive connection waiting for more
    int threads = 2;                                 // I/O threads (one io_context each)
    /// Not null: run every connection on this io_context instead of on threads of our own
    /// (`threads` is then ignored). Its owner runs it on one thread, and keeps it running until
    /// Stop() has returned: CurlSlackApi::IoContext(), so that a handler's call to Slack starts
    /// on the thread that read the request. Tuning: 138 -> 99 us of CPU per request at c=64,
    /// 8.8k -> 10.1k req/s (escbot-bench, 5d0f2e7).
    boost::asio::io_context* io_context = nullptr;
    std::string signing_secret;                      // Slack's signing secret; must not be empty
    /// 0: the dispatcher and the health probe run on the I/O thread that read the request
    /// (cheapest). N > 0: they run on a pool of N threads, so a handler that blocks (SQLite
    /// waiting for its lock or for the disk) stalls no connection and, with a shared
    /// io_context, no Web API call. With 1, handlers run one at a time in the order their
    /// requests were read.
    int handler_threads = 0;
    /// Back-pressure: while this returns true (work already accepted is not keeping up), a
    /// connection waits, at most max_intake_hold, before reading its next request. Empty: never.
    /// Called often, from the I/O threads: it must be cheap and thread-safe. The hold is kept
    /// well under Slack's 3 s so that a held request is still acked in time.
    std::function<bool()> hold_intake;
    std::chrono::milliseconds max_intake_hold{500};
    /// Lines added under /healthz's "ok" or "unavailable" (the watchdog's open checks). Empty:
    /// none. Called on every probe, from the I/O threads: cheap, thread-safe, no personal data.
    std::function<std::string()> health_detail;
};

/// Runs a verified, parsed request and returns its ack; may be called from several threads at
/// once. It must answer well within Slack's 3 seconds. With handler_threads = 0 it runs on an
/// I/O thread, which serves nobody else meanwhile (nor, on a shared io_context, the Web API).
using Dispatcher = std::function<routing::Ack(const routing::Inbound&)>;
/// True when the process is healthy (GET /healthz answers 200, otherwise 503; a probe that
/// throws counts as unhealthy). May be empty: always healthy.
using HealthProbe = std::function<bool()>;

/// Slack's HTTP mode: an HTTP/1.1 server (Boost.Beast, C++20 coroutines, keep-alive) with
///  - POST /slack/events, /slack/commands, /slack/interactivity (aliases; each takes commands,
///    interactions and events): Slack's unsigned ssl_check probe answered with an empty 200
///    (IsSslCheck), then the signature verified on the raw body (401 on any failure, nothing
///    parsed), then parsed (400 if malformed),
///    dispatched, and the Ack written back (empty 200, or its JSON payload);
///  - GET /healthz (the health probe) and GET /metrics (Prometheus text of the registry).
/// Bodies past the limit get 413 without being read; slow or idle clients are disconnected by the
/// read and idle timeouts. Each request logs one line (logger "http": ids and codes only) and
/// counts escbot_http_requests_total{route,status} and escbot_ack_latency_seconds.
/// Start and Stop are for one controlling thread; port() is thread-safe. The clock and the
/// registry, and whatever the dispatcher and probe refer to, must outlive the server.
class HttpServer {
public:
    HttpServer(ServerOptions options, const Clock& clock, Dispatcher dispatcher, HealthProbe health,
               metrics::Registry& registry);
    /// Stops the server (with a short grace period) if it is still running.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds, listens and starts the I/O threads (none with a shared io_context). Throws
    /// std::invalid_argument for bad options (empty signing secret, no threads) and
    /// std::runtime_error naming the address and the reason when it cannot listen (port taken,
    /// bad address). A server starts at most once.
    void Start();

    /// Stops accepting, closes idle keep-alive connections, lets requests in flight finish for up
    /// to `grace` (their responses say Connection: close), then closes the rest and joins the
    /// threads (with a shared io_context: waits until every connection has ended). A dispatcher
    /// call still running delays the join until it returns. Idempotent.
    /// Never call it from the dispatcher or the health probe (it would join its own thread).
    void Stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    /// The port actually listened on (the chosen one when options.port was 0); 0 before Start().
    std::uint16_t port() const;

private:
    std::unique_ptr<Listener> listener_;
};

}  // namespace escbot::http
