#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

namespace escbot::bench {

/// Microseconds on CLOCK_MONOTONIC (steady_clock on Linux): the send time written into each
/// trigger_id, and the clock the fake Web API subtracts it from.
inline std::int64_t MonotonicMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// What became of each request the load generator sent, by its sequence number: how the bot
/// answered (accepted with an empty 200, or refused with an ephemeral "busy" message) and whether
/// its views.open reached the fake Web API (and how late). Written by the load generator's thread
/// and the fake's thread; thread-safe.
class Ledger {
public:
    enum Flag : std::uint8_t {
        kAccepted = 1,     // empty 200: the bot took the work on
        kRefused = 2,      // 200 with a message body: the bot said it is busy
        kArrived = 4,      // views.open with this trigger_id answered ok by the fake
        kLate = 8,         // ... more than 3 s after the request was sent (trigger expired)
        kRateLimited = 16,  // at least one views.open of it was answered 429
        kDuplicate = 32,    // its views.open was answered ok more than once
        kServerError = 64   // at least one views.open of it was answered 500 (--fault500)
    };

    /// Allocates the next sequence number (starting at 1).
    std::uint64_t Next() {
        std::lock_guard lock(mutex_);
        flags_.push_back(0);
        return flags_.size() - 1;
    }

    /// Returns the flags it had before (to tell a second arrival from the first). Ignores
    /// sequence numbers never allocated (a trigger_id the bot made up), returning 0.
    std::uint8_t Mark(std::uint64_t seq, std::uint8_t flag) {
        std::lock_guard lock(mutex_);
        if (seq == 0 || seq >= flags_.size()) return 0;
        const std::uint8_t before = flags_[seq];
        flags_[seq] |= flag;
        return before;
    }

    /// Requests in [first, last) whose flags contain all of `with` and none of `without`.
    std::size_t Count(std::uint64_t first, std::uint64_t last, std::uint8_t with,
                      std::uint8_t without = 0) const {
        std::lock_guard lock(mutex_);
        std::size_t n = 0;
        for (std::uint64_t i = first; i < last && i < flags_.size(); ++i) {
            if ((flags_[i] & with) == with && (flags_[i] & without) == 0) ++n;
        }
        return n;
    }

    /// One past the last sequence number allocated so far.
    std::uint64_t End() const {
        std::lock_guard lock(mutex_);
        return flags_.size();
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::uint8_t> flags_ = std::vector<std::uint8_t>(1, 0);  // seq 0 is never used
};

}  // namespace escbot::bench
