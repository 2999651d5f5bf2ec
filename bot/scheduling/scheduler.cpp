#include "bot/scheduling/scheduler.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "bot/core/logging.hpp"
#include "storage/claim_owner.hpp"

namespace escbot::scheduling {
namespace {

using namespace std::chrono_literals;

// RunDue reads at most this many batches per call, so that a handler that keeps scheduling
// timers due at once cannot trap it; the thread calls RunDue again right away.
constexpr int kMaxBatchesPerRun = 100;

std::shared_ptr<spdlog::logger>& Log() {
    static auto logger = logging::Get("scheduler");
    return logger;
}

}  // namespace

Scheduler::Scheduler(storage::Store& store, const Clock& clock, SchedulerOptions options)
    : store_(store), clock_(clock), options_(options) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::On(std::string kind, Handler handler) {
    if (thread_.joinable()) throw std::logic_error("Scheduler::On after Start: " + kind);
    handlers_[std::move(kind)] = std::move(handler);
}

int Scheduler::RunDue() {
    const TimePoint now = clock_.Now();
    int fired = 0;
    for (int batch = 0; batch < kMaxBatchesPerRun; ++batch) {
        // Claimed and committed first: another replica fires none of these while the claim lasts.
        std::vector<storage::Timer> due;
        store_.ClaimTx([&](storage::UnitOfWork& u) {
            due = u.Timers().ClaimDue(now, options_.batch, storage::ThisClaimOwner(),
                                      now + storage::kClaimLease);
        });
        for (const storage::Timer& timer : due) {
            if (Fire(timer)) ++fired;
        }
        if (static_cast<int>(due.size()) < options_.batch) break;
    }
    return fired;
}

bool Scheduler::Fire(const storage::Timer& timer) {
    const auto handler = handlers_.find(timer.kind);
    try {
        return store_.Write([&](storage::UnitOfWork& u) {
            // Re-read under the write lock: the timer may have been cancelled, moved (new id) or
            // fired by a concurrent RunDue since it was listed.
            const std::optional<storage::Timer> current = u.Timers().Find(timer.key);
            if (!current || current->id != timer.id) return false;
            u.Timers().Remove(current->id);
            if (handler == handlers_.end()) {
                Log()->warn("no handler for timer kind {} (key {}); removed", timer.kind,
                            timer.key);
                return false;
            }
            handler->second(*current, u);
            return true;
        });
    } catch (const std::exception& e) {
        Log()->error("timer {} (key {}) failed, retrying in {}s: {}", timer.kind, timer.key,
                     options_.retry_delay.count(), e.what());
    } catch (...) {
        Log()->error("timer {} (key {}) failed with a non-standard exception, retrying in {}s",
                     timer.kind, timer.key, options_.retry_delay.count());
    }
    RetryLater(timer);
    return false;
}

void Scheduler::RetryLater(const storage::Timer& timer) {
    try {
        store_.WriteTx([&](storage::UnitOfWork& u) {
            std::optional<storage::Timer> current = u.Timers().Find(timer.key);
            if (!current || current->id != timer.id) return;
            current->due_at = clock_.Now() + options_.retry_delay;
            u.Timers().Schedule(*current);
        });
    } catch (const std::exception& e) {
        Log()->error("timer {} (key {}) could not be moved for retry: {}", timer.kind, timer.key,
                     e.what());
    }
}

void Scheduler::Start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) throw std::logic_error("Scheduler::Start called twice");
    stopping_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Notify() {
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_one();
}

void Scheduler::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

// Runs what is due and returns how long to sleep before looking again.
std::chrono::milliseconds Scheduler::Tick() {
    const auto next_due = [this] {
        return store_.Read([](storage::UnitOfWork& u) { return u.Timers().NextDue(); });
    };
    try {
        std::optional<TimePoint> next = next_due();
        bool fired_any = false;
        if (next && *next <= clock_.Now()) {
            fired_any = RunDue() > 0;
            next = next_due();
        }
        if (!next) return options_.max_sleep;
        const TimePoint now = clock_.Now();
        if (*next <= now) {
            // Still due after a pass: a handler scheduled it (run again at once), or firing
            // failed without moving the timer (storage trouble: do not spin).
            return fired_any ? 0ms : options_.fine_poll;
        }
        const auto until = *next - now;
        if (until <= 1s) return options_.fine_poll;
        return std::min(options_.max_sleep,
                        std::chrono::duration_cast<std::chrono::milliseconds>(until - 1s));
    } catch (const std::exception& e) {
        Log()->error("scheduler pass failed: {}", e.what());
    } catch (...) {
        Log()->error("scheduler pass failed with a non-standard exception");
    }
    return options_.max_sleep;
}

void Scheduler::Loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        notified_ = false;
        lock.unlock();
        const auto sleep = Tick();
        lock.lock();
        if (sleep > 0ms) {
            wake_.wait_for(lock, sleep, [this] { return stopping_ || notified_; });
        }
    }
}

}  // namespace escbot::scheduling
