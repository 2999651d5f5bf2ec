// The OutboxWorker's bookkeeping after a send: an item that failed for good (its dependents and
// the person to tell), the retry delay, and the gauges /metrics reads.

#include <algorithm>
#include <random>

#include <spdlog/logger.h>

#include "bot/slack/failure_notice.hpp"
#include "bot/slack/outbox_worker.hpp"
#include "bot/slack/outbox_worker_shared.hpp"

namespace escbot::slack {

using SteadyClock = std::chrono::steady_clock;

void OutboxWorker::RecordFailed(const storage::OutboxItem& item, const std::string& error,
                                int attempts) {
    const TimePoint now = clock_.Now();
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
    registry_
        .GetCounter("escbot_outbox_results_total", "Outbox sends by method and outcome.",
                    {{"method", item.method}, {"result", "failed"}})
        .Inc();
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
