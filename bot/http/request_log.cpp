#include "bot/http/request_log.hpp"

#include <mutex>

#include <spdlog/logger.h>

#include "bot/core/logging.hpp"

namespace escbot::http {
namespace {

// Unknown paths are attacker-chosen: log only a short, printable prefix.
constexpr std::size_t kMaxLoggedPath = 80;

std::string_view EndpointLabel(Endpoint endpoint) {
    switch (endpoint) {
        case Endpoint::kSlack: return "slack";
        case Endpoint::kHealth: return "healthz";
        case Endpoint::kMetrics: return "metrics";
        case Endpoint::kUnknown: return "unknown";
    }
    return "unknown";
}

std::string PrintablePrefix(std::string_view text, std::size_t limit) {
    std::string out(text.substr(0, limit));
    for (char& c : out) {
        if (c <= ' ' || c >= 0x7f) c = '?';
    }
    if (text.size() > limit) out += "...";
    return out;
}

}  // namespace

const std::shared_ptr<spdlog::logger>& HttpLog() {
    static const std::shared_ptr<spdlog::logger> log = logging::Get("http");
    return log;
}

void LogFailure::operator()(const std::exception_ptr& error) const {
    if (!error) return;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        HttpLog()->error("{} failed: {}", what, e.what());
    } catch (...) {
        HttpLog()->error("{} failed: unknown exception", what);
    }
}

Endpoint Classify(std::string_view path) {
    if (path == "/slack/events" || path == "/slack/commands" || path == "/slack/interactivity")
        return Endpoint::kSlack;
    if (path == "/healthz") return Endpoint::kHealth;
    if (path == "/metrics") return Endpoint::kMetrics;
    return Endpoint::kUnknown;
}

void Exchange::SetTarget(std::string_view request_method, std::string_view request_path) {
    method = request_method;
    endpoint = Classify(request_path);
    if (endpoint == Endpoint::kUnknown) {
        owned_path = PrintablePrefix(request_path, kMaxLoggedPath);
        path = owned_path;
    } else {
        path = request_path;
    }
    route = EndpointLabel(endpoint);
}

RequestLog::RequestLog(metrics::Registry& registry)
    : registry_(registry),
      ack_latency_(registry.GetHistogram("escbot_ack_latency_seconds",
                                         "Time from a request's first byte to its response "
                                         "written, in seconds.",
                                         {}, metrics::LatencyBuckets())),
      intake_held_(registry.GetCounter("escbot_http_intake_held_total",
                                       "Requests whose reading waited because calls to "
                                       "Slack were queueing up (back-pressure).",
                                       {})) {}

void RequestLog::Record(const Exchange& exchange, unsigned code) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - exchange.started)
                            .count();
    RequestCounter(exchange.route, code).Inc();
    if (exchange.endpoint == Endpoint::kSlack) ack_latency_.Observe(double(micros) / 1e6);

    // Probes and scrapes arrive every few seconds; they stay out of the info log when healthy.
    const bool routine = exchange.endpoint != Endpoint::kSlack && code == 200;
    const auto level =
        code >= 500 ? spdlog::level::warn : (routine ? spdlog::level::debug : spdlog::level::info);
    HttpLog()->log(level, "{} {} route={} status={} latency_us={} user={} channel={}{}{}",
                   exchange.method, exchange.path, exchange.route, code, micros,
                   exchange.user.empty() ? "-" : exchange.user,
                   exchange.channel.empty() ? "-" : exchange.channel,
                   exchange.note.empty() ? "" : " note=", exchange.note);
}

metrics::Counter& RequestLog::RequestCounter(std::string_view route, unsigned status) {
    thread_local std::string key;
    key.assign(route).push_back('|');
    key.append(std::to_string(status));
    {
        std::shared_lock lock(counters_mutex_);
        if (auto it = counters_.find(key); it != counters_.end()) return *it->second;
    }
    metrics::Counter& counter = registry_.GetCounter(
        "escbot_http_requests_total", "HTTP requests answered, by route and status.",
        {{"route", std::string(route)}, {"status", std::to_string(status)}});
    std::unique_lock lock(counters_mutex_);
    counters_.emplace(key, &counter);
    return counter;
}

}  // namespace escbot::http
