#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "bot/metrics/metrics.hpp"
#include "bot/slack/slack_api.hpp"

namespace boost::asio {
class io_context;
}

namespace escbot::slack {

class CurlEngine;

/// Settings of CurlSlackApi. The defaults suit production; tests shorten the timeouts.
struct CurlSlackApiOptions {
    /// Method URL = base_url + method ("/" is added if missing). The app passes
    /// SLACK_API_BASE_URL.
    std::string base_url = "https://slack.com/api/";
    std::string bot_token;
    std::chrono::milliseconds connect_timeout{3'000};
    /// Bound of one request, connect to last byte. A call with retries may take longer.
    std::chrono::milliseconds total_timeout{10'000};
    /// Calls accepted but not finished; beyond this Call() fails at once with kTransport
    /// "queue_full".
    std::size_t max_queued = 20'000;
    /// Requests on the wire at once; further calls wait in our queue (in order). For an
    /// http:// base URL (HTTP/1.1, tests) at most max_connections.
    std::size_t max_in_flight = 512;
    /// TCP connections to Slack at most (HTTP/2 multiplexes many requests over one).
    long max_connections = 32;
    /// Saturated() when Pending() exceeds this ...
    std::size_t saturation_pending = 4'000;
    /// ... or the oldest call not yet started has waited longer than this.
    std::chrono::milliseconds saturation_age{1'000};
    /// Backlogged() when the oldest call not yet started has waited longer than this.
    std::chrono::microseconds backlog_age{2'000};
    /// Backoff after a 5xx or transport failure: base * 2^(n-1), capped, with jitter.
    std::chrono::milliseconds retry_base_delay{250};
    std::chrono::milliseconds retry_max_delay{8'000};
    /// Retry-After assumed when a 429 carries none.
    std::chrono::seconds default_retry_after{1};
    /// Stop() waits this long for in-flight requests, then abandons them.
    std::chrono::milliseconds stop_timeout{2'000};
};

/// The Slack Web API over libcurl's multi interface, driven from an Asio io_context that one
/// dedicated thread runs: many calls are in flight at once without a thread per call,
/// connections are reused (pooled easy handles, the multi handle's connection cache, HTTP/2
/// multiplexing when the server offers it). An HTTP server may run its connections on the same
/// io_context (IoContext()): a call made while handling a request then starts on that thread,
/// once the handlers already queued there have run, without waking another thread.
///
/// Bodies are JSON (`Content-Type: application/json; charset=utf-8`) except for users.info,
/// usergroups.users.list and chat.getPermalink, which Slack only takes form-encoded. Each request
/// carries `Authorization: Bearer <CallOptions.token or the bot token>`.
///
/// Retries: a 429 pauses that method only (other methods keep flowing) for Retry-After and the
/// call is retried afterwards if its CallOptions allow; 5xx and transport failures are retried
/// with capped exponential backoff plus jitter; codes that cannot succeed are never retried
/// (IsRetryable). No attempt starts after CallOptions.deadline.
///
/// Answers are parsed once, into ApiResult::body (not at all when CallOptions.read_body is false).
///
/// Two parts: CallQueue (queueing, retries, pauses, deadlines, metrics, log lines, callbacks;
/// no curl) and CurlEngine (the I/O thread, libcurl's multi and easy handles, curl's sockets).
///
/// Every finished call counts into escbot_slack_api_calls_total{method,result} and logs one line
/// (debug, warn on failure) with the method, result, attempts and Slack ids: never args or tokens.
///
/// Thread-safety: Call, Pending, Saturated and IsPaused may be called from any thread. Callbacks
/// run on the I/O thread (named "slack-io"): they must be quick and must not call CallAndWait
/// or Stop.
class CurlSlackApi final : public SlackApi {
public:
    /// Starts the I/O thread. Throws std::runtime_error if libcurl cannot be set up.
    CurlSlackApi(CurlSlackApiOptions options, metrics::Registry& registry);
    /// Stops (see Stop) and frees every handle.
    ~CurlSlackApi() override;
    CurlSlackApi(const CurlSlackApi&) = delete;
    CurlSlackApi& operator=(const CurlSlackApi&) = delete;

    /// Queues the call (args are serialized here, on the caller's thread) and returns at once.
    /// `done` runs once on the I/O thread; a call refused up front (queue full, after Stop) gets
    /// kTransport "queue_full"/"shutdown" on the caller's thread before Call returns. A call that
    /// could not start before its deadline ends with its last attempt's result, or kTransport
    /// "deadline_exceeded" if it never started. Each attempt may run up to total_timeout.
    void Call(std::string method, nlohmann::json args, CallOptions options,
              ApiCallback done) override;

    std::size_t Pending() const override;
    bool Saturated() const override;
    bool Backlogged() const override;
    bool IsPaused(std::string_view method) const override;

    /// Refuses new calls, abandons queued and waiting ones, gives in-flight requests up to
    /// options.stop_timeout to finish (without retrying), abandons the rest and joins the I/O
    /// thread. Abandoned calls complete with kTransport "shutdown". Idempotent; call it from
    /// outside the I/O thread (never from a callback), after whatever shares IoContext() has
    /// stopped using it (the thread returns only when the io_context runs out of work).
    void Stop();

    /// The io_context of the I/O thread, for an HTTP server to share (ServerOptions::io_context).
    /// It runs until Stop().
    boost::asio::io_context& IoContext();

private:
    void Submit(std::string method, std::string body, std::string log_ids, CallOptions options,
                ApiCallback done, std::string pause_key = {});
    std::unique_ptr<CurlEngine> engine_;
};

}  // namespace escbot::slack
