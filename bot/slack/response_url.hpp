#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/metrics/metrics.hpp"
#include "bot/slack/slack_api.hpp"

namespace escbot::slack {

// A slash command's or a click's `response_url`: a one-off webhook that posts into the
// conversation the request came from, wherever that is (a DM between people, a channel the bot
// is not in), without the bot token. Slack takes up to 5 posts per URL within 30 minutes and
// answers HTTP 200 with "ok" or {"ok":true}; a refusal is another status with a short text body
// ("expired_url", "used_url", ...).

/// Reads a response_url's answer: kOk for 200 "ok" / {"ok":true}; kPlatform for 200
/// {"ok":false,"error":...}; kHttp for any other status, `error` holding the body's first word
/// (at most 64 characters, never the URL).
ApiResult ReadResponseUrlAnswer(int http_status, std::string_view body);

/// "scheme://host[:port]/" of an http(s) URL; "" when it is not one.
std::string OriginOf(std::string_view url);

/// True when `url` starts with one of `allowed` (origins such as "https://hooks.slack.com/").
bool IsAllowedResponseUrl(std::string_view url, const std::vector<std::string>& allowed);

/// Posts to response URLs. Implementations: CurlResponseUrlClient; tests may script their own.
class ResponseUrlClient {
public:
    virtual ~ResponseUrlClient() = default;
    /// POSTs `message` as JSON to `url` with no Authorization header, and calls `done` exactly
    /// once with the outcome, on the client's own thread: `done` may block briefly (a database
    /// write). Refused up front (queue full, stopping): `done` runs before Post returns, with
    /// kTransport "queue_full". A URL outside the allowed origins is never contacted: kHttp
    /// "url_not_allowed".
    virtual void Post(std::string url, nlohmann::json message, ApiCallback done) = 0;
    /// Runs `job` on the client's thread, after the posts queued before it (work that must not
    /// run on the caller's thread, such as a fallback written to the database). Never inline.
    virtual void Run(std::function<void()> job) = 0;
};

struct CurlResponseUrlOptions {
    /// Origins a response_url may have. Slack's is hooks.slack.com; the app adds the Web API
    /// base URL's origin (a fake Slack in tests).
    std::vector<std::string> allowed_origins = {"https://hooks.slack.com/"};
    std::chrono::milliseconds connect_timeout{3'000};
    std::chrono::milliseconds total_timeout{5'000};
    /// Jobs waiting beyond this are refused at once (kTransport "queue_full").
    std::size_t max_queued = 2'000;
};

/// ResponseUrlClient over libcurl's easy interface on one thread of its own ("slack-respond"):
/// posts are rare (one per answered click) and short, and a slow one must not hold up the Web
/// API client's I/O thread. Only http and https, no redirects, no token; the URL is never logged
/// (it is a capability). Counts escbot_response_url_posts_total{result}.
/// Thread-safety: Post and Run from any thread; the destructor drains nothing (queued posts end
/// with kTransport "shutdown").
class CurlResponseUrlClient final : public ResponseUrlClient {
public:
    CurlResponseUrlClient(CurlResponseUrlOptions options, metrics::Registry& registry);
    ~CurlResponseUrlClient() override;
    CurlResponseUrlClient(const CurlResponseUrlClient&) = delete;
    CurlResponseUrlClient& operator=(const CurlResponseUrlClient&) = delete;

    void Post(std::string url, nlohmann::json message, ApiCallback done) override;
    void Run(std::function<void()> job) override;
    /// Waits until nothing is queued or running (tests, shutdown). False on timeout.
    bool WaitIdle(std::chrono::milliseconds timeout);

private:
    struct Job {
        std::string url;  // empty: `run` only
        std::string body;
        ApiCallback done;
        std::function<void()> run;
    };

    void Loop();
    ApiResult Send(void* easy, const Job& job);
    void Count(const ApiResult& result);

    const CurlResponseUrlOptions options_;
    metrics::Registry& registry_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<Job> jobs_;
    bool busy_ = false;  // a job taken off the queue is running
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace escbot::slack
