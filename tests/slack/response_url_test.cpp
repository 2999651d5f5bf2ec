// The response_url client against the fake Slack, which serves response URLs as Slack does
// (5 posts within 30 minutes, no token, "ok" or {"ok":true}), and the fake's refusals of
// chat.postEphemeral where the bot cannot post.

#include "bot/slack/response_url.hpp"

#include <future>

#include <gtest/gtest.h>

#include "bot/slack/curl_slack_api.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::slack {
namespace {

using namespace std::chrono_literals;
using test::FakeSlackServer;

class ResponseUrlTest : public ::testing::Test {
protected:
    ApiResult PostAndWait(const std::string& url, nlohmann::json message = {{"text", "Hi"}}) {
        std::promise<ApiResult> answered;
        client_.Post(url, std::move(message), [&](const ApiResult& r) { answered.set_value(r); });
        return answered.get_future().get();
    }
    static CurlResponseUrlOptions Options(const FakeSlackServer& slack) {
        CurlResponseUrlOptions options;
        options.allowed_origins.push_back(OriginOf(slack.BaseUrl()));
        return options;
    }

    FakeSlackServer slack_;
    metrics::Registry metrics_;
    CurlResponseUrlClient client_{Options(slack_), metrics_};
};

TEST_F(ResponseUrlTest, APostReachesTheUserWhereTheRequestCameFromWithoutAToken) {
    const std::string url = slack_.NewResponseUrl("commands", "D0PEOPLE001", "U0AGENT1");

    const ApiResult result = PostAndWait(url, {{"text", "Done"}, {"response_type", "ephemeral"}});

    EXPECT_TRUE(result.ok()) << result.error;
    const auto calls = slack_.Calls("response_url");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].token, "");
    EXPECT_EQ(calls[0].headers.count("authorization"), 0u);
    EXPECT_EQ(calls[0].content_type, "application/json; charset=utf-8");
    const auto notes = slack_.Ephemerals("U0AGENT1");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["channel"], "D0PEOPLE001");
    EXPECT_EQ(notes[0]["text"], "Done");
}

TEST_F(ResponseUrlTest, ASixthPostIsRefusedAsUsed) {
    const std::string url = slack_.NewResponseUrl("actions", "C0A", "U0A");

    for (int i = 0; i < 5; ++i) ASSERT_TRUE(PostAndWait(url).ok()) << i;
    const ApiResult sixth = PostAndWait(url);

    EXPECT_EQ(sixth.kind, ApiResult::Kind::kHttp);
    EXPECT_EQ(sixth.http_status, 404);
    EXPECT_EQ(sixth.error, "used_url");
}

TEST_F(ResponseUrlTest, AnUrlOlderThanThirtyMinutesIsRefusedAsExpired) {
    const std::string url = slack_.NewResponseUrl("commands", "C0A", "U0A");
    slack_.AgeResponseUrls(std::chrono::minutes(29));
    ASSERT_TRUE(PostAndWait(url).ok());

    slack_.AgeResponseUrls(std::chrono::minutes(2));
    const ApiResult late = PostAndWait(url);

    EXPECT_EQ(late.http_status, 404);
    EXPECT_EQ(late.error, "expired_url");
}

TEST_F(ResponseUrlTest, TheTextOkAnswerCountsAsSuccess) {
    slack_.AnswerResponseUrlsWithText(true);

    EXPECT_TRUE(PostAndWait(slack_.NewResponseUrl("commands", "C0A", "U0A")).ok());
}

TEST_F(ResponseUrlTest, AMessageWithoutTextIsRefused) {
    const ApiResult result = PostAndWait(slack_.NewResponseUrl("commands", "C0A", "U0A"),
                                         {{"response_type", "ephemeral"}});

    EXPECT_EQ(result.http_status, 400);
    EXPECT_EQ(result.error, "no_text");
}

TEST_F(ResponseUrlTest, AnUrlOutsideTheAllowedOriginsIsNeverContacted) {
    const std::string url = slack_.NewResponseUrl("commands", "C0A", "U0A");
    metrics::Registry metrics;
    CurlResponseUrlClient strict(CurlResponseUrlOptions{}, metrics);  // hooks.slack.com only
    std::promise<ApiResult> answered;

    strict.Post(url, {{"text", "Hi"}}, [&](const ApiResult& r) { answered.set_value(r); });
    const ApiResult result = answered.get_future().get();

    EXPECT_EQ(result.error, "url_not_allowed");
    EXPECT_EQ(slack_.CallCount("response_url"), 0u);
}

TEST(ResponseUrlAnswer, ReadsSlacksAnswers) {
    EXPECT_TRUE(ReadResponseUrlAnswer(200, "ok").ok());
    EXPECT_TRUE(ReadResponseUrlAnswer(200, "{\"ok\":true}").ok());
    EXPECT_EQ(ReadResponseUrlAnswer(200, "{\"ok\":false,\"error\":\"invalid_blocks\"}").error,
              "invalid_blocks");
    EXPECT_EQ(ReadResponseUrlAnswer(404, "expired_url").error, "expired_url");
    EXPECT_EQ(ReadResponseUrlAnswer(500, "<html>oops</html>").error, "html");
    EXPECT_EQ(ReadResponseUrlAnswer(502, "").error, "http_502");
    EXPECT_FALSE(ReadResponseUrlAnswer(200, "maybe").ok());
}

TEST(ResponseUrlOrigins, OnlySlacksHooksOrTheConfiguredApiOrigin) {
    const std::vector<std::string> allowed = {"https://hooks.slack.com/", "http://127.0.0.1:8080/api/"};

    EXPECT_TRUE(IsAllowedResponseUrl("https://hooks.slack.com/commands/T1/2/abc", allowed));
    EXPECT_TRUE(IsAllowedResponseUrl("http://127.0.0.1:8080/hooks/actions/T1/2/x", allowed));
    EXPECT_FALSE(IsAllowedResponseUrl("http://127.0.0.1:8081/hooks/actions/T1/2/x", allowed));
    EXPECT_FALSE(IsAllowedResponseUrl("https://hooks.slack.com.evil.example/x", allowed));
    EXPECT_FALSE(IsAllowedResponseUrl("https://evil.example@hooks.slack.com/x", allowed));
    EXPECT_FALSE(IsAllowedResponseUrl("http://hooks.slack.com/commands/T1/2/abc", allowed));
    EXPECT_FALSE(IsAllowedResponseUrl("file:///etc/passwd", allowed));
    EXPECT_FALSE(IsAllowedResponseUrl("", allowed));
}

class FakeEphemeralRefusals : public ::testing::Test {
protected:
    ApiResult Ephemeral(const std::string& channel) {
        return api_.CallAndWait("chat.postEphemeral", {{"channel", channel}, {"user", "U0A"}, {"text", "x"}});
    }
    static CurlSlackApiOptions ApiOptions(const FakeSlackServer& slack) {
        CurlSlackApiOptions options;
        options.base_url = slack.BaseUrl();
        options.bot_token = slack.options().bot_token;
        return options;
    }

    FakeSlackServer slack_;
    metrics::Registry metrics_;
    CurlSlackApi api_{ApiOptions(slack_), metrics_};
};

TEST_F(FakeEphemeralRefusals, ADirectMessageBetweenPeopleIsNotFound) {
    EXPECT_EQ(Ephemeral("D0PEOPLE001").error, "channel_not_found");
    // The bot's own DM with a user works.
    const auto opened = api_.CallAndWait("conversations.open", {{"users", "U0A"}});
    EXPECT_TRUE(Ephemeral(opened.body["channel"]["id"].get<std::string>()).ok());
}

TEST_F(FakeEphemeralRefusals, AChannelTheBotIsNotInRefusesIt) {
    slack_.SetNonMemberChannels({"C0NOTIN"});

    EXPECT_EQ(Ephemeral("C0NOTIN").error, "not_in_channel");
    EXPECT_EQ(api_.CallAndWait("chat.postMessage", {{"channel", "C0NOTIN"}, {"text", "x"}}).error,
              "not_in_channel");
    EXPECT_TRUE(Ephemeral("C0OTHER").ok());
}

}  // namespace
}  // namespace escbot::slack
