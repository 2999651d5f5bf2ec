#include "commands/concert/concert_timers.hpp"

#include <gtest/gtest.h>

namespace escbot::commands::concert {
namespace {

using nlohmann::json;

TEST(ConcertTimerPayload, RoundTripAndExtraFieldsTolerated) {
    EXPECT_EQ(ReadConcertTimer(ToJson(ConcertTimerPayload{42}))->request_id, 42);
    EXPECT_EQ(ReadConcertTimer(json::parse(R"({"request": 9, "note": "x"})"))->request_id, 9);
}

TEST(ConcertTimerPayload, MissingOrMistypedRequestReadsAsNothing) {
    EXPECT_FALSE(ReadConcertTimer(json::parse(R"({})")));
    EXPECT_FALSE(ReadConcertTimer(json::parse(R"({"request": "9"})")));
    EXPECT_FALSE(ReadConcertTimer(json::parse(R"({"request": -1})")));
    EXPECT_FALSE(ReadConcertTimer(json::array()));
}

}  // namespace
}  // namespace escbot::commands::concert
