// A token pause (Slack refused the bot token) is told to the admin channel once a working token
// exists again (issue 19, item 4): while it lasts, no message can reach Slack at all.

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/slack/token_pause.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kAdminChannel = "C0BOTADMIN1";  // the example configuration's

TestBot::Options ShortProbes(bool with_admin_channel = true) {
    TestBot::Options options;
    options.edit_outbox = [](slack::OutboxWorkerOptions& outbox) { outbox.token_probe_interval = 20ms; };
    if (!with_admin_channel) {
        options.edit_config = [](std::string& toml) {
            const auto at = toml.find("\nadmin = ");
            ASSERT_NE(at, std::string::npos);
            toml.erase(at + 1, toml.find('\n', at + 1) - at);
        };
    }
    return options;
}

/// Flushes until Slack took the request post again (the pause ended), at most about 2 s.
void FlushUntilResumed(TestBot& bot) {
    for (int i = 0; i < 200 && !bot.bot().Healthy(); ++i) {
        std::this_thread::sleep_for(10ms);
        bot.Flush();
    }
    bot.Flush();
}

TEST(AdminNotice, TheAdminChannelHearsOfATokenPauseOnceSlackTakesTheTokenAgain) {
    TestBot bot(ShortProbes());
    bot.slack().FailNextWithError("chat.postMessage", 2, "token_revoked");

    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St");
    bot.Flush();
    ASSERT_FALSE(bot.bot().Healthy());
    EXPECT_THAT(bot.slack().Messages(kAdminChannel), IsEmpty());
    bot.clock().Advance(Seconds(120));
    FlushUntilResumed(bot);

    ASSERT_TRUE(bot.bot().Healthy());
    const auto notes = bot.slack().Messages(kAdminChannel);
    ASSERT_EQ(notes.size(), 1u);
    const std::string text = notes[0].value("text", "");
    EXPECT_THAT(text, HasSubstr("`token_revoked`"));
    EXPECT_THAT(text, HasSubstr("for 2 min"));
    EXPECT_THAT(text, HasSubstr("2 tries refused"));
    EXPECT_EQ(bot.slack().Messages("C0SUPPORTCS").size(), 1u);  // the request went out after all
}

TEST(AdminNotice, WithoutAnAdminChannelNothingIsPostedForIt) {
    TestBot bot(ShortProbes(/*with_admin_channel=*/false));
    bot.slack().FailNextWithError("chat.postMessage", 1, "invalid_auth");

    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St");
    bot.Flush();
    FlushUntilResumed(bot);

    ASSERT_TRUE(bot.bot().Healthy());
    EXPECT_EQ(bot.slack().CallCount("chat.postMessage"), 2u);  // the refused try and the post
}

TEST(TokenPauseNotice, SaysWhatSlackAnsweredForHowLongAndThatNothingWasLost) {
    slack::TokenPauseReport report{"missing_scope", FromUnix(1795446000), FromUnix(1795446000 + 30), 3};

    const std::string text = slack::TokenPauseNotice(report);

    EXPECT_THAT(text, HasSubstr("`missing_scope`"));
    EXPECT_THAT(text, HasSubstr("less than a minute"));
    EXPECT_THAT(text, HasSubstr("<!date^1795446000^"));
    EXPECT_THAT(text, HasSubstr("Nothing was lost"));
}

}  // namespace
}  // namespace escbot::test
