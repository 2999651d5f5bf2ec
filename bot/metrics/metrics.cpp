#include "bot/metrics/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace escbot::metrics {
namespace {

std::string EscapeLabelValue(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

std::string RenderLabels(const Labels& labels) {
    std::string out;
    for (const auto& [k, v] : labels) {
        out += out.empty() ? "{" : ",";
        out += k + "=\"" + EscapeLabelValue(v) + "\"";
    }
    if (!out.empty()) out += "}";
    return out;
}

// Adds one more label to an already rendered label set ("{a=\"b\"}" + le -> "{a=\"b\",le=..}").
std::string WithLabel(const std::string& rendered, const std::string& key, const std::string& value) {
    const std::string extra = key + "=\"" + value + "\"";
    if (rendered.empty()) return "{" + extra + "}";
    return rendered.substr(0, rendered.size() - 1) + "," + extra + "}";
}

// The shortest text that reads back as the same double ("%.6g" turned a sum of 1234.5678 s into
// 1234.57), in %g style so that bucket bounds read as usual ("0.0001", "2.5").
std::string FormatNumber(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general);
    return std::string(buf, result.ptr);
}

// HELP text escapes backslash and newline (Prometheus text format).
std::string EscapeHelp(std::string_view help) {
    std::string out;
    for (char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace

namespace {

std::vector<double> SortedBounds(std::vector<double> bounds) {
    std::erase_if(bounds, [](double b) { return std::isnan(b) || std::isinf(b); });
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    return bounds;
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(SortedBounds(std::move(upper_bounds))),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::Observe(double value) {
    if (std::isnan(value)) return;
    size_t i = 0;
    while (i < bounds_.size() && value > bounds_[i]) ++i;
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    // A double sum: the former whole-microsecond integer wrapped around on negative values.
    sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::BucketCounts() const {
    std::vector<std::uint64_t> out;
    std::uint64_t running = 0;
    for (size_t i = 0; i <= bounds_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        out.push_back(running);
    }
    return out;
}

double Histogram::Sum() const { return sum_.load(std::memory_order_relaxed); }

std::uint64_t Histogram::Count() const { return BucketCounts().back(); }

Registry::Family& Registry::FamilyFor(std::string_view name, std::string_view help, const char* type) {
    auto it = families_.find(name);
    if (it == families_.end()) {
        it = families_.emplace(std::string(name), Family{}).first;
        it->second.help = std::string(help);
        it->second.type = type;
    } else if (it->second.type != type) {
        throw std::logic_error("metric " + std::string(name) + " is a " + it->second.type +
                               ", not a " + type);
    }
    return it->second;
}

Counter& Registry::GetCounter(std::string_view name, std::string_view help, const Labels& labels) {
    std::lock_guard lock(mutex_);
    auto& family = FamilyFor(name, help, "counter");
    auto& slot = family.counters[RenderLabels(labels)];
    if (!slot) slot = std::make_unique<Counter>();
    return *slot;
}

Histogram& Registry::GetHistogram(std::string_view name, std::string_view help, const Labels& labels,
                                  const std::vector<double>& upper_bounds) {
    std::lock_guard lock(mutex_);
    auto& family = FamilyFor(name, help, "histogram");
    auto& slot = family.histograms[RenderLabels(labels)];
    if (!slot) slot = std::make_unique<Histogram>(upper_bounds);
    return *slot;
}

void Registry::SetGauge(std::string_view name, std::string_view help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    FamilyFor(name, help, "gauge").gauge = std::move(read);
}

void Registry::SetGauge(std::string_view name, std::string_view help, const Labels& labels,
                        std::function<double()> read) {
    std::lock_guard lock(mutex_);
    FamilyFor(name, help, "gauge").labelled_gauges[RenderLabels(labels)] = std::move(read);
}

std::string Registry::RenderText() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, family] : families_) {
        out += "# HELP " + name + " " + EscapeHelp(family.help) + "\n";
        out += "# TYPE " + name + " " + family.type + "\n";
        for (const auto& [labels, counter] : family.counters)
            out += name + labels + " " + std::to_string(counter->Value()) + "\n";
        for (const auto& [labels, histogram] : family.histograms) {
            const auto counts = histogram->BucketCounts();
            const auto& bounds = histogram->upper_bounds();
            for (size_t i = 0; i < counts.size(); ++i) {
                const std::string le = i < bounds.size() ? FormatNumber(bounds[i]) : "+Inf";
                out += name + "_bucket" + WithLabel(labels, "le", le) + " " + std::to_string(counts[i]) + "\n";
            }
            out += name + "_sum" + labels + " " + FormatNumber(histogram->Sum()) + "\n";
            out += name + "_count" + labels + " " + std::to_string(counts.back()) + "\n";
        }
        // A failing read must not take /metrics down with it.
        const auto read = [](const std::function<double()>& gauge) {
            double value = std::numeric_limits<double>::quiet_NaN();
            try {
                value = gauge();
            } catch (...) {
            }
            return value;
        };
        if (family.gauge) out += name + " " + FormatNumber(read(family.gauge)) + "\n";
        for (const auto& [labels, gauge] : family.labelled_gauges)
            out += name + labels + " " + FormatNumber(read(gauge)) + "\n";
    }
    return out;
}

const std::vector<double>& LatencyBuckets() {
    static const std::vector<double> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                 0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                                 1,      2.5,     5,      10};
    return kBuckets;
}

}  // namespace escbot::metrics
