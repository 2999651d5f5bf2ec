#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <curl/curl.h>

#include "bot/metrics/metrics.hpp"
#include "bot/slack/call_queue.hpp"
#include "bot/slack/curl_slack_api.hpp"
#include "bot/slack/curl_socket_driver.hpp"

namespace spdlog {
class logger;
}

namespace escbot::slack {

/// Sends the calls of a CallQueue over libcurl's multi interface, from an Asio io_context that
/// its own I/O thread ("slack-io") runs: one multi handle (its connection cache, HTTP/2
/// multiplexing), pooled easy handles, curl's sockets watched through CurlSocketDriver. Each
/// round (Pump) takes new calls, starts what has a slot, lets curl act, and hands each finished
/// attempt back to the queue.
///
/// Thread-safety: Submit, Queue() and Stop may be called from any thread (Stop never from the
/// I/O thread); the rest runs on the I/O thread.
class CurlEngine {
public:
    /// Starts the I/O thread. Throws std::runtime_error if libcurl cannot be set up.
    CurlEngine(CurlSlackApiOptions options, metrics::Registry& registry);
    /// Stops and frees every handle.
    ~CurlEngine();
    CurlEngine(const CurlEngine&) = delete;
    CurlEngine& operator=(const CurlEngine&) = delete;

    /// Hands a call to the queue and wakes the I/O thread for it when needed.
    void Submit(QueuedCallPtr call);
    const CallQueue& Queue() const { return queue_; }
    /// See CurlSlackApi::Stop.
    void Stop();
    boost::asio::io_context& IoContext() { return io_; }

private:
    struct SlistDeleter {
        void operator()(curl_slist* list) const { curl_slist_free_all(list); }
    };
    using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

    // One attempt of a call on the wire.
    struct Transfer {
        QueuedCallPtr call;
        SlistPtr own_headers;  // only when the call's token overrides the bot token
        std::string answer;    // the body, as curl writes it
    };

    static CurlSlackApiOptions Normalized(CurlSlackApiOptions options);
    static SlistPtr MakeHeaders(bool form, std::string_view token);
    void RunIoThread();
    void Pump();
    void Arm();
    void Done();
    void StartReady(CallQueue::TimePoint now);
    void StartAttempt(QueuedCallPtr call);
    CURL* TakeHandle();
    void ReturnHandle(CURL* easy);
    bool CollectFinished(bool stopping);
    void AbandonInFlight();

    const CurlSlackApiOptions options_;
    CallQueue queue_;
    std::shared_ptr<spdlog::logger> log_;
    CURLM* multi_ = nullptr;
    std::optional<CurlSocketDriver> driver_;  // before curl_multi_cleanup, it unhooks itself
    SlistPtr json_headers_;
    SlistPtr form_headers_;

    // The I/O thread runs io_ (and, when shared, an HTTP server's connections).
    boost::asio::io_context io_{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
        io_.get_executor()};
    std::optional<boost::asio::posix::stream_descriptor> curl_sockets_;  // driver_->Handle()
    boost::asio::steady_timer wakeup_{io_};

    // Owned by the I/O thread.
    bool watching_ = false;
    std::optional<CallQueue::TimePoint> wakeup_at_;
    bool stopping_ = false;
    CallQueue::TimePoint stop_deadline_;
    bool done_ = false;
    std::vector<CURL*> idle_handles_;
    std::unordered_map<CURL*, Transfer> in_flight_;  // nodes stay put: curl writes into `answer`

    std::mutex stop_mutex_;
    std::thread thread_;
};

}  // namespace escbot::slack
