#include "commands/home/home_tab.hpp"

#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "tests/support/http_client/slack_requests.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

TEST(HomeTab, OpeningTheHomeTabPublishesCommandsAndWhoIsOnDuty) {
    TestBot bot;

    const auto response = bot.client().Event(
        EventCallback({{"type", "app_home_opened"}, {"user", "U0AGENT1"}, {"tab", "home"}}, "Ev0HOME1"));
    bot.Flush();

    EXPECT_EQ(response.status, 200);
    ASSERT_TRUE(bot.slack().WaitForCalls("views.publish", 1));
    const auto view = bot.slack().HomeView("U0AGENT1");
    ASSERT_TRUE(view.has_value());
    const std::string text = view->dump();
    EXPECT_NE(text.find("/oncall"), std::string::npos);
    EXPECT_NE(text.find("<@U0CONCERT1>"), std::string::npos);  // Monday 10:00 ET: on duty
    EXPECT_NE(text.find("/concert &lt;homeowner name&gt;, &lt;property address&gt;"), std::string::npos);
    EXPECT_EQ(text.find("<homeowner name>"), std::string::npos);
    EXPECT_TRUE(commands::block_kit::CheckLimits(*view, commands::block_kit::Surface::kHome).empty());
}

TEST(HomeTab, TheMessagesTabAndRetriedEventsPublishNothingMore) {
    TestBot bot;
    const auto home = EventCallback({{"type", "app_home_opened"}, {"user", "U0AGENT1"}, {"tab", "home"}}, "Ev0HOME2");

    bot.client().Event(EventCallback({{"type", "app_home_opened"}, {"user", "U0AGENT1"}, {"tab", "messages"}}, "Ev0MSG1"));
    bot.client().Event(home);
    bot.client().Event(home);  // Slack's retry of the same event_id
    bot.Flush();

    ASSERT_TRUE(bot.slack().WaitForCalls("views.publish", 1));
    EXPECT_EQ(bot.slack().CallCount("views.publish"), 1u);
}

}  // namespace
}  // namespace escbot::test
