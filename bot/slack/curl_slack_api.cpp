#include "bot/slack/curl_slack_api.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <curl/curl.h>
#include <pthread.h>
#include <spdlog/logger.h>

#include "bot/core/logging.hpp"
#include "bot/slack/curl_socket_driver.hpp"
#include "bot/slack/answer_reader.hpp"
#include "bot/slack/call_labels.hpp"
#include "bot/slack/form_encoding.hpp"
#include "bot/slack/json_text.hpp"

namespace escbot::slack {
// Not an anonymous namespace: CurlSlackApi::Engine (external linkage) holds these types.
namespace curl_internal {

namespace net = boost::asio;
using SteadyClock = std::chrono::steady_clock;
using SteadyTime = SteadyClock::time_point;
using std::chrono::milliseconds;

constexpr std::string_view kCallsMetric = "escbot_slack_api_calls_total";
constexpr std::string_view kCallsHelp = "Slack Web API calls finished, by method and result.";

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

SlistPtr MakeHeaders(bool form, std::string_view token) {
    curl_slist* list = nullptr;
    auto add = [&list](const std::string& line) {
        curl_slist* grown = curl_slist_append(list, line.c_str());
        if (grown == nullptr) {
            curl_slist_free_all(list);
            throw std::runtime_error("curl_slist_append failed");
        }
        list = grown;
    };
    add(form ? "Content-Type: application/x-www-form-urlencoded"
             : "Content-Type: application/json; charset=utf-8");
    add("Authorization: Bearer " + std::string(token));
    // No "Expect: 100-continue" round trip before larger bodies (views are several kB).
    add("Expect:");
    return SlistPtr(list);
}

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

ApiResult TransportFailure(std::string error) {
    ApiResult result;
    result.kind = ApiResult::Kind::kTransport;
    result.error = std::move(error);
    return result;
}

long long ToNanos(SteadyTime t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// Calls that spend a trigger_id, which expires 3 s after the user's click.
bool IsTriggerMethod(std::string_view method) {
    return method == "views.open" || method == "views.push";
}

// One Call() from acceptance to its callback.
struct Request {
    std::string method;
    std::string body;
    bool form = false;
    AnswerParsing parsing = AnswerParsing::kFull;
    SlistPtr own_headers;  // only when CallOptions.token overrides the bot token
    SteadyTime deadline;
    int max_attempts = 1;
    ApiCallback done;
    SteadyTime queued_at;  // when it last entered the start queue (for Saturated)
    int attempts = 0;
    std::optional<ApiResult> last;  // the previous attempt's outcome, while a retry waits
    std::string response;
    std::string log_ids;
    CURL* easy = nullptr;  // while in flight
    std::size_t in_flight_slot = 0;
};
using RequestPtr = std::unique_ptr<Request>;

}  // namespace curl_internal

using namespace curl_internal;

class CurlSlackApi::Engine {
public:
    Engine(CurlSlackApiOptions options, metrics::Registry& registry)
        : options_(Normalized(std::move(options))),
          registry_(registry),
          log_(logging::Get("slack")) {
        InitCurlOnce();
        multi_ = curl_multi_init();
        if (multi_ == nullptr) throw std::runtime_error("curl_multi_init failed");
        curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, options_.max_connections);
        curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, options_.max_connections);
        driver_.emplace(multi_);
        json_headers_ = MakeHeaders(false, options_.bot_token);
        form_headers_ = MakeHeaders(true, options_.bot_token);
        std::random_device seed;
        rng_.seed(seed());
        curl_sockets_.emplace(io_, driver_->Handle());
        thread_ = std::thread([this] { RunIoThread(); });
    }

    ~Engine() {
        Stop();
        for (CURL* easy : idle_handles_) curl_easy_cleanup(easy);
        if (curl_sockets_) curl_sockets_->release();  // the driver owns (and closes) the fd
        curl_sockets_.reset();
        driver_.reset();
        curl_multi_cleanup(multi_);
    }

    net::io_context& IoContext() { return io_; }

    void Submit(RequestPtr request) {
        const char* refused = nullptr;
        bool wake = false;
        {
            std::lock_guard lock(incoming_mutex_);
            if (stop_requested_) {
                refused = "shutdown";
            } else if (pending_.load(std::memory_order_relaxed) >= options_.max_queued) {
                refused = "queue_full";
            } else {
                pending_.fetch_add(1, std::memory_order_relaxed);
                request->queued_at = SteadyClock::now();
                if (oldest_waiting_ns_.load(std::memory_order_relaxed) == 0) {
                    oldest_waiting_ns_.store(ToNanos(request->queued_at),
                                             std::memory_order_relaxed);
                }
                // The I/O thread takes the whole batch at once: one wakeup per batch suffices.
                wake = incoming_.empty();
                incoming_.push_back(std::move(request));
            }
        }
        if (refused != nullptr) {
            RefuseNow(std::move(request), refused);
            return;
        }
        // From the I/O thread itself (a handler of the shared HTTP server) this costs no wakeup.
        // The call starts once the handlers already queued there have run, so the calls of one
        // batch of requests go out together: one wakeup of the receiver instead of one each.
        // Posted twice, so that it also runs after what those handlers post in turn: the HTTP
        // server writes its acks one hop later, and acks go before the work they acknowledge.
        if (wake) net::post(io_, [this] { net::post(io_, [this] { Pump(); }); });
    }

    std::size_t Pending() const { return pending_.load(std::memory_order_relaxed); }

    bool Saturated() const {
        if (Pending() > options_.saturation_pending) return true;
        return OldestWait() > options_.saturation_age;
    }

    // How long the oldest call not yet started has waited (0 when none waits).
    std::chrono::nanoseconds OldestWait() const {
        const long long oldest = oldest_waiting_ns_.load(std::memory_order_relaxed);
        if (oldest == 0) return std::chrono::nanoseconds(0);
        return std::chrono::nanoseconds(ToNanos(SteadyClock::now()) - oldest);
    }

    bool Backlogged() const { return OldestWait() > options_.backlog_age; }

    bool IsPaused(std::string_view method) const {
        std::lock_guard lock(paused_mutex_);
        const auto it = paused_until_.find(method);
        return it != paused_until_.end() && it->second > SteadyClock::now();
    }

    void Stop() {
        std::lock_guard stop_lock(stop_mutex_);
        if (!thread_.joinable()) return;
        {
            std::lock_guard lock(incoming_mutex_);
            stop_requested_ = true;
        }
        net::post(io_, [this] { Pump(); });
        thread_.join();  // once the engine is done and nothing else has work on io_
    }

private:
    static CurlSlackApiOptions Normalized(CurlSlackApiOptions options) {
        if (!options.base_url.empty() && options.base_url.back() != '/') options.base_url += '/';
        // Plain http:// means HTTP/1.1, one request per connection: anything beyond the
        // connections would queue inside libcurl, where Saturated() cannot see it.
        if (options.base_url.starts_with("http://") && options.max_connections > 0) {
            options.max_in_flight = std::min(options.max_in_flight,
                                             static_cast<std::size_t>(options.max_connections));
        }
        options.max_in_flight = std::max<std::size_t>(options.max_in_flight, 1);
        return options;
    }

    struct Pause {
        SteadyTime until;
        std::deque<RequestPtr> waiting;  // calls to the paused method, in order
    };

    void RunIoThread() {
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

    // One round of the engine, on the I/O thread: take new calls, release retries and pauses
    // that are due, start what has a slot, let curl act on ready sockets and its timer, finish
    // what completed. Runs when calls arrive, when curl's epoll set becomes readable and when
    // a timer is due; it never blocks.
    void Pump() {
        if (done_) return;
        const SteadyTime now = SteadyClock::now();
        if (TakeIncoming(batch_) && !stopping_) {
            stopping_ = true;
            stop_deadline_ = now + options_.stop_timeout;
        }
        if (stopping_) {
            AbandonWaiting();
            if (in_flight_.empty()) return Done();
            if (now >= stop_deadline_) {
                AbandonInFlight();
                return Done();
            }
        } else {
            ReleaseTimers(now);
            StartReady(now);
        }
        const int events = driver_->Poll();
        const bool finished = CollectFinished(stopping_);
        PublishOldestWaiting();
        // More may be ready behind these (sockets beyond one epoll batch, calls waiting for the
        // slots just freed): go round again once the handlers queued meanwhile have run. The
        // round that finds nothing re-arms the watchers.
        if (events > 0 || finished) {
            net::post(io_, [this] { Pump(); });
            return;
        }
        Arm();
    }

    // Wakes Pump when curl's sockets become ready or at the earliest due time (curl's timer,
    // a retry, the end of a pause, the stop deadline).
    void Arm() {
        if (!watching_) {
            watching_ = true;
            curl_sockets_->async_wait(net::posix::descriptor_base::wait_read,
                                      [this](const boost::system::error_code& ec) {
                                          watching_ = false;
                                          if (!ec) Pump();
                                      });
        }
        std::optional<SteadyTime> next = driver_->TimerDue();
        auto earliest = [&next](SteadyTime t) { next = next ? std::min(*next, t) : t; };
        if (stopping_) earliest(stop_deadline_);
        if (!delayed_.empty()) earliest(delayed_.begin()->first);
        for (const auto& [method, pause] : pauses_) earliest(pause.until);
        if (!next) return;
        if (*next <= SteadyClock::now()) {
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

    // The engine has nothing left to do: the I/O thread returns once nothing else (a shared
    // HTTP server) has work on io_.
    void Done() {
        done_ = true;
        PublishOldestWaiting();
        wakeup_.cancel();
        curl_sockets_->cancel();
        work_.reset();
    }

    // Moves newly submitted calls to the start queue; returns whether Stop() was requested.
    bool TakeIncoming(std::vector<RequestPtr>& batch) {
        bool stop = false;
        {
            std::lock_guard lock(incoming_mutex_);
            batch.swap(incoming_);
            stop = stop_requested_;
        }
        for (auto& request : batch) ready_.push_back(std::move(request));
        batch.clear();
        return stop;
    }

    void ReleaseTimers(SteadyTime now) {
        // Retries are older than the calls queued meanwhile, so they go first.
        std::vector<RequestPtr> due;
        while (!delayed_.empty() && delayed_.begin()->first <= now) {
            due.push_back(std::move(delayed_.begin()->second));
            delayed_.erase(delayed_.begin());
        }
        for (auto it = pauses_.begin(); it != pauses_.end();) {
            if (it->second.until > now) {
                ++it;
                continue;
            }
            for (auto& request : it->second.waiting) due.push_back(std::move(request));
            {
                std::lock_guard lock(paused_mutex_);
                paused_until_.erase(it->first);
            }
            log_->info("slack method={} resumed after rate limit", it->first);
            it = pauses_.erase(it);
        }
        for (auto it = due.rbegin(); it != due.rend(); ++it) {
            (*it)->queued_at = now;
            ready_.push_front(std::move(*it));
        }
    }

    void StartReady(SteadyTime now) {
        while (!ready_.empty() && in_flight_.size() < options_.max_in_flight) {
            RequestPtr request = std::move(ready_.front());
            ready_.pop_front();
            if (now >= request->deadline) {
                ApiResult result = request->last ? std::move(*request->last)
                                                 : TransportFailure("deadline_exceeded");
                Finish(std::move(request), std::move(result));
                continue;
            }
            if (!pauses_.empty()) {
                const auto pause = pauses_.find(request->method);
                if (pause != pauses_.end()) {
                    WaitForPause(std::move(request), pause->second, now);
                    continue;
                }
            }
            StartAttempt(std::move(request));
        }
    }

    void WaitForPause(RequestPtr request, Pause& pause, SteadyTime now) {
        // No attempt could start before the deadline: answer now rather than at the deadline.
        if (request->deadline <= pause.until) {
            ApiResult result;
            if (request->last) {
                result = std::move(*request->last);
            } else {
                result.kind = ApiResult::Kind::kRateLimited;
                result.error = "ratelimited";
                result.http_status = 429;
                result.retry_after = std::chrono::ceil<std::chrono::seconds>(pause.until - now);
            }
            Finish(std::move(request), std::move(result));
            return;
        }
        pause.waiting.push_back(std::move(request));
    }

    CURL* TakeHandle() {
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
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                         static_cast<long>(options_.total_timeout.count()));
        curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
        // Wait for an existing HTTP/2 connection to multiplex on rather than open another.
        curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
        curl_easy_setopt(easy, CURLOPT_USERAGENT, "escalation-bot");
        return easy;
    }

    void ReturnHandle(CURL* easy) {
        if (idle_handles_.size() < options_.max_in_flight) {
            idle_handles_.push_back(easy);
        } else {
            curl_easy_cleanup(easy);
        }
    }

    void StartAttempt(RequestPtr request) {
        CURL* easy = TakeHandle();
        if (easy == nullptr) {
            Finish(std::move(request), TransportFailure("curl_easy_init failed"));
            return;
        }
        ++request->attempts;
        request->response.clear();
        url_.assign(options_.base_url).append(request->method);
        curl_slist* headers = request->own_headers ? request->own_headers.get()
                              : request->form      ? form_headers_.get()
                                                   : json_headers_.get();
        curl_easy_setopt(easy, CURLOPT_URL, url_.c_str());
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request->body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request->body.data());
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &request->response);
        curl_easy_setopt(easy, CURLOPT_PRIVATE, request.get());
        if (curl_multi_add_handle(multi_, easy) != CURLM_OK) {
            ReturnHandle(easy);
            Finish(std::move(request), TransportFailure("curl_multi_add_handle failed"));
            return;
        }
        request->easy = easy;
        request->in_flight_slot = in_flight_.size();
        in_flight_.push_back(request.release());
    }

    RequestPtr TakeInFlight(Request* raw) {
        // Swap-remove keeps removal O(1); the moved request learns its new slot.
        Request* last = in_flight_.back();
        in_flight_[raw->in_flight_slot] = last;
        last->in_flight_slot = raw->in_flight_slot;
        in_flight_.pop_back();
        return RequestPtr(raw);
    }

    // Returns whether any call finished.
    bool CollectFinished(bool stopping) {
        bool any = false;
        int left = 0;
        while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
            if (message->msg != CURLMSG_DONE) continue;
            any = true;
            // `message` dies with remove_handle: read it first.
            CURL* easy = message->easy_handle;
            const CURLcode code = message->data.result;
            char* private_data = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &private_data);
            curl_multi_remove_handle(multi_, easy);
            RequestPtr request = TakeInFlight(reinterpret_cast<Request*>(private_data));

            ApiResult result;
            if (code != CURLE_OK) {
                result = TransportFailure(curl_easy_strerror(code));
            } else {
                long status = 0;
                curl_off_t retry_after = 0;
                curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
                curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after);
                result = ReadHttpAnswer(static_cast<int>(status), request->response,
                                        static_cast<long long>(retry_after),
                                        options_.default_retry_after, request->parsing);
            }
            request->easy = nullptr;
            ReturnHandle(easy);
            OnAttemptDone(std::move(request), std::move(result), SteadyClock::now(), stopping);
        }
        return any;
    }

    void OnAttemptDone(RequestPtr request, ApiResult result, SteadyTime now, bool stopping) {
        result.attempts = request->attempts;
        const bool rate_limited = result.kind == ApiResult::Kind::kRateLimited;
        // A 429 pauses its method, except for calls that spend a trigger_id: each of those has
        // its own 3-second window, and a pause would let every trigger behind it expire. Such
        // a call alone waits for Retry-After (if its window allows); the others go on.
        const bool pauses_method = rate_limited && !IsTriggerMethod(request->method);
        if (pauses_method) PauseMethod(request->method, now + result.retry_after);
        if (stopping || request->attempts >= request->max_attempts || !IsRetryable(result)) {
            Finish(std::move(request), std::move(result));
            return;
        }
        const auto delay = rate_limited
                               ? std::chrono::duration_cast<milliseconds>(result.retry_after)
                               : Backoff(request->attempts);
        if (now + delay >= request->deadline) {
            Finish(std::move(request), std::move(result));
            return;
        }
        request->last = std::move(result);
        if (pauses_method) {
            // It was sent before the calls now waiting for the same pause, so it goes first.
            pauses_[request->method].waiting.push_front(std::move(request));
        } else {
            delayed_.emplace(now + delay, std::move(request));
        }
    }

    void PauseMethod(const std::string& method, SteadyTime until) {
        Pause& pause = pauses_[method];
        if (pause.until >= until) return;
        pause.until = until;
        {
            std::lock_guard lock(paused_mutex_);
            paused_until_[method] = until;
        }
        log_->warn("slack method={} rate limited; paused for {} ms", method,
                   std::chrono::duration_cast<milliseconds>(until - SteadyClock::now()).count());
    }

    milliseconds Backoff(int attempts) {
        const int shift = std::min(attempts - 1, 20);
        const milliseconds full = std::min<milliseconds>(
            options_.retry_max_delay, options_.retry_base_delay * (1LL << shift));
        // Half fixed, half random: spreads retries of calls that failed together.
        std::uniform_int_distribution<long long> jitter(0, full.count() / 2);
        return milliseconds(full.count() - full.count() / 2 + jitter(rng_));
    }

    void PublishOldestWaiting() {
        std::lock_guard lock(incoming_mutex_);
        long long oldest = 0;
        if (!ready_.empty()) {
            oldest = ToNanos(ready_.front()->queued_at);
        } else if (!incoming_.empty()) {
            oldest = ToNanos(incoming_.front()->queued_at);
        }
        oldest_waiting_ns_.store(oldest, std::memory_order_relaxed);
    }

    void AbandonWaiting() {
        while (!ready_.empty()) {
            RequestPtr request = std::move(ready_.front());
            ready_.pop_front();
            Finish(std::move(request), TransportFailure("shutdown"));
        }
        for (auto& [when, request] : delayed_)
            Finish(std::move(request), TransportFailure("shutdown"));
        delayed_.clear();
        for (auto& [method, pause] : pauses_) {
            for (auto& request : pause.waiting) {
                Finish(std::move(request), TransportFailure("shutdown"));
            }
        }
        pauses_.clear();
        std::lock_guard lock(paused_mutex_);
        paused_until_.clear();
    }

    void AbandonInFlight() {
        while (!in_flight_.empty()) {
            RequestPtr request(in_flight_.back());
            in_flight_.pop_back();
            curl_multi_remove_handle(multi_, request->easy);
            curl_easy_cleanup(request->easy);
            request->easy = nullptr;
            ApiResult result = TransportFailure("shutdown");
            result.attempts = request->attempts;
            Finish(std::move(request), std::move(result));
        }
    }

    void Finish(RequestPtr request, ApiResult result) {
        pending_.fetch_sub(1, std::memory_order_relaxed);
        CounterFor(request->method, result).Inc();
        LogFinished(*request, result);
        try {
            request->done(result);
        } catch (const std::exception& e) {
            log_->error("slack method={} callback threw: {}", request->method, e.what());
        } catch (...) {
            log_->error("slack method={} callback threw", request->method);
        }
    }

    // For calls refused before they were queued: runs on the caller's thread.
    void RefuseNow(RequestPtr request, const char* error) {
        ApiResult result = TransportFailure(error);
        registry_
            .GetCounter(kCallsMetric, kCallsHelp,
                        {{"method", request->method}, {"result", MetricResult(result)}})
            .Inc();
        LogFinished(*request, result);
        try {
            request->done(result);
        } catch (...) {
            log_->error("slack method={} callback threw", request->method);
        }
    }

    // The registry's lookup renders labels under a mutex: cache the counters on this thread.
    metrics::Counter& CounterFor(const std::string& method, const ApiResult& result) {
        auto& by_result = counters_[method];
        std::string label = MetricResult(result);
        auto it = by_result.find(label);
        if (it == by_result.end()) {
            auto& counter = registry_.GetCounter(kCallsMetric, kCallsHelp,
                                                 {{"method", method}, {"result", label}});
            it = by_result.emplace(std::move(label), &counter).first;
        }
        return *it->second;
    }

    void LogFinished(const Request& request, const ApiResult& result) {
        const auto level = result.ok() ? spdlog::level::debug : spdlog::level::warn;
        if (!log_->should_log(level)) return;
        std::string ids = request.log_ids;
        if (result.ok() && result.body.is_object()) AppendLoggableIds(ids, ResultIds(result.body));
        log_->log(level, "slack call method={} result={} attempts={} http={}{}", request.method,
                  MetricResult(result), result.attempts, result.http_status, ids);
    }

    // The ids of an answer worth logging: a posted message's ts, an opened view's id.
    static nlohmann::json ResultIds(const nlohmann::json& body) {
        nlohmann::json ids = nlohmann::json::object();
        if (const auto ts = body.find("ts"); ts != body.end() && ts->is_string()) ids["ts"] = *ts;
        if (const auto view = body.find("view"); view != body.end() && view->is_object()) {
            if (const auto id = view->find("id"); id != view->end() && id->is_string()) {
                ids["view_id"] = *id;
            }
        }
        return ids;
    }

    const CurlSlackApiOptions options_;
    metrics::Registry& registry_;
    std::shared_ptr<spdlog::logger> log_;
    CURLM* multi_ = nullptr;
    std::optional<CurlSocketDriver> driver_;  // before curl_multi_cleanup, it unhooks itself
    SlistPtr json_headers_;
    SlistPtr form_headers_;

    // The engine's I/O thread runs io_ (and, when shared, an HTTP server's connections).
    net::io_context io_{1};
    net::executor_work_guard<net::io_context::executor_type> work_{io_.get_executor()};
    std::optional<net::posix::stream_descriptor> curl_sockets_;  // watches driver_->Handle()
    net::steady_timer wakeup_{io_};

    // Owned by the I/O thread.
    bool watching_ = false;
    std::optional<SteadyTime> wakeup_at_;
    bool stopping_ = false;
    SteadyTime stop_deadline_;
    bool done_ = false;
    std::vector<RequestPtr> batch_;
    std::vector<CURL*> idle_handles_;
    std::vector<Request*> in_flight_;  // owning; released from RequestPtr while on the wire
    std::deque<RequestPtr> ready_;
    std::multimap<SteadyTime, RequestPtr> delayed_;
    std::unordered_map<std::string, Pause> pauses_;
    std::unordered_map<std::string, std::unordered_map<std::string, metrics::Counter*>> counters_;
    std::minstd_rand rng_;
    std::string url_;

    // Shared with callers.
    mutable std::mutex incoming_mutex_;
    std::vector<RequestPtr> incoming_;
    bool stop_requested_ = false;
    std::atomic<std::size_t> pending_{0};
    std::atomic<long long> oldest_waiting_ns_{0};
    mutable std::mutex paused_mutex_;
    std::map<std::string, SteadyTime, std::less<>> paused_until_;
    std::mutex stop_mutex_;
    std::thread thread_;
};

CurlSlackApi::CurlSlackApi(CurlSlackApiOptions options, metrics::Registry& registry)
    : engine_(std::make_unique<Engine>(std::move(options), registry)) {}

CurlSlackApi::~CurlSlackApi() = default;

void CurlSlackApi::Call(std::string method, nlohmann::json args, CallOptions options,
                        ApiCallback done) {
    if (args.is_null()) args = nlohmann::json::object();  // `{}` in a braced call is null
    const bool form = IsFormEncodedMethod(method);
    std::string body = form ? FormEncode(args) : ToJsonText(args);
    std::string log_ids;
    AppendLoggableIds(log_ids, args);
    Submit(std::move(method), std::move(body), std::move(log_ids), std::move(options),
           std::move(done));
}

void CurlSlackApi::CallWithJsonText(std::string method, std::string json_args,
                                    CallOptions options, ApiCallback done) {
    if (IsFormEncodedMethod(method)) {
        SlackApi::CallWithJsonText(std::move(method), std::move(json_args), std::move(options),
                                   std::move(done));
        return;
    }
    Submit(std::move(method), std::move(json_args), {}, std::move(options), std::move(done));
}

void CurlSlackApi::Submit(std::string method, std::string body, std::string log_ids,
                          CallOptions options, ApiCallback done) {
    auto request = std::make_unique<Request>();
    request->form = IsFormEncodedMethod(method);
    if (!options.read_body) request->parsing = AnswerParsing::kStatusOnly;
    request->body = std::move(body);
    request->log_ids = std::move(log_ids);
    if (!options.token.empty()) request->own_headers = MakeHeaders(request->form, options.token);
    request->method = std::move(method);
    request->deadline = options.deadline;
    request->max_attempts = std::max(1, options.max_attempts);
    request->done = std::move(done);
    engine_->Submit(std::move(request));
}

std::size_t CurlSlackApi::Pending() const { return engine_->Pending(); }

bool CurlSlackApi::Saturated() const { return engine_->Saturated(); }
bool CurlSlackApi::Backlogged() const { return engine_->Backlogged(); }

bool CurlSlackApi::IsPaused(std::string_view method) const { return engine_->IsPaused(method); }

void CurlSlackApi::Stop() { engine_->Stop(); }

boost::asio::io_context& CurlSlackApi::IoContext() { return engine_->IoContext(); }

}  // namespace escbot::slack
