#pragma once

// The OutboxWorker's private types and log, shared by its three source files.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include <spdlog/logger.h>

#include "bot/core/logging.hpp"
#include "bot/slack/outbox_worker.hpp"

namespace escbot::slack {

/// The outbox's log ("outbox").
inline const std::shared_ptr<spdlog::logger>& Log() {
    static const auto log = logging::Get("outbox");
    return log;
}

/// A call the outbox made and its answer: a send, or one step of a lookup (`lookup` set).
struct OutboxWorker::Finished {
    storage::OutboxItem item;
    ApiResult result;
    std::chrono::steady_clock::time_point answered_at;
    std::shared_ptr<MessageLookup> lookup;
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

    void Add(Finished done) {
        {
            std::lock_guard lock(mutex);
            finished.push_back(std::move(done));
        }
        wake.notify_all();
    }
};

}  // namespace escbot::slack
