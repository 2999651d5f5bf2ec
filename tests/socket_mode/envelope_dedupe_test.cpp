#include "bot/socket_mode/envelope_dedupe.hpp"

#include <gtest/gtest.h>

namespace escbot::socket_mode {
namespace {

using namespace std::chrono_literals;

TEST(EnvelopeDedupe, RemembersAnIdWithinTheWindow) {
    EnvelopeDedupe dedupe(10min, 100);
    const auto t0 = std::chrono::steady_clock::time_point{} + 1h;

    dedupe.Insert("e-1", t0);

    EXPECT_NE(dedupe.Find("e-1", t0 + 9min), nullptr);
    EXPECT_EQ(dedupe.Find("e-2", t0 + 9min), nullptr);
}

TEST(EnvelopeDedupe, ForgetsAnIdOnceTheWindowHasPassed) {
    EnvelopeDedupe dedupe(10min, 100);
    const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
    dedupe.Insert("e-1", t0);

    EXPECT_EQ(dedupe.Find("e-1", t0 + 10min), nullptr);
    EXPECT_EQ(dedupe.size(), 0u);
}

TEST(EnvelopeDedupe, DropsTheOldestIdWhenFull) {
    EnvelopeDedupe dedupe(10min, 2);
    const auto t0 = std::chrono::steady_clock::time_point{} + 1h;

    dedupe.Insert("e-1", t0);
    dedupe.Insert("e-2", t0 + 1s);
    dedupe.Insert("e-3", t0 + 2s);

    EXPECT_EQ(dedupe.Find("e-1", t0 + 3s), nullptr);
    EXPECT_NE(dedupe.Find("e-2", t0 + 3s), nullptr);
    EXPECT_NE(dedupe.Find("e-3", t0 + 3s), nullptr);
}

TEST(EnvelopeDedupe, KeepsTheAckSentForAnId) {
    EnvelopeDedupe dedupe(10min, 100);
    const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
    dedupe.Insert("e-1", t0).ack_frame = R"({"envelope_id":"e-1"})";

    const auto* entry = dedupe.Find("e-1", t0 + 1s);

    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->ack_frame, R"({"envelope_id":"e-1"})");
}

TEST(EnvelopeDedupe, AForgottenIdIsNewAgainAndKeepsItsOwnWindow) {
    EnvelopeDedupe dedupe(10min, 100);
    const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
    dedupe.Insert("e-1", t0);
    dedupe.Insert("e-2", t0 + 1s);

    dedupe.Forget("e-1");
    EXPECT_EQ(dedupe.Find("e-1", t0 + 2min), nullptr);
    dedupe.Insert("e-1", t0 + 2min);

    EXPECT_EQ(dedupe.size(), 2u);
    // The first delivery's window no longer counts: the second is remembered for its own.
    EXPECT_NE(dedupe.Find("e-1", t0 + 11min), nullptr);
    EXPECT_EQ(dedupe.Find("e-2", t0 + 11min), nullptr);
    EXPECT_EQ(dedupe.Find("e-1", t0 + 12min), nullptr);
}

}  // namespace
}  // namespace escbot::socket_mode
