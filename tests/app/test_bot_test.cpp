#include "tests/support/test_bot/test_bot.hpp"

#include <gtest/gtest.h>

namespace escbot::test {
namespace {

TEST(TestBot, AnswersASignedOncallCommandOverHttp) {
    TestBot bot;

    const auto response = bot.client().SlashCommand("/oncall", "concert_confirmation", {});

    EXPECT_EQ(response.status, 200);
    EXPECT_NE(response.body.find("U0CONCERT1"), std::string::npos);
}

TEST(TestBot, DeliversAnEphemeralReplyToAClickThroughTheOutbox) {
    TestBot bot;
    // No route knows this action: the router acks it empty and nothing is posted.
    const auto response = bot.client().BlockAction(BlockActionPayload({}));
    bot.Flush();

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(bot.slack().CallCount("chat.postEphemeral"), 0u);
}

TEST(TestBot, HealthzSaysTheDatabaseIsWritable) {
    TestBot bot;
    HttpClient http(bot.port());

    EXPECT_EQ(http.Get("/healthz").status, 200);
}

}  // namespace
}  // namespace escbot::test
