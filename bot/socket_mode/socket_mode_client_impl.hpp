#pragma once

// Internal to bot/socket_mode: SocketModeClient::Impl, declared once and defined by job over
//   socket_mode_client.cpp             the public class and the lifecycle (Start/Stop, RunIo),
//   socket_mode_client_connection.cpp  connection management on the I/O thread,
//   socket_mode_client_envelopes.cpp   envelope handling (de-duplication, dispatch, acks).
// Asio types appear here, so only those files include it.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "bot/core/logging.hpp"
#include "bot/socket_mode/envelope_dedupe.hpp"
#include "bot/socket_mode/frame.hpp"
#include "bot/socket_mode/link.hpp"
#include "bot/socket_mode/socket_mode_client.hpp"

namespace escbot::socket_mode {

namespace net = boost::asio;  // from <boost/asio.hpp>
using SteadyClock = std::chrono::steady_clock;
using detail::Link;
using detail::LinkEnd;

namespace detail {

inline const std::shared_ptr<spdlog::logger>& Log() {
    static const auto log = logging::Get("socket_mode");
    return log;
}

// Server-sent words (disconnect reasons, envelope types) reach logs and metric labels only when
// they look like Slack's snake_case codes.
inline std::string Code(std::string_view text) {
    const bool plain = !text.empty() && text.size() <= 40 &&
                       std::all_of(text.begin(), text.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
    return plain ? std::string(text) : std::string("other");
}

}  // namespace detail

using detail::Code;
using detail::Log;

class SocketModeClient::Impl : public std::enable_shared_from_this<Impl> {
public:
    // socket_mode_client.cpp
    Impl(Options options, slack::SlackApi& api, Dispatcher dispatch, metrics::Registry& metrics);

    void Start();
    void Stop();

    bool Connected() const { return connected_->load(); }
    State state() const { return state_.load(); }
    std::string FatalError() const {
        std::lock_guard lock(error_mutex_);
        return fatal_error_;
    }

private:
    // ---- lifecycle (caller threads): socket_mode_client.cpp ----

    void RunIo();
    template <class F>
    void RunOnIoAndWait(F f);

    // ---- everything below runs on the I/O thread ----

    // Connection management: socket_mode_client_connection.cpp
    void BeginStop();
    void CloseAll();
    void Connect(const char* reason);
    void OnConnectionsOpen(const slack::ApiResult& result);
    void OnText(int link_id, std::string text);
    void OnHello(int link_id, const Frame& frame);
    void OnDisconnectFrame(int link_id, const Frame& frame);
    void OnLinkClosed(int link_id, LinkEnd end, const std::string& why);
    void ScheduleRetry(std::chrono::milliseconds at_least, const char* reason);
    /// Resets the failure count when the active link lived options_.stable_after; true when
    /// the count is (now) zero.
    bool ForgiveFailuresIfStable();
    void Fail(const std::string& code);

    // Envelope handling: socket_mode_client_envelopes.cpp
    struct Job {
        std::string envelope_id;
        std::string type;
        int link_id;
        int retry_num;
        SteadyClock::time_point received_at;
        routing::Inbound inbound;
    };

    void OnEnvelope(int link_id, Frame&& frame);
    void RunHandler(Job job);  // on a handler thread
    void OnHandled(Job job, const std::string& route, std::string ack_frame, bool with_payload);
    void OnEventFailed(Job job, const std::string& route);
    bool SendAck(int link_id, const std::string& envelope_id, const std::string& ack_frame);

    const Options options_;
    slack::SlackApi& api_;
    const Dispatcher dispatch_;

    net::io_context io_{1};
    net::ssl::context tls_;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
    std::optional<net::thread_pool> pool_;
    std::thread io_thread_;
    std::mutex lifecycle_mutex_;
    bool started_ = false;
    bool stopped_ = false;

    // I/O thread only.
    net::steady_timer retry_timer_;
    net::steady_timer hello_timer_;
    std::map<int, std::shared_ptr<Link>> links_;
    int next_link_id_ = 1;
    int active_id_ = 0;   // the link that said hello last; 0 for none
    int pending_id_ = 0;  // the link waiting for its hello; 0 for none
    bool attempt_in_progress_ = false;  // apps.connections.open or a pending link under way
    bool retry_scheduled_ = false;
    int failures_ = 0;  // failed attempts and short-lived links since the last stable link
    std::chrono::steady_clock::time_point connected_at_{};  // the active link's hello
    bool stopping_ = false;
    EnvelopeDedupe dedupe_;
    std::mt19937_64 rng_;

    // Any thread.
    std::atomic<State> state_{State::kIdle};
    const std::shared_ptr<std::atomic<bool>> connected_ = std::make_shared<std::atomic<bool>>();
    mutable std::mutex error_mutex_;
    std::string fatal_error_;

    metrics::Registry& metrics_;
    std::map<std::string, metrics::Counter*, std::less<>> envelopes_;
    metrics::Counter* redeliveries_ = nullptr;
    metrics::Counter* acks_ = nullptr;
    metrics::Counter* unacked_failures_ = nullptr;
    metrics::Histogram* ack_latency_ = nullptr;
};

}  // namespace escbot::socket_mode
