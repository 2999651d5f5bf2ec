#include "bot/socket_mode/backoff.hpp"

#include <gtest/gtest.h>

namespace escbot::socket_mode {
namespace {

using std::chrono::milliseconds;

TEST(BackoffDelay, DoublesEachFailureWithinTheUpperHalfOfTheStep) {
    EXPECT_EQ(BackoffDelay(0, milliseconds(1000), milliseconds(30000), 0.0), milliseconds(500));
    EXPECT_EQ(BackoffDelay(0, milliseconds(1000), milliseconds(30000), 0.999), milliseconds(999));
    EXPECT_EQ(BackoffDelay(1, milliseconds(1000), milliseconds(30000), 0.0), milliseconds(1000));
    EXPECT_EQ(BackoffDelay(3, milliseconds(1000), milliseconds(30000), 0.0), milliseconds(4000));
}

TEST(BackoffDelay, NeverExceedsTheCapHoweverManyFailures) {
    for (int failures : {5, 10, 62, 1000}) {
        const auto delay = BackoffDelay(failures, milliseconds(1000), milliseconds(30000), 0.999);
        EXPECT_LE(delay, milliseconds(30000)) << failures;
        EXPECT_GE(delay, milliseconds(15000)) << failures;
    }
}

}  // namespace
}  // namespace escbot::socket_mode
