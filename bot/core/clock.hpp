#pragma once

#include <atomic>
#include <chrono>

namespace escbot {

using Seconds = std::chrono::seconds;
using TimePoint = std::chrono::sys_seconds;

/// The source of "now" for all logic: schedules, deadlines and ladder windows read time only
/// through a Clock so that tests can set it to the second. Implementations are thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint Now() const = 0;
};

/// The wall clock, for production.
class SystemClock final : public Clock {
public:
    TimePoint Now() const override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

/// A clock that moves only when told to; for tests and for the console's "advance" command.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}

    TimePoint Now() const override { return TimePoint(Seconds(now_.load())); }
    void Set(TimePoint t) { now_.store(t.time_since_epoch().count()); }
    void Advance(Seconds d) { now_.fetch_add(d.count()); }

private:
    std::atomic<long long> now_;
};

/// The wall clock moved forward by an adjustable offset: console mode's `advance 30s` lets a
/// person watch a 30-second ladder window or a next-day reminder without waiting for it.
class OffsetClock final : public Clock {
public:
    TimePoint Now() const override { return system_.Now() + Seconds(offset_.load()); }
    void Advance(Seconds d) { offset_.fetch_add(d.count()); }

private:
    SystemClock system_;
    std::atomic<long long> offset_{0};
};

inline long long ToUnix(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromUnix(long long s) { return TimePoint(Seconds(s)); }

}  // namespace escbot
