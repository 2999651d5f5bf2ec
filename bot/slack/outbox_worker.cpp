#include "bot/slack/outbox_worker.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <unordered_set>
#include <vector>

#include <spdlog/logger.h>

#include "bot/core/logging.hpp"
#include "bot/slack/outbox_worker_shared.hpp"
#include "storage/claim_owner.hpp"

namespace escbot::slack {
namespace {

// How far one round looks past lane heads that wait for their channel's slot.
constexpr int kMostHeadsPerRound = 1024;

using SteadyClock = std::chrono::steady_clock;

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
    std::vector<storage::OutboxItem> chosen;
    std::unordered_set<long long> seen;
    // Lanes in flight still show their head item: ask for enough to fill the free slots, and
    // further while the heads seen wait for their channel's slot, so that a burst of posts to
    // one channel does not hold up every other lane (direct messages, updates, other channels).
    int wanted = free + static_cast<int>(in_flight_lanes_.size());
    for (;;) {
        std::vector<storage::OutboxItem> due;
        std::optional<TimePoint> next_attempt;
        // Claimed, committed before anything leaves: another replica on the same database sends
        // none of these while the claim lasts (in flight here, a lane's head is renewed each
        // round).
        store_.ClaimTx([&](storage::UnitOfWork& uow) {
            due = uow.Outbox().ClaimDue(now, wanted, storage::ThisClaimOwner(),
                                        now + storage::kClaimLease);
            for (auto& item : due) {
                if (!in_flight_lanes_.contains(item.lane) && !seen.contains(item.id)) {
                    ResolveKeys(uow.MessageRefs(), item);
                }
            }
            next_attempt = uow.Outbox().NextAttemptAt();
        });
        if (next_attempt && *next_attempt > now) {
            next_wake_ = std::min(next_wake_, steady_now + (*next_attempt - now));
        }
        const bool more_due = static_cast<int>(due.size()) == wanted;
        Choose(due, free, steady_now, seen, chosen);
        if (static_cast<int>(chosen.size()) >= free || !more_due || !paced_items_waiting_ ||
            wanted >= kMostHeadsPerRound) {
            break;
        }
        wanted = std::min(wanted * 4, kMostHeadsPerRound);
    }
    MarkAttempts(chosen, now, steady_now);
    for (auto& item : chosen) {
        if (item.method == "chat.postMessage" && item.outcome_unknown) {
            StartLookup(std::move(item));
        } else {
            Send(std::move(item));
        }
    }
    const int started = static_cast<int>(chosen.size());
    if (channel_next_post_.size() > 4096) {
        std::erase_if(channel_next_post_,
                      [&](const auto& entry) { return entry.second <= steady_now; });
    }
    return started;
}

void OutboxWorker::Choose(std::vector<storage::OutboxItem>& due, int free,
                          SteadyClock::time_point steady_now, std::unordered_set<long long>& seen,
                          std::vector<storage::OutboxItem>& chosen) {
    for (auto& item : due) {
        if (static_cast<int>(chosen.size()) >= free) break;
        if (!seen.insert(item.id).second) continue;
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
        chosen.push_back(std::move(item));
    }
}

void OutboxWorker::MarkAttempts(std::vector<storage::OutboxItem>& chosen, TimePoint now,
                                SteadyClock::time_point steady_now) {
    // A post may reach Slack and its answer be lost (a crash, a timeout): its first attempt and
    // the unknown outcome are on disk before it leaves, so that the next send looks it up first.
    std::vector<storage::OutboxItem*> fresh_posts;
    for (auto& item : chosen) {
        if (item.method == "chat.postMessage" && !item.outcome_unknown) fresh_posts.push_back(&item);
    }
    if (fresh_posts.empty()) return;
    try {
        store_.WriteTx([&](storage::UnitOfWork& uow) {
            for (const auto* item : fresh_posts) uow.Outbox().MarkAttempting(item->id, now);
        });
    } catch (...) {
        // Nothing leaves this round: give the channels' slots back.
        for (const auto& item : chosen) FreeChannelSlot(item, steady_now);
        throw;
    }
    for (auto* item : fresh_posts) {
        if (!item->first_attempt_at) item->first_attempt_at = now;
    }
}

void OutboxWorker::Send(storage::OutboxItem item) {
    in_flight_lanes_.insert(item.lane);
    CallOptions options;
    options.max_attempts = 1;  // retries go through storage, so they survive a restart
    std::string method = item.method;
    nlohmann::json args = item.args;
    if (method == "chat.postMessage") AddOutboxMetadata(args, item.id);
    api_.Call(std::move(method), std::move(args), options,
              [shared = shared_, item = std::move(item)](const ApiResult& result) {
                  shared->Add(Finished{item, result, SteadyClock::now(), nullptr});
              });
}

void OutboxWorker::FreeChannelSlot(const storage::OutboxItem& item,
                                   SteadyClock::time_point when) {
    if (item.method != "chat.postMessage") return;
    const std::string channel = StringArg(item.args, "channel");
    if (!channel.empty()) channel_next_post_[channel] = when;
}

void OutboxWorker::ApplyFinished() {
    std::vector<Finished> batch;
    {
        std::lock_guard lock(shared_->mutex);
        batch.swap(shared_->finished);
    }
    for (const auto& finished : batch) {
        if (finished.lookup) {
            OnLookupAnswer(finished);  // keeps or frees the lane itself
            continue;
        }
        in_flight_lanes_.erase(finished.item.lane);
        // The next post to this channel reaches Slack at least one interval after this one was
        // answered, hence after it arrived, whatever the network's latency.
        FreeChannelSlot(finished.item, finished.answered_at + options_.channel_post_interval);
        try {
            Record(finished);
        } catch (const std::exception& e) {
            // The item stays pending and goes out again (a post is looked up first).
            Log()->error("outbox item={} outcome not recorded: {}", finished.item.id, e.what());
        }
    }
}

void OutboxWorker::RecordSent(const storage::OutboxItem& item,
                              const std::optional<storage::MessageRef>& ref, const char* outcome) {
    const TimePoint now = clock_.Now();
    store_.WriteTx([&](storage::UnitOfWork& uow) {
        uow.Outbox().MarkSent(item.id, now);
        if (ref) uow.MessageRefs().Put(*ref);
    });
    if (!item.result_key.empty() && !ref) {
        Log()->warn("outbox item={} method={} answer has no channel/ts for result_key", item.id,
                    item.method);
    }
    Log()->debug("outbox item={} method={} {} lane={}", item.id, item.method, outcome, item.lane);
    registry_
        .GetCounter("escbot_outbox_results_total", "Outbox sends by method and outcome.",
                    {{"method", item.method}, {"result", outcome}})
        .Inc();
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
        std::optional<storage::MessageRef> ref;
        if (!item.result_key.empty()) ref = RefFromAnswer(item, result.body);
        RecordSent(item, ref, "sent");
        return;
    }

    // A post that Slack may have taken keeps its mark: the next attempt looks it up first. One
    // that it certainly did not take loses it.
    const bool post = item.method == "chat.postMessage";
    const bool unsure = post && OutcomeUnknown(result);
    const std::string error = result.error.empty() ? "unknown_error" : result.error;
    if (IsTokenWideError(error)) {
        // The item stays as it was: it is not the message's fault.
        if (post) store_.WriteTx([&](storage::UnitOfWork& uow) { uow.Outbox().MarkOutcomeKnown(item.id); });
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
    // An unsure post is never given up here: the lookup before its next attempt decides.
    const bool exhausted =
        !unsure && options_.max_attempts > 0 && attempts >= options_.max_attempts;
    if ((unsure || IsRetryable(result)) && !exhausted) {
        const auto delay = RetryDelay(result, attempts);
        store_.WriteTx([&](storage::UnitOfWork& uow) {
            uow.Outbox().MarkRetry(item.id, now + delay, error);
            if (post && !unsure) uow.Outbox().MarkOutcomeKnown(item.id);
        });
        Log()->info("outbox item={} method={} error={} attempts={} retry in {}s{}", item.id,
                    item.method, error, attempts, delay.count(),
                    unsure ? " (looked up first: Slack may have taken it)" : "");
        count("retry");
        return;
    }
    RecordFailed(item, error, attempts);
}

}  // namespace escbot::slack
