#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace escbot::slack {

/// The outcome of one Web API call, in the four kinds @slack/web-api distinguishes.
struct ApiResult {
    enum class Kind {
        kOk,           // HTTP 200 and "ok": true
        kPlatform,     // HTTP 200 and "ok": false; `error` holds Slack's code
        kRateLimited,  // HTTP 429; `retry_after` holds the Retry-After header
        kHttp,         // any other HTTP status (5xx, 404, ...) or a body that is not JSON
        kTransport,    // no HTTP answer: refused, reset, DNS, TLS, timeout
    };

    Kind kind = Kind::kTransport;
    std::string error;  // Slack's code ("channel_not_found") or a short transport/HTTP description
    nlohmann::json body;
    std::chrono::seconds retry_after{0};
    int http_status = 0;
    int attempts = 0;  // how many requests were sent for this call

    bool ok() const { return kind == Kind::kOk; }
};

/// True when sending the same call again may succeed: rate limits, 5xx, transport failures and
/// Slack's own transient codes (internal_error, fatal_error, service_unavailable, request_timeout).
/// Never for codes that cannot change (invalid_auth, channel_not_found, invalid_blocks, ...).
bool IsRetryable(const ApiResult& result);

/// How hard one call may try.
struct CallOptions {
    /// Give up when the next attempt could not start before this (trigger_ids expire in 3 s).
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    /// 1 means a single attempt: the durable outbox does its own retrying.
    int max_attempts = 1;
    /// The token to send; empty means the bot token (apps.connections.open needs the app token).
    std::string token;
    /// False when the caller needs nothing of the answer but its outcome: only "ok" and "error"
    /// are read (a views.open answer echoes the whole view) and ApiResult::body stays null.
    bool read_body = true;
};

using ApiCallback = std::function<void(const ApiResult&)>;

/// The Slack Web API. Implementations: CurlSlackApi (real HTTP) and the console surface.
class SlackApi {
public:
    virtual ~SlackApi() = default;

    /// Sends `method` with `args` and calls `done` exactly once with the outcome. Retries that the
    /// options allow happen inside, honouring Retry-After for this method only. `done` may run on
    /// another thread (CurlSlackApi) or before Call returns (console); it must not block for long.
    /// `args` may hold WrittenJson (json_text.hpp): an implementation that reads them instead of
    /// writing them with ToJsonText reads Expanded(args).
    virtual void Call(std::string method, nlohmann::json args, CallOptions options, ApiCallback done) = 0;

    /// Blocking convenience for start-up checks and tools; never use it on a request thread.
    ApiResult CallAndWait(std::string method, nlohmann::json args, CallOptions options = {});

    /// Calls accepted and not yet finished (queued, waiting for a retry, or in flight).
    /// Thread-safe. Implementations without a queue report 0.
    virtual std::size_t Pending() const { return 0; }

    /// True when a new call would likely wait too long before it reaches Slack (a deep queue, or
    /// the oldest queued call waiting for more than about a second). Handlers check it before
    /// accepting work that needs a views.open within the 3 s trigger window. Thread-safe.
    virtual bool Saturated() const { return false; }

    /// True when a call has been waiting to start for more than a few milliseconds: calls come
    /// in faster than they go out. Transports hold back new requests meanwhile (back-pressure),
    /// long before Saturated() would refuse them. Thread-safe and cheap.
    virtual bool Backlogged() const { return false; }

    /// True while `method` is paused by a 429 from Slack (calls to it wait for Retry-After).
    /// chat.postMessage pauses per channel: ask for "chat.postMessage C0123". Thread-safe.
    virtual bool IsPaused(std::string_view method) const {
        (void)method;
        return false;
    }
};

}  // namespace escbot::slack
