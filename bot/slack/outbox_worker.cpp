#include "bot/slack/outbox_worker.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

#include <spdlog/logger.h>

#include "bot/core/logging.hpp"

namespace escbot::slack {
namespace {

using SteadyClock = std::chrono::steady_clock;

const std::shared_ptr<spdlog::logger>& Log() {
    static const auto log = logging::Get("outbox");
    return log;
}

std::string StringArg(const nlohmann::json& args, const char* key) {
    if (!args.is_object()) return {};
    const auto it = args.find(key);
    return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void ResolveKeys(storage::MessageRefRepository& refs, storage::OutboxItem& item) {
    if (!item.args.is_object()) item.args = nlohmann::json::object();
    if (!item.thread_key.empty()) {
        if (const auto root = refs.Get(item.thread_key)) {
            item.args["thread_ts"] = root->ts;
            if (!item.args.contains("channel")) item.args["channel"] = root->channel;
        }
    }
    if (!item.ts_key.empty()) {
        if (const auto target = refs.Get(item.ts_key)) {
            item.args["ts"] = target->ts;
            item.args["channel"] = target->channel;
        }
    }
}

// Where Slack put the message: chat.postMessage and chat.update answer `channel` and `ts`,
// chat.postEphemeral only `message_ts` (the channel is the one we asked for).
std::optional<storage::MessageRef> RefFromAnswer(const storage::OutboxItem& item,
                                                 const nlohmann::json& body) {
    std::string channel = StringArg(body, "channel");
    if (channel.empty()) channel = StringArg(item.args, "channel");
    std::string ts = StringArg(body, "ts");
    if (ts.empty()) ts = StringArg(body, "message_ts");
    if (channel.empty() || ts.empty()) return std::nullopt;
    return storage::MessageRef{item.result_key, std::move(channel), std::move(ts)};
}

}  // namespace


struct OutboxWorker::Finished {
    storage::OutboxItem item;
    ApiResult result;
    std::chrono::steady_clock::time_point answered_at;
};

// What the API thread hands to the worker, and the gauges' values. Shared so that a callback
// arriving after the worker is gone, or a scrape after it, touches live memory.
struct OutboxWorker::Shared {
    std::mutex mutex;
    std::condition_variable wake;
    std::vector<Finished> finished;
    bool notified = false;
    bool stop = false;
    std::atomic<double> depth{0};
    std::atomic<double> oldest_age_seconds{0};
    std::atomic<bool> paused{false};
};

OutboxWorker::OutboxWorker(storage::Store& store, SlackApi& api, const Clock& clock,
                           metrics::Registry& registry, OutboxWorkerOptions options)
    : store_(store),
      api_(api),
      clock_(clock),
      registry_(registry),
      options_(options),
      shared_(std::make_shared<Shared>()),
      token_pause_(options.token_probe_interval),
      rng_(std::random_device{}()) {
    registry_.SetGauge("escbot_outbox_depth", "Outbox items waiting to be sent.",
                       [shared = shared_] { return shared->depth.load(); });
    registry_.SetGauge("escbot_outbox_oldest_age_seconds",
                       "Age of the oldest outbox item waiting to be sent.",
                       [shared = shared_] { return shared->oldest_age_seconds.load(); });
    registry_.SetGauge("escbot_outbox_paused",
                       "1 while Slack refuses the bot token and the outbox waits for it.",
                       [shared = shared_] { return shared->paused.load() ? 1.0 : 0.0; });
}

OutboxWorker::~OutboxWorker() { Stop(); }

bool OutboxWorker::Paused() const { return shared_->paused.load(); }

int OutboxWorker::RunOnce() {
    ApplyFinished();
    RefreshGauges(false);
    return SendDue();
}

void OutboxWorker::Start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(shared_->mutex);
        shared_->stop = false;
    }
    thread_ = std::thread([this] { Loop(); });
}

void OutboxWorker::Stop() {
    {
        std::lock_guard lock(shared_->mutex);
        shared_->stop = true;
    }
    shared_->wake.notify_all();
    if (thread_.joinable()) thread_.join();
}

void OutboxWorker::Notify() {
    {
        std::lock_guard lock(shared_->mutex);
        shared_->notified = true;
    }
    shared_->wake.notify_all();
}

bool OutboxWorker::Drain(std::chrono::milliseconds bound) {
    Stop();
    const auto deadline = SteadyClock::now() + bound;
    for (;;) {
        int started = 0;
        try {
            started = RunOnce();
        } catch (const std::exception& e) {
            Log()->error("outbox drain stopped: {}", e.what());
            return false;
        }
        const bool more = started > 0 || !in_flight_lanes_.empty() || paced_items_waiting_;
        if (!more) {
            RefreshGauges(true);
            return true;
        }
        if (SteadyClock::now() >= deadline) return false;
        std::unique_lock lock(shared_->mutex);
        shared_->wake.wait_until(lock, std::min(deadline, next_wake_),
                                 [&] { return !shared_->finished.empty(); });
    }
}

void OutboxWorker::Loop() {
    for (;;) {
        try {
            RunOnce();
        } catch (const std::exception& e) {
            Log()->error("outbox round failed: {}", e.what());
            next_wake_ = SteadyClock::now() + options_.idle_poll;
        } catch (...) {
            Log()->error("outbox round failed");
            next_wake_ = SteadyClock::now() + options_.idle_poll;
        }
        std::unique_lock lock(shared_->mutex);
        shared_->wake.wait_until(lock, next_wake_, [&] {
            return shared_->stop || shared_->notified || !shared_->finished.empty();
        });
        if (shared_->stop) return;
        shared_->notified = false;
    }
}

int OutboxWorker::SendDue() {
    const auto steady_now = SteadyClock::now();
    next_wake_ = steady_now + options_.idle_poll;
    paced_items_waiting_ = false;
    int free = options_.max_in_flight - static_cast<int>(in_flight_lanes_.size());
    if (token_pause_.Paused()) {
        // One item at a time tells whether Slack accepts the token again.
        if (!in_flight_lanes_.empty() || !token_pause_.TakeProbe(steady_now)) {
            next_wake_ = std::min(next_wake_, token_pause_.NextProbe());
            return 0;
        }
        free = 1;
    }
    if (free <= 0) return 0;  // a finished send wakes us

    const TimePoint now = clock_.Now();
    std::vector<storage::OutboxItem> due;
    std::optional<TimePoint> next_attempt;
    store_.ReadTx([&](storage::UnitOfWork& uow) {
        // Lanes in flight still show their head item: ask for enough to fill the free slots.
        due = uow.Outbox().Due(now, free + static_cast<int>(in_flight_lanes_.size()));
        for (auto& item : due) {
            if (!in_flight_lanes_.contains(item.lane)) ResolveKeys(uow.MessageRefs(), item);
        }
        next_attempt = uow.Outbox().NextAttemptAt();
    });
    if (next_attempt && *next_attempt > now) {
        next_wake_ = std::min(next_wake_, steady_now + (*next_attempt - now));
    }

    int started = 0;
    for (auto& item : due) {
        if (started >= free) break;
        if (in_flight_lanes_.contains(item.lane)) continue;
        if (item.method == "chat.postMessage") {
            const std::string channel = StringArg(item.args, "channel");
            if (!channel.empty()) {
                auto& next_slot = channel_next_post_[channel];
                if (next_slot > steady_now) {
                    // time_point::max(): a post to this channel is in flight; its answer wakes us.
                    if (next_slot != SteadyClock::time_point::max()) {
                        next_wake_ = std::min(next_wake_, next_slot);
                    }
                    paced_items_waiting_ = true;
                    continue;
                }
                next_slot = SteadyClock::time_point::max();
            }
        }
        Send(std::move(item));
        ++started;
    }
    if (channel_next_post_.size() > 4096) {
        std::erase_if(channel_next_post_,
                      [&](const auto& entry) { return entry.second <= steady_now; });
    }
    return started;
}

void OutboxWorker::Send(storage::OutboxItem item) {
    in_flight_lanes_.insert(item.lane);
    CallOptions options;
    options.max_attempts = 1;  // retries go through storage, so they survive a restart
    std::string method = item.method;
    nlohmann::json args = item.args;
    api_.Call(std::move(method), std::move(args), options,
              [shared = shared_, item = std::move(item)](const ApiResult& result) {
                  {
                      std::lock_guard lock(shared->mutex);
                      shared->finished.push_back(Finished{item, result, SteadyClock::now()});
                  }
                  shared->wake.notify_all();
              });
}

void OutboxWorker::ApplyFinished() {
    std::vector<Finished> batch;
    {
        std::lock_guard lock(shared_->mutex);
        batch.swap(shared_->finished);
    }
    for (const auto& finished : batch) {
        in_flight_lanes_.erase(finished.item.lane);
        if (finished.item.method == "chat.postMessage") {
            // The next post to this channel reaches Slack at least one interval after this one
            // was answered, hence after it arrived, whatever the network's latency.
            const std::string channel = StringArg(finished.item.args, "channel");
            if (!channel.empty()) {
                channel_next_post_[channel] = finished.answered_at + options_.channel_post_interval;
            }
        }
        try {
            Record(finished);
        } catch (const std::exception& e) {
            // The item stays pending and goes out again: at least once.
            Log()->error("outbox item={} outcome not recorded: {}", finished.item.id, e.what());
        }
    }
}

void OutboxWorker::Record(const Finished& finished) {
    const storage::OutboxItem& item = finished.item;
    const ApiResult& result = finished.result;
    const TimePoint now = clock_.Now();
    auto count = [&](const char* outcome) {
        registry_
            .GetCounter("escbot_outbox_results_total", "Outbox sends by method and outcome.",
                        {{"method", item.method}, {"result", outcome}})
            .Inc();
    };

    if (result.ok() && token_pause_.OnAccepted()) {
        shared_->paused.store(false);
        Log()->warn("Slack accepts the bot token again: the outbox resumes");
        if (options_.on_token_pause_ended) options_.on_token_pause_ended(token_pause_.LastReport(now));
    }
    if (result.ok()) {
        bool ref_missing = false;
        store_.WriteTx([&](storage::UnitOfWork& uow) {
            uow.Outbox().MarkSent(item.id, now);
            if (item.result_key.empty()) return;
            if (const auto ref = RefFromAnswer(item, result.body)) {
                uow.MessageRefs().Put(*ref);
            } else {
                ref_missing = true;
            }
        });
        if (ref_missing) {
            Log()->warn("outbox item={} method={} answer has no channel/ts for result_key", item.id,
                        item.method);
        }
        Log()->debug("outbox item={} method={} sent lane={}", item.id, item.method, item.lane);
        count("sent");
        return;
    }

    const std::string error = result.error.empty() ? "unknown_error" : result.error;
    if (IsTokenWideError(error)) {
        // The item stays as it was: it is not the message's fault.
        if (token_pause_.OnTokenError(error, finished.answered_at, now)) {
            shared_->paused.store(true);
            Log()->error("Slack refuses the bot token ({}): the outbox is paused and loses "
                         "nothing; it resumes once Slack accepts the token (reinstall the app, "
                         "or set a working SLACK_BOT_TOKEN and restart)",
                         error);
        }
        count("paused");
        return;
    }
    const int attempts = item.attempts + 1;
    const bool exhausted = options_.max_attempts > 0 && attempts >= options_.max_attempts;
    if (IsRetryable(result) && !exhausted) {
        const auto delay = RetryDelay(result, attempts);
        store_.WriteTx(
            [&](storage::UnitOfWork& uow) { uow.Outbox().MarkRetry(item.id, now + delay, error); });
        Log()->info("outbox item={} method={} error={} attempts={} retry in {}s", item.id,
                    item.method, error, attempts, delay.count());
        count("retry");
        return;
    }

    int dependents = 0;
    store_.WriteTx([&](storage::UnitOfWork& uow) {
        uow.Outbox().MarkFailed(item.id, error, now);
        // Replies and updates waiting for this message's ts would otherwise wait forever.
        if (!item.result_key.empty()) dependents = uow.Outbox().FailWaitingOn(item.result_key, "parent_failed", now);
        if (item.notify_user.empty()) return;
        storage::OutboxItem notice;
        notice.method = "chat.postMessage";
        notice.args = {{"channel", item.notify_user}, {"text", FailureNoticeText(item, error)}};
        notice.lane = "dm:" + item.notify_user;
        uow.Outbox().Enqueue(notice, now);  // notify_user stays empty: never re-notified
    });
    Log()->warn("outbox item={} method={} failed for good: error={} attempts={} notify={} dependents={}",
                item.id, item.method, error, attempts, item.notify_user.empty() ? "-" : item.notify_user,
                dependents);
    count("failed");
}

std::chrono::seconds OutboxWorker::RetryDelay(const ApiResult& result, int attempts_so_far) {
    if (result.kind == ApiResult::Kind::kRateLimited) {
        return std::max(result.retry_after, std::chrono::seconds(1));
    }
    const int shift = std::clamp(attempts_so_far - 1, 0, 20);
    const long long full = std::min<long long>(options_.retry_max_delay.count(),
                                               options_.retry_base_delay.count() * (1LL << shift));
    // Half fixed, half random, so that items that failed together do not retry together.
    std::uniform_int_distribution<long long> jitter(0, full / 2);
    return std::chrono::seconds(std::max<long long>(1, full - full / 2 + jitter(rng_)));
}

void OutboxWorker::RefreshGauges(bool force) {
    const auto steady_now = SteadyClock::now();
    if (!force && steady_now - last_gauge_refresh_ < std::chrono::seconds(1)) return;
    last_gauge_refresh_ = steady_now;
    const auto stats = store_.Read([](storage::UnitOfWork& uow) { return uow.Outbox().Stats(); });
    shared_->depth.store(static_cast<double>(stats.pending));
    double age = 0;
    if (stats.oldest_pending_created_at) {
        age = static_cast<double>(
            std::max<long long>(0, (clock_.Now() - *stats.oldest_pending_created_at).count()));
    }
    shared_->oldest_age_seconds.store(age);
}

}  // namespace escbot::slack
