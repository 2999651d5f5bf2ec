#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace escbot::storage::postgres {

/// A bounded pool of `T`s (a connection with what is bound to it), made on demand by `make` up to
/// `max` at once. A borrower that finds all `max` lent waits up to `wait` for one to come back.
/// Thread-safe.
template <class T>
class Pool {
public:
    Pool(std::function<std::unique_ptr<T>()> make, int max, std::chrono::milliseconds wait)
        : make_(std::move(make)), max_(max), wait_(wait) {}

    /// An idle one (most recently returned first), else a new one; throws what `make` throws, or
    /// std::runtime_error when none came back within the wait.
    std::unique_ptr<T> Borrow() {
        std::unique_lock lock(mutex_);
        const auto deadline = std::chrono::steady_clock::now() + wait_;
        for (;;) {
            if (!idle_.empty()) {
                auto item = std::move(idle_.back());
                idle_.pop_back();
                return item;
            }
            if (open_ < max_) {
                ++open_;
                lock.unlock();
                try {
                    return make_();
                } catch (...) {
                    Forget(1);
                    throw;
                }
            }
            if (available_.wait_until(lock, deadline) == std::cv_status::timeout &&
                idle_.empty() && open_ >= max_) {
                throw std::runtime_error("no PostgreSQL connection came free within " +
                                         std::to_string(wait_.count()) + " ms (pool of " +
                                         std::to_string(max_) + ")");
            }
        }
    }

    /// Returns a healthy one for the next borrower.
    void Return(std::unique_ptr<T> item) {
        {
            const std::lock_guard lock(mutex_);
            idle_.push_back(std::move(item));
        }
        available_.notify_one();
    }

    /// Closes a broken one, and every idle one with it: after a database restart they are all
    /// dead, and finding that out one failed transaction at a time would fail each in turn.
    void Discard(std::unique_ptr<T> item) {
        item.reset();
        std::vector<std::unique_ptr<T>> idle;
        {
            const std::lock_guard lock(mutex_);
            idle.swap(idle_);
        }
        Forget(static_cast<int>(idle.size()) + 1);
    }

    int Open() const {
        const std::lock_guard lock(mutex_);
        return open_;
    }

private:
    void Forget(int count) {
        {
            const std::lock_guard lock(mutex_);
            open_ -= count;
        }
        available_.notify_all();
    }

    std::function<std::unique_ptr<T>()> make_;
    const int max_;
    const std::chrono::milliseconds wait_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<T>> idle_;
    int open_ = 0;  // lent + idle
};

}  // namespace escbot::storage::postgres
