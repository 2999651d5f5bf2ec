#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace escbot::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

/// A monotonically increasing count. Inc is lock-free.
class Counter {
public:
    void Inc(std::uint64_t by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
    std::uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

/// Observations counted into fixed upper-bound buckets, with their sum. Observe is lock-free.
class Histogram {
public:
    /// The bounds are sorted and de-duplicated; +Inf is implicit.
    explicit Histogram(std::vector<double> upper_bounds);
    /// Counts `value` in the first bucket whose bound is >= value. NaN is ignored.
    void Observe(double value);

    const std::vector<double>& upper_bounds() const { return bounds_; }
    std::vector<std::uint64_t> BucketCounts() const;  // cumulative, one per bound, then +Inf
    double Sum() const;
    std::uint64_t Count() const;

private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // non-cumulative; last is +Inf
    std::atomic<double> sum_{0.0};
};

/// Every metric of the process, rendered in the Prometheus text format for GET /metrics.
/// Thread-safe. Getters return references that stay valid for the registry's lifetime: cache
/// them on hot paths. Asking for a name already registered as another type throws
/// std::logic_error (a programming error). A gauge's read function runs under the registry's
/// lock: it must not call back into the registry.
class Registry {
public:
    Counter& GetCounter(std::string_view name, std::string_view help, const Labels& labels = {});
    Histogram& GetHistogram(std::string_view name, std::string_view help, const Labels& labels,
                            const std::vector<double>& upper_bounds);
    /// A value read at scrape time (queue depth, age of the oldest item, ...).
    void SetGauge(std::string_view name, std::string_view help, std::function<double()> read);
    /// One labelled series of a gauge family (escbot_watchdog_problem{check="..."}); setting the
    /// same label set again replaces its read function. Label values: codes, never personal data.
    void SetGauge(std::string_view name, std::string_view help, const Labels& labels,
                  std::function<double()> read);

    std::string RenderText() const;

private:
    struct Family {
        std::string help;
        std::string type;
        std::map<std::string, std::unique_ptr<Counter>> counters;      // by rendered label set
        std::map<std::string, std::unique_ptr<Histogram>> histograms;  // by rendered label set
        std::function<double()> gauge;
        std::map<std::string, std::function<double()>> labelled_gauges;  // by rendered label set
    };
    Family& FamilyFor(std::string_view name, std::string_view help, const char* type);

    mutable std::mutex mutex_;
    std::map<std::string, Family, std::less<>> families_;
};

/// Seconds buckets for request latencies: 100 µs to 10 s.
const std::vector<double>& LatencyBuckets();

}  // namespace escbot::metrics
