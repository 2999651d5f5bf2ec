// The fake Slack's conversations.history / conversations.replies, message metadata and lost
// answers, through the bot's real Web API client.

#include <gtest/gtest.h>

#include "bot/slack/curl_slack_api.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class FakeSlackHistoryTest : public ::testing::Test {
protected:
    static slack::CurlSlackApiOptions ApiOptions(const FakeSlackServer& slack) {
        slack::CurlSlackApiOptions options;
        options.base_url = slack.BaseUrl();
        options.bot_token = slack.options().bot_token;
        options.stop_timeout = 200ms;
        return options;
    }
    slack::ApiResult Call(const std::string& method, json args) {
        return api_.CallAndWait(method, std::move(args));
    }
    std::string PostTs(const std::string& channel, const std::string& text, json extra = {}) {
        json args = {{"channel", channel}, {"text", text}};
        if (extra.is_object()) args.update(extra);
        const auto result = Call("chat.postMessage", args);
        EXPECT_TRUE(result.ok()) << result.error;
        return result.body.value("ts", "");
    }
    static std::vector<std::string> Texts(const json& answer) {
        std::vector<std::string> texts;
        for (const json& message : answer["messages"]) texts.push_back(message["text"]);
        return texts;
    }

    FakeSlackServer slack_;
    metrics::Registry registry_;
    slack::CurlSlackApi api_{ApiOptions(slack_), registry_};
};

TEST_F(FakeSlackHistoryTest, HistoryIsTopLevelMessagesNewestFirstPageByPage) {
    const std::string root = PostTs("C1", "one");
    PostTs("C1", "reply", {{"thread_ts", root}});
    PostTs("C1", "two");
    PostTs("C1", "three");
    PostTs("C2", "elsewhere");

    const auto first = Call("conversations.history", {{"channel", "C1"}, {"limit", 2}});
    ASSERT_TRUE(first.ok()) << first.error;
    EXPECT_EQ(Texts(first.body), (std::vector<std::string>{"three", "two"}));
    EXPECT_EQ(first.body["has_more"], true);
    const std::string cursor = first.body["response_metadata"]["next_cursor"];
    const auto second = Call("conversations.history",
                             {{"channel", "C1"}, {"limit", 2}, {"cursor", cursor}});
    EXPECT_EQ(Texts(second.body), (std::vector<std::string>{"one"}));
    EXPECT_EQ(second.body["has_more"], false);
    EXPECT_FALSE(second.body.contains("response_metadata"));
    EXPECT_EQ(Call("conversations.history", {{"channel", "C1"}, {"cursor", "bogus"}}).error,
              "invalid_cursor");
}

TEST_F(FakeSlackHistoryTest, OldestAndLatestBoundTheWindowExclusiveUnlessInclusive) {
    const std::string a = PostTs("C1", "a");
    const std::string b = PostTs("C1", "b");
    const std::string c = PostTs("C1", "c");

    EXPECT_EQ(Texts(Call("conversations.history", {{"channel", "C1"}, {"oldest", a}, {"latest", c}})
                        .body),
              (std::vector<std::string>{"b"}));
    EXPECT_EQ(Texts(Call("conversations.history",
                         {{"channel", "C1"}, {"oldest", a}, {"latest", c}, {"inclusive", true}})
                        .body),
              (std::vector<std::string>{"c", "b", "a"}));
    EXPECT_EQ(Texts(Call("conversations.history", {{"channel", "C1"}, {"oldest", b}}).body),
              (std::vector<std::string>{"c"}));
    EXPECT_EQ(Call("conversations.history", {{"channel", "C1"}, {"oldest", "yesterday"}}).error,
              "invalid_ts_oldest");
}

TEST_F(FakeSlackHistoryTest, MetadataIsStoredAndShownOnlyWithIncludeAllMetadata) {
    const json metadata = {{"event_type", "escbot_outbox_item"}, {"event_payload", {{"item", 7}}}};
    PostTs("C1", "with", {{"metadata", metadata}});

    const auto plain = Call("conversations.history", {{"channel", "C1"}});
    const auto full =
        Call("conversations.history", {{"channel", "C1"}, {"include_all_metadata", true}});

    EXPECT_FALSE(plain.body["messages"][0].contains("metadata"));
    EXPECT_EQ(full.body["messages"][0]["metadata"], metadata);
}

TEST_F(FakeSlackHistoryTest, MetadataWithABadEventTypeIsIgnoredWithAWarning) {
    const auto answer = Call("chat.postMessage",
                             {{"channel", "C1"},
                              {"text", "x"},
                              {"metadata", {{"event_type", "has.dot"}, {"event_payload", json::object()}}}});

    EXPECT_TRUE(answer.ok());
    EXPECT_EQ(answer.body["warning"], "invalid_metadata_schema");
    EXPECT_FALSE(slack_.Messages("C1").at(0).contains("metadata"));
}

TEST_F(FakeSlackHistoryTest, RepliesAreTheParentThenTheThreadOldestFirst) {
    const std::string root = PostTs("C1", "root");
    PostTs("C1", "r1", {{"thread_ts", root}});
    PostTs("C1", "other");
    PostTs("C1", "r2", {{"thread_ts", root}});
    PostTs("C1", "r3", {{"thread_ts", root}});

    const auto first = Call("conversations.replies", {{"channel", "C1"}, {"ts", root}, {"limit", 2}});
    ASSERT_TRUE(first.ok()) << first.error;
    EXPECT_EQ(Texts(first.body), (std::vector<std::string>{"root", "r1"}));
    const auto rest = Call("conversations.replies",
                           {{"channel", "C1"},
                            {"ts", root},
                            {"cursor", first.body["response_metadata"]["next_cursor"]}});
    EXPECT_EQ(Texts(rest.body), (std::vector<std::string>{"r2", "r3"}));
    EXPECT_EQ(Call("conversations.replies", {{"channel", "C1"}, {"ts", "1.000000"}}).error,
              "thread_not_found");
}

TEST_F(FakeSlackHistoryTest, UnknownChannelsAndMissingScopesAreRefusedAsSlackDoes) {
    slack_.SetChannels({"C1"});
    EXPECT_EQ(Call("conversations.history", {{"channel", "C0GONE"}}).error, "channel_not_found");
    EXPECT_EQ(Call("conversations.history", {}).error, "channel_not_found");

    slack_.SetScopes({"chat:write", "channels:history"});
    EXPECT_TRUE(Call("conversations.history", {{"channel", "C1"}}).ok());
    const auto dm = Call("conversations.open", {{"users", "U1"}}).body["channel"]["id"];
    const auto refused = Call("conversations.history", {{"channel", dm}});
    EXPECT_EQ(refused.error, "missing_scope");
    EXPECT_EQ(refused.body["needed"], "im:history");
}

TEST_F(FakeSlackHistoryTest, ALostAnswerStillPostsTheMessage) {
    slack_.LoseNextAnswers("chat.postMessage", 1);

    const auto result = Call("chat.postMessage", {{"channel", "C1"}, {"text", "taken"}});

    EXPECT_EQ(result.kind, slack::ApiResult::Kind::kTransport);
    EXPECT_EQ(slack_.Messages("C1").size(), 1u);
}

TEST_F(FakeSlackHistoryTest, AResetBeforeHandlingPostsNothing) {
    slack_.Script("chat.postMessage", ScriptedAnswer::ResetBeforeHandling());

    const auto result = Call("chat.postMessage", {{"channel", "C1"}, {"text", "lost"}});

    EXPECT_EQ(result.kind, slack::ApiResult::Kind::kTransport);
    EXPECT_TRUE(slack_.Messages("C1").empty());
}

TEST(FakeSlackClock, TsFollowTheGivenClockAndStayIncreasing) {
    FakeSlackOptions options;
    options.clock = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000)); };
    FakeSlackServer slack(options);
    metrics::Registry registry;
    slack::CurlSlackApiOptions api_options;
    api_options.base_url = slack.BaseUrl();
    api_options.bot_token = slack.options().bot_token;
    slack::CurlSlackApi api(api_options, registry);

    const auto a = api.CallAndWait("chat.postMessage", {{"channel", "C1"}, {"text", "a"}});
    const auto b = api.CallAndWait("chat.postMessage", {{"channel", "C1"}, {"text", "b"}});

    EXPECT_EQ(a.body["ts"], "1800000000.000000");
    EXPECT_EQ(b.body["ts"], "1800000000.000001");
}

TEST(FakeSlackFaults, ASeededPlanDrawsTheSameFaultsEveryRun) {
    auto run = [] {
        FakeSlackServer slack;
        FaultPlan plan;
        plan.seed = 42;
        plan.rate500 = 0.3;
        plan.rate_lost_answer = 0.2;
        slack.SetFaults(plan);
        metrics::Registry registry;
        slack::CurlSlackApiOptions options;
        options.base_url = slack.BaseUrl();
        options.bot_token = slack.options().bot_token;
        slack::CurlSlackApi api(options, registry);
        std::string outcomes;
        for (int i = 0; i < 40; ++i) {
            const auto r = api.CallAndWait("chat.postMessage", {{"channel", "C1"}, {"text", "x"}});
            outcomes += r.ok() ? 'o' : r.kind == slack::ApiResult::Kind::kHttp ? '5' : 'l';
        }
        return std::make_pair(outcomes, slack.Messages("C1").size());
    };
    const auto first = run();
    const auto second = run();

    EXPECT_EQ(first, second);
    EXPECT_NE(first.first.find('5'), std::string::npos);
    EXPECT_NE(first.first.find('l'), std::string::npos);
    // Lost answers were posted; 500s were not.
    EXPECT_EQ(first.second, static_cast<std::size_t>(std::count(first.first.begin(), first.first.end(), 'o') +
                                                     std::count(first.first.begin(), first.first.end(), 'l')));
}

}  // namespace
}  // namespace escbot::test
