#include "bot/socket_mode/socket_mode_client.hpp"

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "bot/core/logging.hpp"
#include "bot/routing/router.hpp"
#include "bot/socket_mode/backoff.hpp"
#include "bot/socket_mode/envelope_dedupe.hpp"
#include "bot/socket_mode/frame.hpp"
#include "bot/socket_mode/link.hpp"
#include "bot/socket_mode/ws_url.hpp"

namespace escbot::socket_mode {
namespace {

namespace net = boost::asio;  // from <boost/asio.hpp>
using SteadyClock = std::chrono::steady_clock;
using detail::Link;
using detail::LinkEnd;

const std::shared_ptr<spdlog::logger>& Log() {
    static const auto log = logging::Get("socket_mode");
    return log;
}

// Server-sent words (disconnect reasons, envelope types) reach logs and metric labels only when
// they look like Slack's snake_case codes.
std::string Code(std::string_view text) {
    const bool plain = !text.empty() && text.size() <= 40 &&
                       std::all_of(text.begin(), text.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
    return plain ? std::string(text) : std::string("other");
}

double Millis(SteadyClock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

class SocketModeClient::Impl : public std::enable_shared_from_this<Impl> {
public:
    Impl(Options options, slack::SlackApi& api, Dispatcher dispatch, metrics::Registry& metrics)
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
        ack_latency_ = &metrics.GetHistogram("escbot_socket_mode_ack_latency_seconds",
                                             "From envelope received to ack queued", {},
                                             metrics::LatencyBuckets());
        metrics.SetGauge("escbot_socket_mode_connected",
                         "1 while a Socket Mode connection is live",
                         [flag = connected_] { return flag->load() ? 1.0 : 0.0; });
    }

    void Start() {
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

    void Stop() {
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

    bool Connected() const { return connected_->load(); }
    State state() const { return state_.load(); }
    std::string FatalError() const {
        std::lock_guard lock(error_mutex_);
        return fatal_error_;
    }

private:
    // ---- lifecycle (caller threads) ----

    void RunIo() {
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
    void RunOnIoAndWait(F f) {
        std::promise<void> done;
        net::post(io_, [&] {
            f();
            done.set_value();
        });
        done.get_future().wait();
    }

    // ---- everything below runs on the I/O thread ----

    void BeginStop() {
        stopping_ = true;
        retry_timer_.cancel();
        hello_timer_.cancel();
        if (pending_id_ != 0) {
            if (auto it = links_.find(pending_id_); it != links_.end()) it->second->Abort();
        }
    }

    void CloseAll() {
        const auto links = links_;  // Close() may end a link and erase it from links_
        for (const auto& [id, link] : links) link->Close();
        connected_->store(false);
    }

    /// Asks apps.connections.open for a fresh URL. `reason` is null for the first connection.
    void Connect(const char* reason) {
        if (stopping_ || state_ == State::kFailed || attempt_in_progress_) return;
        attempt_in_progress_ = true;
        if (reason != nullptr) {
            metrics_.GetCounter("escbot_socket_mode_reconnects_total",
                                "Socket Mode reconnections started, by cause", {{"reason", reason}})
                .Inc();
        }

        slack::CallOptions call;
        call.token = options_.app_token;  // the only place the app token goes
        call.max_attempts = 1;            // retries are ours, with backoff
        std::weak_ptr<Impl> weak = shared_from_this();
        api_.Call("apps.connections.open", nlohmann::json::object(), std::move(call),
                  [weak](const slack::ApiResult& result) {
                      // Raw `this` in the posted handler: a handler that never runs is destroyed
                      // with io_, and io_ runs only while the Impl is alive.
                      if (auto self = weak.lock()) {
                          Impl* impl = self.get();
                          net::post(impl->io_, [impl, result] { impl->OnConnectionsOpen(result); });
                      }
                  });
    }

    void OnConnectionsOpen(const slack::ApiResult& result) {
        if (stopping_ || state_ == State::kFailed) {
            attempt_in_progress_ = false;
            return;
        }
        if (!result.ok()) {
            attempt_in_progress_ = false;
            if (result.kind == slack::ApiResult::Kind::kPlatform && !slack::IsRetryable(result)) {
                Fail(result.error);
                return;
            }
            Log()->warn("apps.connections.open failed: {} (HTTP {})", Code(result.error),
                        result.http_status);
            const bool limited = result.kind == slack::ApiResult::Kind::kRateLimited;
            ScheduleRetry(limited ? std::chrono::milliseconds(result.retry_after)
                                  : std::chrono::milliseconds(0),
                          "open_failed");
            return;
        }

        const auto url_field = result.body.find("url");
        std::optional<WsUrl> url;
        if (url_field != result.body.end() && url_field->is_string())
            url = ParseWsUrl(url_field->get_ref<const std::string&>());
        if (!url) {
            attempt_in_progress_ = false;
            Log()->warn("apps.connections.open returned no usable ws(s):// url");
            ScheduleRetry(std::chrono::milliseconds(0), "open_failed");
            return;
        }

        const int id = next_link_id_++;
        pending_id_ = id;
        // The URL's query is a connection ticket: log the host only.
        Log()->info("link {}: connecting to {}{}", id, url->HostHeader(),
                    url->tls ? "" : " (plain ws://)");
        detail::LinkSettings settings;
        settings.handshake_timeout = options_.handshake_timeout;
        settings.ping_interval = options_.ping_interval;
        settings.ping_timeout = options_.ping_timeout;
        settings.max_frame_bytes = options_.max_frame_bytes;
        detail::LinkHandlers handlers{
            [this](int link_id, std::string text) { OnText(link_id, std::move(text)); },
            [this](int link_id, LinkEnd end, const std::string& why) {
                OnLinkClosed(link_id, end, why);
            }};
        links_[id] = detail::StartLink(id, io_, tls_, *url, settings, std::move(handlers));

        hello_timer_.expires_after(options_.hello_timeout);
        hello_timer_.async_wait([this, id](boost::system::error_code ec) {
            if (ec || pending_id_ != id) return;
            Log()->warn("link {}: no hello within {} ms", id, options_.hello_timeout.count());
            if (auto it = links_.find(id); it != links_.end()) it->second->Abort();
        });
    }

    void OnText(int link_id, std::string text) {
        Frame frame = ParseFrame(text);
        switch (frame.kind) {
            case Frame::Kind::kHello:
                OnHello(link_id, frame);
                return;
            case Frame::Kind::kDisconnect:
                OnDisconnectFrame(link_id, frame);
                return;
            case Frame::Kind::kEnvelope:
                OnEnvelope(link_id, std::move(frame));
                return;
            case Frame::Kind::kOther:
                Log()->debug("link {}: ignoring frame of type {}", link_id, Code(frame.type));
                return;
            case Frame::Kind::kMalformed:
                Log()->warn("link {}: ignoring a frame that is not a JSON object ({} bytes)",
                            link_id, text.size());
                return;
        }
    }

    void OnHello(int link_id, const Frame& frame) {
        if (link_id != pending_id_) {
            Log()->debug("link {}: extra hello ignored", link_id);
            return;
        }
        hello_timer_.cancel();
        pending_id_ = 0;
        attempt_in_progress_ = false;
        failures_ = 0;
        const int replaced = active_id_;
        active_id_ = link_id;
        connected_->store(true);
        state_ = State::kConnected;
        Log()->info("link {}: connected (num_connections={})", link_id, frame.num_connections);
        // Only now, with the new link live, is the one it replaces closed: nothing is lost.
        if (replaced != 0) {
            if (auto it = links_.find(replaced); it != links_.end()) {
                Log()->info("link {}: closing, replaced by link {}", replaced, link_id);
                it->second->Close();
            }
        }
    }

    void OnDisconnectFrame(int link_id, const Frame& frame) {
        Log()->info("link {}: disconnect requested (reason={})", link_id, Code(frame.reason));
        if (link_id != active_id_ || attempt_in_progress_) return;
        retry_timer_.cancel();
        retry_scheduled_ = false;
        Connect("disconnect_frame");
    }

    void OnLinkClosed(int link_id, LinkEnd end, const std::string& why) {
        links_.erase(link_id);
        const bool expected = end == LinkEnd::kClosedByUs || stopping_;
        if (expected) {
            Log()->info("link {}: closed ({})", link_id, detail::LinkEndName(end));
        } else {
            Log()->warn("link {}: ended: {} {}", link_id, detail::LinkEndName(end), why);
        }

        if (link_id == pending_id_) {
            pending_id_ = 0;
            hello_timer_.cancel();
            attempt_in_progress_ = false;
            ScheduleRetry(std::chrono::milliseconds(0),
                          end == LinkEnd::kRefused ? "connect_failed" : "hello_failed");
        } else if (link_id == active_id_) {
            active_id_ = 0;
            connected_->store(false);
            if (stopping_ || state_ == State::kFailed) return;
            state_ = State::kConnecting;
            // After a disconnect frame the new link is already on its way.
            if (!attempt_in_progress_ && !retry_scheduled_) {
                ScheduleRetry(std::chrono::milliseconds(0),
                              end == LinkEnd::kPingTimeout ? "ping_timeout" : "connection_lost");
            }
        }
    }

    void ScheduleRetry(std::chrono::milliseconds at_least, const char* reason) {
        if (stopping_ || state_ == State::kFailed) return;
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        const auto delay = std::max(
            at_least,
            BackoffDelay(failures_, options_.backoff_initial, options_.backoff_max, unit(rng_)));
        ++failures_;
        retry_scheduled_ = true;
        if (active_id_ == 0) state_ = State::kConnecting;
        Log()->info("reconnecting in {} ms ({}, attempt {})", delay.count(), reason, failures_);
        retry_timer_.expires_after(delay);
        retry_timer_.async_wait([this, reason](boost::system::error_code ec) {
            if (ec) return;
            retry_scheduled_ = false;
            Connect(reason);
        });
    }

    void Fail(const std::string& code) {
        state_ = State::kFailed;
        {
            std::lock_guard lock(error_mutex_);
            fatal_error_ = code;
        }
        Log()->error("apps.connections.open failed with {}: not retrying, Socket Mode is stopped",
                     Code(code));
        retry_timer_.cancel();
        hello_timer_.cancel();
        const auto links = links_;
        for (const auto& [id, link] : links) link->Abort();
        connected_->store(false);
        if (options_.on_fatal) {
            try {
                options_.on_fatal(code);
            } catch (const std::exception& e) {
                Log()->error("on_fatal threw: {}", e.what());
            }
        }
    }

    void OnEnvelope(int link_id, Frame&& frame) {
        if (stopping_) return;  // unacked: Slack delivers it again, to the next connection
        const auto now = SteadyClock::now();
        const auto kind = InboundKindFor(frame.type);
        envelopes_[kind ? frame.type : "other"]->Inc();

        if (EnvelopeDedupe::Entry* seen = dedupe_.Find(frame.envelope_id, now)) {
            redeliveries_->Inc();
            Log()->info("envelope {} type={} redelivered (retry_attempt={}): acked, not dispatched",
                        frame.envelope_id, Code(frame.type), frame.retry_attempt);
            if (seen->ack_frame) {
                SendAck(link_id, frame.envelope_id, *seen->ack_frame);
            } else {
                seen->waiting_links.push_back(link_id);
            }
            return;
        }

        EnvelopeDedupe::Entry& entry = dedupe_.Insert(frame.envelope_id, now);
        if (!kind) {
            Log()->warn("envelope {}: unhandled type {}, acked without dispatch",
                        frame.envelope_id, Code(frame.type));
            entry.ack_frame = AckFrame(frame.envelope_id, false, routing::Ack::Empty());
            SendAck(link_id, frame.envelope_id, *entry.ack_frame);
            return;
        }

        auto read = ToInbound(frame, *kind, now);
        if (const auto* malformed = std::get_if<routing::PayloadError>(&read)) {
            Log()->warn("envelope {}: malformed {} payload ({}), acked without dispatch",
                        frame.envelope_id, Code(frame.type), malformed->error);
            entry.ack_frame = AckFrame(frame.envelope_id, false, routing::Ack::Empty());
            SendAck(link_id, frame.envelope_id, *entry.ack_frame);
            return;
        }
        Job job{frame.envelope_id, frame.type, frame.accepts_response_payload, link_id,
                frame.retry_attempt, now, std::move(std::get<routing::Inbound>(read))};
        net::post(*pool_, [this, job = std::move(job)]() mutable { RunHandler(std::move(job)); });
    }

    struct Job {
        std::string envelope_id;
        std::string type;
        bool accepts_response_payload;
        int link_id;
        int retry_num;
        SteadyClock::time_point received_at;
        routing::Inbound inbound;
    };

    // On a handler thread.
    void RunHandler(Job job) {
        std::string route = routing::RouteName(job.inbound);
        routing::Ack ack = routing::Ack::Empty();
        try {
            ack = dispatch_(job.inbound);
        } catch (const std::exception& e) {
            Log()->error("envelope {}: handler for {} threw: {}", job.envelope_id, route, e.what());
        } catch (...) {
            Log()->error("envelope {}: handler for {} threw", job.envelope_id, route);
        }
        std::string ack_frame = AckFrame(job.envelope_id, job.accepts_response_payload, ack);
        const bool with_payload = job.accepts_response_payload && !ack.IsEmpty();
        job.inbound = {};  // release the payload before the hop back
        net::post(io_, [this, job = std::move(job), route = std::move(route),
                        ack_frame = std::move(ack_frame), with_payload]() mutable {
            OnHandled(std::move(job), route, std::move(ack_frame), with_payload);
        });
    }

    void OnHandled(Job job, const std::string& route, std::string ack_frame, bool with_payload) {
        const auto now = SteadyClock::now();
        std::vector<int> waiting;
        if (EnvelopeDedupe::Entry* entry = dedupe_.Find(job.envelope_id, now)) {
            waiting = std::move(entry->waiting_links);
            entry->waiting_links.clear();
            entry->ack_frame = ack_frame;
        }
        const bool sent = SendAck(job.link_id, job.envelope_id, ack_frame);
        for (int link_id : waiting) SendAck(link_id, job.envelope_id, ack_frame);

        const auto latency = now - job.received_at;
        ack_latency_->Observe(std::chrono::duration<double>(latency).count());
        Log()->info("envelope {} type={} route={} retry={} {} in {:.2f} ms{}", job.envelope_id,
                    job.type, route, job.retry_num, sent ? "acked" : "NOT acked",
                    Millis(latency), with_payload ? " with payload" : "");
    }

    /// Acks on the link the envelope came on, or on the live link if that one is closing (the
    /// SDKs ack on the current connection too). False when no link is open: Slack redelivers.
    bool SendAck(int link_id, const std::string& envelope_id, const std::string& ack_frame) {
        for (int id : {link_id, active_id_}) {
            if (id == 0) continue;
            auto it = links_.find(id);
            if (it != links_.end() && it->second->Send(ack_frame)) {
                acks_->Inc();
                return true;
            }
        }
        Log()->warn("envelope {}: no open connection for the ack", envelope_id);
        return false;
    }

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
    int failures_ = 0;
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
    metrics::Histogram* ack_latency_ = nullptr;
};

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
