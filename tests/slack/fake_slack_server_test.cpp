#include "tests/support/fake_slack/fake_slack_server.hpp"

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "bot/slack/form_encoding.hpp"

namespace escbot::test {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using namespace std::chrono_literals;
using nlohmann::json;

struct HttpAnswer {
    int status = 0;
    json body;
    std::string retry_after;
};

// One plain HTTP/1.1 request to the fake, the way any Slack client sends it.
HttpAnswer Send(const FakeSlackServer& slack, http::verb verb, const std::string& target,
                const std::string& content_type, const std::string& body,
                const std::string& token) {
    net::io_context io;
    net::ip::tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), slack.Port()});
    http::request<http::string_body> request{verb, target, 11};
    request.set(http::field::host, "127.0.0.1");
    if (!content_type.empty()) request.set(http::field::content_type, content_type);
    if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
    request.body() = body;
    request.prepare_payload();
    http::write(socket, request);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    HttpAnswer answer;
    answer.status = static_cast<int>(response.result_int());
    answer.body = json::parse(response.body(), nullptr, false);
    answer.retry_after = std::string(response[http::field::retry_after]);
    return answer;
}

class FakeSlackServerTest : public ::testing::Test {
protected:
    json Api(const std::string& method, const json& args) {
        return Send(slack_, http::verb::post, "/api/" + method, "application/json; charset=utf-8",
                    args.dump(), slack_.options().bot_token)
            .body;
    }
    static json Modal(int blocks = 1) {
        json view = {{"type", "modal"},
                     {"title", {{"type", "plain_text"}, {"text", "Escalate"}}},
                     {"blocks", json::array()}};
        for (int i = 0; i < blocks; ++i) {
            view["blocks"].push_back(
                {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "x"}}}});
        }
        return view;
    }
    static json Blocks(int count, std::size_t text_length = 1) {
        json blocks = json::array();
        for (int i = 0; i < count; ++i) {
            blocks.push_back(
                {{"type", "section"},
                 {"text", {{"type", "mrkdwn"}, {"text", std::string(text_length, 'x')}}}});
        }
        return blocks;
    }

    FakeSlackServer slack_;
};

TEST_F(FakeSlackServerTest, RequestWithoutTokenIsNotAuthed) {
    const auto answer =
        Send(slack_, http::verb::post, "/api/chat.postMessage", "application/json; charset=utf-8",
             R"({"channel":"C1","text":"x"})", "");

    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, json({{"ok", false}, {"error", "not_authed"}}));
}

TEST_F(FakeSlackServerTest, WrongTokenIsInvalidAuth) {
    const auto answer = Send(slack_, http::verb::post, "/api/chat.postMessage",
                             "application/json; charset=utf-8", "{}", "xoxb-wrong");

    EXPECT_EQ(answer.body["error"], "invalid_auth");
}

TEST_F(FakeSlackServerTest, AppTokenIsOnlyForAppsConnectionsOpen) {
    const auto bot_method =
        Send(slack_, http::verb::post, "/api/chat.postMessage", "application/json; charset=utf-8",
             "{}", slack_.options().app_token);
    const auto socket_mode =
        Send(slack_, http::verb::post, "/api/apps.connections.open",
             "application/x-www-form-urlencoded", "", slack_.options().app_token);

    EXPECT_EQ(bot_method.body["error"], "not_allowed_token_type");
    EXPECT_EQ(socket_mode.body["ok"], true);
    EXPECT_EQ(socket_mode.body["url"], slack_.options().socket_mode_url);
}

TEST_F(FakeSlackServerTest, PostedMessagesGetIncreasingUniqueTs) {
    const json first = Api("chat.postMessage", {{"channel", "C1"}, {"text", "a"}});
    const json second = Api("chat.postMessage", {{"channel", "C1"}, {"text", "b"}});

    EXPECT_EQ(first["ts"], "1700000000.000100");
    EXPECT_EQ(second["ts"], "1700000000.000200");
    EXPECT_EQ(first["channel"], "C1");
    EXPECT_EQ(first["message"]["text"], "a");
    EXPECT_EQ(slack_.Messages("C1").size(), 2u);
}

TEST_F(FakeSlackServerTest, UnknownChannelIsNotFoundOnceAnAllowListIsSet) {
    slack_.SetChannels({"C1"});

    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C2"}, {"text", "a"}})["error"],
              "channel_not_found");
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}, {"text", "a"}})["ok"], true);
}

TEST_F(FakeSlackServerTest, PostWithoutTextOrBlocksIsNoText) {
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}})["error"], "no_text");
}

TEST_F(FakeSlackServerTest, MessageBlocksAreCheckedAgainstSlackLimits) {
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}, {"blocks", Blocks(50)}})["ok"], true);
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}, {"blocks", Blocks(51)}})["error"],
              "invalid_blocks");
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}, {"blocks", Blocks(1, 3001)}})["error"],
              "invalid_blocks");
}

TEST_F(FakeSlackServerTest, AMessageWhoseBlocksHoldOver12000CharactersIsRefusedWhole) {
    const std::string ts = Api("chat.postMessage", {{"channel", "C1"}, {"text", "a"}})["ts"];

    // Each section is within its 3000; five of them are not within 12,000 together.
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}, {"blocks", Blocks(4, 3000)}})["ok"], true);
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}, {"blocks", Blocks(5, 2401)}})["error"],
              "msg_blocks_too_long");
    EXPECT_EQ(Api("chat.update", {{"channel", "C1"}, {"ts", ts}, {"blocks", Blocks(5, 2401)}})["error"],
              "msg_blocks_too_long");
    EXPECT_EQ(Api("chat.postEphemeral",
                  {{"channel", "C1"}, {"user", "U1"}, {"blocks", Blocks(5, 2401)}})["error"],
              "msg_blocks_too_long");
}

TEST_F(FakeSlackServerTest, UpdateChangesThePostedMessageAndLimitsText) {
    const std::string ts = Api("chat.postMessage", {{"channel", "C1"}, {"text", "a"}})["ts"];

    const json too_long =
        Api("chat.update", {{"channel", "C1"}, {"ts", ts}, {"text", std::string(4001, 'x')}});
    const json updated = Api("chat.update", {{"channel", "C1"}, {"ts", ts}, {"text", "b"}});
    const json unknown = Api("chat.update", {{"channel", "C1"}, {"ts", "1.1"}, {"text", "b"}});

    EXPECT_EQ(too_long["error"], "msg_too_long");
    EXPECT_EQ(updated["ok"], true);
    EXPECT_EQ((*slack_.Message("C1", ts))["text"], "b");
    EXPECT_EQ(unknown["error"], "message_not_found");
}

TEST_F(FakeSlackServerTest, ViewsOpenAnswersTheViewWithIdAndHash) {
    const json answer = Api("views.open", {{"trigger_id", "1.2.3"}, {"view", Modal()}});

    ASSERT_EQ(answer["ok"], true) << answer;
    const json& view = answer["view"];
    EXPECT_EQ(view["id"].get<std::string>().front(), 'V');
    EXPECT_EQ(view["root_view_id"], view["id"]);
    EXPECT_TRUE(view["hash"].is_string());
    EXPECT_EQ(view["title"]["text"], "Escalate");
    EXPECT_TRUE(slack_.View(view["id"].get<std::string>()).has_value());
}

TEST_F(FakeSlackServerTest, ViewsOpenRequiresTriggerAndAValidView) {
    EXPECT_EQ(Api("views.open", {{"view", Modal()}})["error"], "invalid_arguments");
    EXPECT_EQ(Api("views.open", {{"trigger_id", "1"}})["error"], "invalid_arguments");
    EXPECT_EQ(Api("views.open", {{"trigger_id", "1"}, {"view", Modal(101)}})["error"],
              "invalid_blocks");
    json long_title = Modal();
    long_title["title"]["text"] = std::string(25, 'x');
    EXPECT_EQ(Api("views.open", {{"trigger_id", "1"}, {"view", long_title}})["error"],
              "invalid_arguments");
}

TEST_F(FakeSlackServerTest, ViewsUpdateChecksTheHashAndTheViewId) {
    const json opened = Api("views.open", {{"trigger_id", "1"}, {"view", Modal()}})["view"];
    const std::string id = opened["id"];

    const json stale = Api("views.update", {{"view_id", id}, {"hash", "old"}, {"view", Modal(2)}});
    const json fresh =
        Api("views.update", {{"view_id", id}, {"hash", opened["hash"]}, {"view", Modal(2)}});
    const json missing = Api("views.update", {{"view_id", "V404"}, {"view", Modal()}});

    EXPECT_EQ(stale["error"], "hash_conflict");
    ASSERT_EQ(fresh["ok"], true) << fresh;
    EXPECT_EQ(fresh["view"]["id"], id);
    EXPECT_NE(fresh["view"]["hash"], opened["hash"]);
    EXPECT_EQ((*slack_.View(id))["blocks"].size(), 2u);
    EXPECT_EQ(missing["error"], "not_found");
}

TEST_F(FakeSlackServerTest, FormBodyIsReadLikeSlackDoesWithViewAsJsonText) {
    const std::string form = slack::FormEncode({{"trigger_id", "1.2"}, {"view", Modal()}});

    const auto answer = Send(slack_, http::verb::post, "/api/views.open",
                             "application/x-www-form-urlencoded", form, slack_.options().bot_token);

    EXPECT_EQ(answer.body["ok"], true) << answer.body;
    EXPECT_EQ(slack_.Calls("views.open")[0].args["view"]["type"], "modal");
}

TEST_F(FakeSlackServerTest, GetWithQueryStringWorksForUsersInfo) {
    slack_.SetUser("U0AGENT1", {{"tz", "America/Chicago"}});

    const auto answer = Send(slack_, http::verb::get, "/api/users.info?user=U0AGENT1", "", "",
                             slack_.options().bot_token);

    EXPECT_EQ(answer.body["user"]["id"], "U0AGENT1");
    EXPECT_EQ(answer.body["user"]["tz"], "America/Chicago");
    EXPECT_TRUE(answer.body["user"]["real_name"].is_string());
}

TEST_F(FakeSlackServerTest, ConversationsOpenGivesOneStableDmPerUser) {
    const json first = Api("conversations.open", {{"users", "U0LEAD"}});
    const json again = Api("conversations.open", {{"users", "U0LEAD"}});
    const json posted = Api("chat.postMessage", {{"channel", "U0LEAD"}, {"text", "page"}});

    const std::string dm = first["channel"]["id"];
    EXPECT_EQ(dm.front(), 'D');
    EXPECT_EQ(again["channel"]["id"], dm);
    EXPECT_EQ(posted["channel"], dm);
    EXPECT_EQ(slack_.DmChannel("U0LEAD"), dm);
}

TEST_F(FakeSlackServerTest, UsergroupMembersAreScriptable) {
    slack_.SetUsergroupMembers("S0LEADS", {"U1", "U2"});

    EXPECT_EQ(Api("usergroups.users.list", {{"usergroup", "S0LEADS"}})["users"],
              json({"U1", "U2"}));
    EXPECT_EQ(Api("usergroups.users.list", {{"usergroup", "S0NONE"}})["error"], "no_such_subteam");
}

TEST_F(FakeSlackServerTest, ScriptedAnswersComeFirstAndInOrder) {
    slack_.RateLimitNext("chat.postMessage", 1, 3);
    slack_.FailNextWithStatus("chat.postMessage", 1, 503);
    slack_.FailNextWithError("chat.postMessage", 1, "is_archived");
    const std::string body = json({{"channel", "C1"}, {"text", "a"}}).dump();
    auto post = [&] {
        return Send(slack_, http::verb::post, "/api/chat.postMessage",
                    "application/json; charset=utf-8", body, slack_.options().bot_token);
    };

    const auto limited = post();
    const auto unavailable = post();
    const auto archived = post();
    const auto normal = post();

    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.retry_after, "3");
    EXPECT_EQ(limited.body["error"], "ratelimited");
    EXPECT_EQ(unavailable.status, 503);
    EXPECT_TRUE(unavailable.body.is_discarded());
    EXPECT_EQ(archived.body["error"], "is_archived");
    EXPECT_EQ(normal.body["ok"], true);
}

TEST_F(FakeSlackServerTest, ResponderReplacesTheNormalAnswer) {
    slack_.SetResponder("users.info", [](const SlackCall& call) -> std::optional<json> {
        if (call.args["user"] == "U0GONE") return json{{"ok", false}, {"error", "user_not_found"}};
        return std::nullopt;
    });

    EXPECT_EQ(Api("users.info", {{"user", "U0GONE"}})["error"], "user_not_found");
    EXPECT_EQ(Api("users.info", {{"user", "U0HERE"}})["ok"], true);
}

TEST_F(FakeSlackServerTest, CallsAreRecordedWithArgsHeadersAndAnswers) {
    Api("chat.postMessage", {{"channel", "C1"}, {"text", "a"}});

    ASSERT_TRUE(slack_.WaitForAnswers("chat.postMessage", 1));
    const auto call = slack_.Calls("chat.postMessage").at(0);
    EXPECT_EQ(call.http_method, "POST");
    EXPECT_EQ(call.args["channel"], "C1");
    EXPECT_EQ(call.token, slack_.options().bot_token);
    EXPECT_EQ(call.headers.at("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(call.status, 200);
    EXPECT_EQ(call.response["ts"], "1700000000.000100");
    EXPECT_FALSE(slack_.WaitForCalls("chat.update", 1, 20ms));
}

TEST_F(FakeSlackServerTest, ResetForgetsCallsScriptsAndMessages) {
    slack_.FailNextWithError("chat.postMessage", 5, "is_archived");
    Api("chat.postMessage", {{"channel", "C1"}, {"text", "a"}});

    slack_.Reset();

    EXPECT_EQ(slack_.CallCount(), 0u);
    EXPECT_EQ(Api("chat.postMessage", {{"channel", "C1"}, {"text", "a"}})["ok"], true);
    EXPECT_EQ(slack_.Messages("C1").size(), 1u);
}

TEST_F(FakeSlackServerTest, UnknownMethodIsNotFound) {
    const auto answer = Send(slack_, http::verb::post, "/api/chat.nothing",
                             "application/json; charset=utf-8", "{}", slack_.options().bot_token);

    EXPECT_EQ(answer.status, 404);
    EXPECT_EQ(answer.body["error"], "unknown_method");
}

}  // namespace
}  // namespace escbot::test
