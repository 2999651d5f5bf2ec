#include "bot/slack/curl_engine.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/asio/post.hpp>
#include <pthread.h>
#include <spdlog/logger.h>

#include "bot/core/logging.hpp"

namespace escbot::slack {
namespace {

namespace net = boost::asio;

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

void InitCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("curl_global_init failed");
        }
    });
}

CallQueueOptions QueueOptions(const CurlSlackApiOptions& options) {
    CallQueueOptions queue;
    queue.max_queued = options.max_queued;
    queue.saturation_pending = options.saturation_pending;
    queue.saturation_age = options.saturation_age;
    queue.backlog_age = options.backlog_age;
    queue.retry_base_delay = options.retry_base_delay;
    queue.retry_max_delay = options.retry_max_delay;
    return queue;
}

}  // namespace

CurlEngine::CurlEngine(CurlSlackApiOptions options, metrics::Registry& registry)
    : options_(Normalized(std::move(options))),
      queue_(QueueOptions(options_), registry),
      log_(logging::Get("slack")) {
    InitCurlOnce();
    multi_ = curl_multi_init();
    if (multi_ == nullptr) throw std::runtime_error("curl_multi_init failed");
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, options_.max_connections);
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, options_.max_connections);
    driver_.emplace(multi_);
    json_headers_ = MakeHeaders(false, options_.bot_token);
    form_headers_ = MakeHeaders(true, options_.bot_token);
    if (!json_headers_ || !form_headers_) throw std::runtime_error("curl_slist_append failed");
    curl_sockets_.emplace(io_, driver_->Handle());
    thread_ = std::thread([this] { RunIoThread(); });
}

CurlEngine::~CurlEngine() {
    Stop();
    for (CURL* easy : idle_handles_) curl_easy_cleanup(easy);
    if (curl_sockets_) curl_sockets_->release();  // the driver owns (and closes) the fd
    curl_sockets_.reset();
    driver_.reset();
    curl_multi_cleanup(multi_);
}

CurlSlackApiOptions CurlEngine::Normalized(CurlSlackApiOptions options) {
    if (!options.base_url.empty() && options.base_url.back() != '/') options.base_url += '/';
    // Plain http:// means HTTP/1.1, one request per connection: anything beyond the connections
    // would queue inside libcurl, where Saturated() cannot see it.
    if (options.base_url.starts_with("http://") && options.max_connections > 0) {
        options.max_in_flight =
            std::min(options.max_in_flight, static_cast<std::size_t>(options.max_connections));
    }
    options.max_in_flight = std::max<std::size_t>(options.max_in_flight, 1);
    return options;
}

// Null if curl cannot allocate the list.
CurlEngine::SlistPtr CurlEngine::MakeHeaders(bool form, std::string_view token) {
    SlistPtr list;
    auto add = [&list](const std::string& line) {
        curl_slist* grown = curl_slist_append(list.get(), line.c_str());
        if (grown == nullptr) return false;
        (void)list.release();
        list.reset(grown);
        return true;
    };
    const bool ok = add(form ? "Content-Type: application/x-www-form-urlencoded"
                             : "Content-Type: application/json; charset=utf-8") &&
                    add("Authorization: Bearer " + std::string(token)) &&
                    // No "Expect: 100-continue" round trip before larger bodies (views are
                    // several kB).
                    add("Expect:");
    if (!ok) list.reset();
    return list;
}

void CurlEngine::Submit(QueuedCallPtr call) {
    if (!queue_.Accept(std::move(call))) return;
    // From the I/O thread itself (a handler of the shared HTTP server) this costs no wakeup. The
    // call starts once the handlers already queued there have run, so the calls of one batch of
    // requests go out together, one wakeup of the receiver for all: starting each inline cost
    // 151-180 us per request against 119-126 (README, A/B). Posted twice, so that it also runs
    // after what those handlers post in turn: the HTTP server writes its acks one hop later, and
    // acks go first (553551d, c=64: 81 us per request against 90, arrival p99 18.8 ms vs 20.4).
    net::post(io_, [this] { net::post(io_, [this] { Pump(); }); });
}

void CurlEngine::Stop() {
    std::lock_guard stop_lock(stop_mutex_);
    if (!thread_.joinable()) return;
    queue_.RequestStop();
    net::post(io_, [this] { Pump(); });
    thread_.join();  // once the engine is done and nothing else has work on io_
}

void CurlEngine::RunIoThread() {
    pthread_setname_np(pthread_self(), "slack-io");
    for (;;) {
        try {
            io_.run();
            return;
        } catch (const std::exception& e) {
            log_->error("slack I/O thread: unexpected exception: {}", e.what());
        } catch (...) {
            log_->error("slack I/O thread: unexpected exception");
        }
    }
}

// One round, on the I/O thread: take new calls, release retries and pauses that are due, start
// what has a slot, let curl act on ready sockets and its timer, finish what completed. Runs when
// calls arrive, when curl's epoll set becomes readable and when a timer is due; never blocks.
void CurlEngine::Pump() {
    if (done_) return;
    const CallQueue::TimePoint now = CallQueue::Clock::now();
    if (queue_.TakeAccepted() && !stopping_) {
        stopping_ = true;
        stop_deadline_ = now + options_.stop_timeout;
    }
    if (stopping_) {
        queue_.AbandonWaiting();
        if (in_flight_.empty()) return Done();
        if (now >= stop_deadline_) {
            AbandonInFlight();
            return Done();
        }
    } else {
        queue_.ReleaseDue(now);
        StartReady(now);
    }
    const int events = driver_->Poll();
    const bool finished = CollectFinished(stopping_);
    queue_.PublishOldestWaiting();
    // More may be ready behind these (sockets beyond one epoll batch, calls waiting for the
    // slots just freed): go round again once the handlers queued meanwhile have run. The round
    // that finds nothing re-arms the watchers.
    if (events > 0 || finished) {
        net::post(io_, [this] { Pump(); });
        return;
    }
    Arm();
}

// Wakes Pump when curl's sockets become ready or at the earliest due time (curl's timer, a
// retry, the end of a pause, the stop deadline).
void CurlEngine::Arm() {
    if (!watching_) {
        watching_ = true;
        curl_sockets_->async_wait(net::posix::descriptor_base::wait_read,
                                  [this](const boost::system::error_code& ec) {
                                      watching_ = false;
                                      if (!ec) Pump();
                                  });
    }
    std::optional<CallQueue::TimePoint> next = driver_->TimerDue();
    auto earliest = [&next](CallQueue::TimePoint t) { next = next ? std::min(*next, t) : t; };
    if (stopping_) earliest(stop_deadline_);
    if (const auto due = queue_.NextDue()) earliest(*due);
    if (!next) return;
    if (*next <= CallQueue::Clock::now()) {
        net::post(io_, [this] { Pump(); });
        return;
    }
    // An earlier wakeup already armed will pump and re-arm for this one.
    if (wakeup_at_ && *wakeup_at_ <= *next) return;
    wakeup_at_ = next;
    wakeup_.expires_at(*next);
    wakeup_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;  // re-armed earlier, or stopped
        wakeup_at_.reset();
        Pump();
    });
}

// Nothing left to do: the I/O thread returns once nothing else (a shared HTTP server) has work
// on io_.
void CurlEngine::Done() {
    done_ = true;
    queue_.PublishOldestWaiting();
    wakeup_.cancel();
    curl_sockets_->cancel();
    work_.reset();
}

void CurlEngine::StartReady(CallQueue::TimePoint now) {
    while (in_flight_.size() < options_.max_in_flight) {
        QueuedCallPtr call = queue_.NextToStart(now);
        if (!call) return;
        StartAttempt(std::move(call));
    }
}

// Easy handles are pooled (libcurl's advice: a reused handle keeps its options and buffers).
// No figure recorded for it; slack_bench was too noisy here to measure it (see issue 15).
CURL* CurlEngine::TakeHandle() {
    if (!idle_handles_.empty()) {
        CURL* easy = idle_handles_.back();
        idle_handles_.pop_back();
        return easy;
    }
    CURL* easy = curl_easy_init();
    if (easy == nullptr) return nullptr;
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &AppendBody);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    // Wait for an existing HTTP/2 connection to multiplex on rather than open another.
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "escalation-bot");
    return easy;
}

void CurlEngine::ReturnHandle(CURL* easy) {
    if (idle_handles_.size() < options_.max_in_flight) {
        idle_handles_.push_back(easy);
    } else {
        curl_easy_cleanup(easy);
    }
}

void CurlEngine::StartAttempt(QueuedCallPtr call) {
    SlistPtr own_headers;
    if (!call->token.empty()) {
        own_headers = MakeHeaders(call->form, call->token);
        if (!own_headers) {
            queue_.Finish(std::move(call), TransportFailure("curl_slist_append failed"));
            return;
        }
    }
    CURL* easy = TakeHandle();
    if (easy == nullptr) {
        queue_.Finish(std::move(call), TransportFailure("curl_easy_init failed"));
        return;
    }
    ++call->attempts;
    Transfer& transfer = in_flight_[easy];
    transfer.own_headers = std::move(own_headers);
    curl_slist* headers = transfer.own_headers ? transfer.own_headers.get()
                          : call->form         ? form_headers_.get()
                                               : json_headers_.get();
    const std::string url = options_.base_url + call->method;  // curl keeps a copy
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call->body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, call->body.data());
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer.answer);
    // libcurl sends a request again, unasked, when a reused connection closes before any answer
    // byte. Slack may have taken the first one: a post would appear twice. A post gets a new
    // connection, so that such an outcome reaches the outbox, which looks the post up first.
    curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, call->method == "chat.postMessage" ? 1L : 0L);
    transfer.call = std::move(call);
    if (curl_multi_add_handle(multi_, easy) != CURLM_OK) {
        QueuedCallPtr failed = std::move(transfer.call);
        in_flight_.erase(easy);
        ReturnHandle(easy);
        queue_.Finish(std::move(failed), TransportFailure("curl_multi_add_handle failed"));
    }
}

// Returns whether any call finished.
bool CurlEngine::CollectFinished(bool stopping) {
    bool any = false;
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
        if (message->msg != CURLMSG_DONE) continue;
        any = true;
        // `message` dies with remove_handle: read it first.
        CURL* easy = message->easy_handle;
        const CURLcode code = message->data.result;
        curl_multi_remove_handle(multi_, easy);
        auto node = in_flight_.extract(easy);
        Transfer& transfer = node.mapped();

        ApiResult result;
        if (code != CURLE_OK) {
            result = TransportFailure(curl_easy_strerror(code));
        } else {
            long status = 0;
            curl_off_t retry_after = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after);
            result = ReadHttpAnswer(static_cast<int>(status), transfer.answer,
                                    static_cast<long long>(retry_after),
                                    options_.default_retry_after, transfer.call->parsing);
        }
        ReturnHandle(easy);
        queue_.OnAttemptDone(std::move(transfer.call), std::move(result), CallQueue::Clock::now(),
                             stopping);
    }
    return any;
}

void CurlEngine::AbandonInFlight() {
    for (auto& [easy, transfer] : in_flight_) {
        curl_multi_remove_handle(multi_, easy);
        curl_easy_cleanup(easy);
        ApiResult result = TransportFailure("shutdown");
        result.attempts = transfer.call->attempts;
        queue_.Finish(std::move(transfer.call), std::move(result));
    }
    in_flight_.clear();
}

}  // namespace escbot::slack
