#include "bot/socket_mode/socket_mode_client.hpp"

#include <algorithm>
#include <future>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include <boost/asio/post.hpp>

#include "bot/socket_mode/socket_mode_client_impl.hpp"

namespace escbot::socket_mode {

SocketModeClient::Impl::Impl(Options options, slack::SlackApi& api, Dispatcher dispatch,
                             metrics::Registry& metrics)
    : options_(std::move(options)),
      api_(api),
      dispatch_(std::move(dispatch)),
      tls_(detail::MakeVerifyingTlsContext()),
      retry_timer_(io_),
      hello_timer_(io_),
      dedupe_(options_.dedupe_window, options_.dedupe_max_entries),
      rng_(std::random_device{}()),
      metrics_(metrics) {
    for (const char* type : {"slash_commands", "interactive", "events_api", "other"}) {
        envelopes_[type] = &metrics.GetCounter("escbot_socket_mode_envelopes_total",
                                               "Socket Mode envelopes received, by type",
                                               {{"type", type}});
    }
    redeliveries_ = &metrics.GetCounter(
        "escbot_socket_mode_redeliveries_total",
        "Envelopes received again with an envelope_id already handled (acked, not dispatched)");
    acks_ = &metrics.GetCounter("escbot_socket_mode_acks_total", "Socket Mode acks sent");
    unacked_failures_ = &metrics.GetCounter(
        "escbot_socket_mode_unacked_failures_total",
        "events_api envelopes left unacked because their handler failed (Slack delivers again)");
    ack_latency_ = &metrics.GetHistogram("escbot_socket_mode_ack_latency_seconds",
                                         "From envelope received to ack queued", {},
                                         metrics::LatencyBuckets());
    metrics.SetGauge("escbot_socket_mode_connected",
                     "1 while a Socket Mode connection is live",
                     [flag = connected_] { return flag->load() ? 1.0 : 0.0; });
}

void SocketModeClient::Impl::Start() {
    {
        std::lock_guard lock(lifecycle_mutex_);
        if (started_) throw std::logic_error("SocketModeClient::Start called twice");
        started_ = true;
    }
    state_ = State::kConnecting;
    work_.emplace(io_.get_executor());
    pool_.emplace(static_cast<std::size_t>(std::max(1, options_.handler_threads)));
    io_thread_ = std::thread([this] { RunIo(); });
    net::post(io_, [this] { Connect(nullptr); });
}

void SocketModeClient::Impl::Stop() {
    {
        std::lock_guard lock(lifecycle_mutex_);
        if (!started_ || stopped_) {
            if (!started_) state_ = State::kStopped;
            return;
        }
        stopped_ = true;
    }
    // 1. No new envelopes are dispatched; 2. handlers in flight finish and their acks are
    // queued; 3. every connection closes after writing what is queued; 4. the thread ends.
    RunOnIoAndWait([this] { BeginStop(); });
    pool_->join();
    RunOnIoAndWait([this] { CloseAll(); });
    work_.reset();
    io_thread_.join();
    connected_->store(false);
    if (state_ != State::kFailed) state_ = State::kStopped;
    Log()->info("socket mode stopped");
}

// ---- lifecycle (caller threads) ----

void SocketModeClient::Impl::RunIo() {
    for (;;) {
        try {
            io_.run();
            return;
        } catch (const std::exception& e) {
            Log()->error("socket mode I/O handler failed: {}", e.what());
        } catch (...) {
            Log()->error("socket mode I/O handler failed");
        }
    }
}

template <class F>
void SocketModeClient::Impl::RunOnIoAndWait(F f) {
    std::promise<void> done;
    net::post(io_, [&] {
        f();
        done.set_value();
    });
    done.get_future().wait();
}

SocketModeClient::SocketModeClient(Options options, slack::SlackApi& api, Dispatcher dispatch,
                                   metrics::Registry& metrics) {
    if (options.app_token.empty())
        throw std::invalid_argument("Socket Mode needs an app-level token (xapp-…)");
    if (!dispatch) throw std::invalid_argument("Socket Mode needs a dispatcher");
    impl_ = std::make_shared<Impl>(std::move(options), api, std::move(dispatch), metrics);
}

SocketModeClient::~SocketModeClient() {
    try {
        Stop();
    } catch (...) {
        // Destructors never throw; Stop() only throws on a broken thread library.
    }
}

void SocketModeClient::Start() { impl_->Start(); }
void SocketModeClient::Stop() { impl_->Stop(); }
bool SocketModeClient::Connected() const { return impl_->Connected(); }
SocketModeClient::State SocketModeClient::state() const { return impl_->state(); }
std::string SocketModeClient::FatalError() const { return impl_->FatalError(); }

const char* StateName(SocketModeClient::State state) {
    switch (state) {
        case SocketModeClient::State::kIdle: return "idle";
        case SocketModeClient::State::kConnecting: return "connecting";
        case SocketModeClient::State::kConnected: return "connected";
        case SocketModeClient::State::kFailed: return "failed";
        case SocketModeClient::State::kStopped: return "stopped";
    }
    return "unknown";
}

}  // namespace escbot::socket_mode
