#pragma once

// Internal to the HTTP server: what each request leaves in the log and the metrics.

#include <chrono>
#include <exception>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bot/metrics/metrics.hpp"

namespace spdlog {
class logger;
}

namespace escbot::http {

/// The server's logger ("http").
const std::shared_ptr<spdlog::logger>& HttpLog();

/// The co_spawn completion handler: an exception that escaped a coroutine is logged, never
/// rethrown into the io_context's run loop.
struct LogFailure {
    const char* what;
    void operator()(const std::exception_ptr& error) const;
};

enum class Endpoint { kSlack, kHealth, kMetrics, kUnknown };

/// Which of the server's endpoints a request path is.
Endpoint Classify(std::string_view path);

/// What one request/response leaves in the log line and the metrics. `note` is a code, never
/// request content (verify failure, parse error, ...).
struct Exchange {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::string_view method = "-";
    std::string_view path = "-";
    std::string owned_path;  // a sanitised copy when the path is not one of ours
    Endpoint endpoint = Endpoint::kUnknown;
    std::string route;
    std::string user;
    std::string channel;
    std::string_view note;

    /// Sets method, path (a short printable prefix when it is not one of ours), endpoint and
    /// route (the endpoint's label until the dispatcher names the route).
    void SetTarget(std::string_view request_method, std::string_view request_path);
};

/// One log line per request (logger "http": ids and codes only) and the counts
/// escbot_http_requests_total{route,status}, escbot_ack_latency_seconds and
/// escbot_http_intake_held_total. Thread-safe.
class RequestLog {
public:
    explicit RequestLog(metrics::Registry& registry);

    void Record(const Exchange& exchange, unsigned status);
    void IntakeHeld() { intake_held_.Inc(); }

private:
    metrics::Counter& RequestCounter(std::string_view route, unsigned status);

    metrics::Registry& registry_;
    metrics::Histogram& ack_latency_;
    metrics::Counter& intake_held_;
    // escbot_http_requests_total by "route|status", so the registry's lock and label rendering
    // are paid once per label set rather than once per request.
    std::shared_mutex counters_mutex_;
    std::unordered_map<std::string, metrics::Counter*> counters_;
};

}  // namespace escbot::http
