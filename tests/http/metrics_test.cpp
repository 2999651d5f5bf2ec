#include "bot/metrics/metrics.hpp"

#include <limits>
#include <stdexcept>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace escbot::metrics {
namespace {

using testing::HasSubstr;

TEST(Metrics, CounterRendersWithHelpTypeAndLabels) {
    Registry registry;
    registry.GetCounter("escbot_things_total", "Things.", {{"kind", "a"}}).Inc(3);

    const std::string text = registry.RenderText();

    EXPECT_THAT(text, HasSubstr("# HELP escbot_things_total Things.\n"));
    EXPECT_THAT(text, HasSubstr("# TYPE escbot_things_total counter\n"));
    EXPECT_THAT(text, HasSubstr("escbot_things_total{kind=\"a\"} 3\n"));
}

TEST(Metrics, SameNameAndLabelsGiveTheSameCounter) {
    Registry registry;

    Counter& first = registry.GetCounter("c_total", "C.", {{"route", "x"}});
    Counter& second = registry.GetCounter("c_total", "C.", {{"route", "x"}});
    Counter& other = registry.GetCounter("c_total", "C.", {{"route", "y"}});

    EXPECT_EQ(&first, &second);
    EXPECT_NE(&first, &other);
}

TEST(Metrics, LabelValuesAreEscaped) {
    Registry registry;
    registry.GetCounter("c_total", "C.", {{"path", "a\"b\\c\nd"}}).Inc();

    EXPECT_THAT(registry.RenderText(), HasSubstr(R"(c_total{path="a\"b\\c\nd"} 1)"));
}

TEST(Metrics, HelpTextIsEscaped) {
    Registry registry;
    registry.GetCounter("c_total", "line one\nback\\slash");

    EXPECT_THAT(registry.RenderText(), HasSubstr("# HELP c_total line one\\nback\\\\slash\n"));
}

TEST(Metrics, HistogramBucketsAreCumulativeWithInfSumAndCount) {
    Registry registry;
    Histogram& h = registry.GetHistogram("lat_seconds", "Latency.", {}, {0.1, 1});
    h.Observe(0.05);
    h.Observe(0.1);  // a bound is inclusive
    h.Observe(0.5);
    h.Observe(7);

    const std::string text = registry.RenderText();

    EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{le=\"0.1\"} 2\n"));
    EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{le=\"1\"} 3\n"));
    EXPECT_THAT(text, HasSubstr("lat_seconds_bucket{le=\"+Inf\"} 4\n"));
    EXPECT_THAT(text, HasSubstr("lat_seconds_sum 7.65\n"));
    EXPECT_THAT(text, HasSubstr("lat_seconds_count 4\n"));
}

TEST(Metrics, HistogramSumKeepsFullPrecision) {
    Registry registry;

    registry.GetHistogram("h", "H.", {}, {1}).Observe(1234.5678);

    EXPECT_THAT(registry.RenderText(), HasSubstr("h_sum 1234.5678\n"));
}

TEST(Metrics, HistogramSumOfNegativeValuesDoesNotWrapAround) {
    Histogram h({0});

    h.Observe(-0.5);

    EXPECT_DOUBLE_EQ(h.Sum(), -0.5);
    EXPECT_EQ(h.BucketCounts().front(), 1u);
}

TEST(Metrics, HistogramIgnoresNaN) {
    Histogram h({1});

    h.Observe(std::numeric_limits<double>::quiet_NaN());

    EXPECT_EQ(h.Count(), 0u);
    EXPECT_DOUBLE_EQ(h.Sum(), 0.0);
}

TEST(Metrics, HistogramBoundsAreSortedAndDeduplicated) {
    Histogram h({1, 0.1, 1, 0.5});

    EXPECT_EQ(h.upper_bounds(), (std::vector<double>{0.1, 0.5, 1}));
}

TEST(Metrics, LatencyBucketBoundsRenderAsPlainDecimals) {
    Registry registry;
    registry.GetHistogram("ack_seconds", "Ack.", {}, LatencyBuckets()).Observe(0.0002);

    const std::string text = registry.RenderText();

    EXPECT_THAT(text, HasSubstr("ack_seconds_bucket{le=\"0.0001\"} 0\n"));
    EXPECT_THAT(text, HasSubstr("ack_seconds_bucket{le=\"0.00025\"} 1\n"));
    EXPECT_THAT(text, HasSubstr("ack_seconds_bucket{le=\"2.5\"} 1\n"));
    EXPECT_THAT(text, HasSubstr("ack_seconds_bucket{le=\"10\"} 1\n"));
}

TEST(Metrics, GaugeIsReadAtScrapeTime) {
    Registry registry;
    int depth = 3;
    registry.SetGauge("queue_depth", "Depth.", [&depth] { return double(depth); });
    depth = 5;

    EXPECT_THAT(registry.RenderText(), HasSubstr("queue_depth 5\n"));
}

TEST(Metrics, GaugeThatThrowsRendersNaNInsteadOfFailingTheScrape) {
    Registry registry;
    registry.SetGauge("broken", "Broken.", []() -> double { throw std::runtime_error("db gone"); });

    EXPECT_THAT(registry.RenderText(), HasSubstr("broken NaN\n"));
}

TEST(Metrics, LabelledGaugesRenderOneSeriesPerLabelSetUnderOneHeader) {
    Registry registry;
    int stalled = 0;
    registry.SetGauge("escbot_watchdog_problem", "Open.", {{"check", "outbox_stalled"}},
                      [&stalled] { return double(stalled); });
    registry.SetGauge("escbot_watchdog_problem", "Open.", {{"check", "ladder_stuck"}},
                      [] { return 0.0; });
    registry.SetGauge("escbot_watchdog_problem", "Open.", {{"check", "ladder_stuck"}},
                      [] { return 1.0; });  // replaces the first
    stalled = 1;

    const std::string text = registry.RenderText();

    EXPECT_THAT(text, HasSubstr("# TYPE escbot_watchdog_problem gauge\n"
                                "escbot_watchdog_problem{check=\"ladder_stuck\"} 1\n"
                                "escbot_watchdog_problem{check=\"outbox_stalled\"} 1\n"));
    EXPECT_EQ(text.find("# TYPE escbot_watchdog_problem"),
              text.rfind("# TYPE escbot_watchdog_problem"));
}

TEST(Metrics, ReusingANameAsAnotherTypeThrows) {
    Registry registry;
    registry.GetCounter("x_total", "X.");

    EXPECT_THROW(registry.GetHistogram("x_total", "X.", {}, {1}), std::logic_error);
}

TEST(Metrics, ConcurrentIncrementsAreAllCounted) {
    Registry registry;
    Counter& counter = registry.GetCounter("c_total", "C.");
    Histogram& histogram = registry.GetHistogram("h", "H.", {}, {1});

    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10'000; ++i) {
                counter.Inc();
                histogram.Observe(0.5);
            }
        });
    }
    for (auto& thread : threads) thread.join();

    EXPECT_EQ(counter.Value(), 40'000u);
    EXPECT_EQ(histogram.Count(), 40'000u);
    EXPECT_DOUBLE_EQ(histogram.Sum(), 20'000.0);
}

}  // namespace
}  // namespace escbot::metrics
