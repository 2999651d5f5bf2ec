#include "bot/slack/answer_reader.hpp"
#include "bot/slack/call_labels.hpp"
#include "bot/slack/form_encoding.hpp"
#include "bot/slack/json_text.hpp"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace escbot::slack {
namespace {

using namespace std::chrono_literals;

TEST(WireFormatTest, FormMethodsAreTheOnesWithoutJsonSupport) {
    EXPECT_TRUE(IsFormEncodedMethod("users.info"));
    EXPECT_TRUE(IsFormEncodedMethod("usergroups.users.list"));
    EXPECT_TRUE(IsFormEncodedMethod("chat.getPermalink"));
    EXPECT_FALSE(IsFormEncodedMethod("chat.postMessage"));
    EXPECT_FALSE(IsFormEncodedMethod("views.open"));
}

TEST(WireFormatTest, FormEncodingKeepsStringsAndWritesObjectsAsJson) {
    const std::string form = FormEncode({{"channel", "C1"},
                                         {"message_ts", "1.2"},
                                         {"view", {{"a", "b c"}}},
                                         {"include_locale", true}});

    EXPECT_EQ(form,
              "channel=C1&include_locale=true&message_ts=1.2&view=%7B%22a%22%3A%22b%20c%22%7D");
}

TEST(WireFormatTest, JsonTextIsWhatNlohmannWrites) {
    const std::string control{'a', '\x01', '\x1f', '\x7f', 'b'};
    const std::string invalid_utf8{'o', 'k', '\xff', '\xc3', '(', 'x'};
    const nlohmann::json values[] = {
        nlohmann::json::object(),
        nlohmann::json::array(),
        nullptr,
        {{"trigger_id", "1.2.abc"},
         {"view",
          {{"type", "modal"},
           {"title", {{"type", "plain_text"}, {"text", "Escalate"}}},
           {"blocks", {{{"type", "section"}, {"text", {{"text", "*Bold* <@U1> & \"quotes\""}}}}}},
           {"private_metadata", R"({"draft":12})"},
           {"notify_on_close", true},
           {"empty", ""},
           {"nested", nlohmann::json::array({nlohmann::json::array(), nlohmann::json::object()})}}}},
        {{"escapes", "back\\slash\nnew\tline\r\b\f"}, {"control", control}},
        {{"unicode", "Café ✓ 🏠"}, {"Ключ", "значение"}},
        // Escapes written before the first non-ASCII byte are taken back with the rest.
        {{"mixed", "line\n\"quoted\" then café"}, {"tab\tkey é", "x"}},
        {{"invalid", invalid_utf8}},
        {{"numbers", {0, -1, 42, 3.5, 1e300, -0.0, 12345678901234LL, 18446744073709551615ULL}}},
        {{"flags", {true, false, nullptr}}},
    };
    for (const auto& value : values) {
        EXPECT_EQ(ToJsonText(value),
                  value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

TEST(WireFormatTest, OkBodyIsOk) {
    const ApiResult result = ReadHttpAnswer(200, R"({"ok":true,"ts":"1.2"})", 0, 1s);

    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.body["ts"], "1.2");
}

TEST(WireFormatTest, NotOkBodyIsAPlatformErrorWithSlacksCode) {
    const ApiResult result = ReadHttpAnswer(200, R"({"ok":false,"error":"invalid_blocks"})", 0, 1s);

    EXPECT_EQ(result.kind, ApiResult::Kind::kPlatform);
    EXPECT_EQ(result.error, "invalid_blocks");
    EXPECT_FALSE(IsRetryable(result));
    EXPECT_EQ(MetricResult(result), "invalid_blocks");
}

TEST(WireFormatTest, TooManyRequestsIsRateLimitedWithDefaultRetryAfter) {
    const ApiResult with_header = ReadHttpAnswer(429, "", 12, 1s);
    const ApiResult without_header = ReadHttpAnswer(429, "", 0, 1s);

    EXPECT_EQ(with_header.kind, ApiResult::Kind::kRateLimited);
    EXPECT_EQ(with_header.retry_after, 12s);
    EXPECT_EQ(with_header.error, "ratelimited");
    EXPECT_EQ(without_header.retry_after, 1s);
}

TEST(WireFormatTest, ServerErrorAndGarbageAreHttpResults) {
    const ApiResult server_error = ReadHttpAnswer(502, "<html>", 0, 1s);
    const ApiResult garbage = ReadHttpAnswer(200, "<html>", 0, 1s);

    EXPECT_EQ(server_error.kind, ApiResult::Kind::kHttp);
    EXPECT_EQ(MetricResult(server_error), "http_5xx");
    EXPECT_TRUE(IsRetryable(server_error));
    EXPECT_EQ(garbage.kind, ApiResult::Kind::kHttp);
    EXPECT_EQ(garbage.error, "invalid_response");
}

TEST(WireFormatTest, ViewAnswerIsReadWhole) {
    const std::string body =
        R"({"ok":true,"view":{"id":"V1","hash":"h1","type":"modal","callback_id":"cb",)"
        R"("blocks":[{"type":"section","text":{"type":"mrkdwn","text":"x"}}],)"
        R"("state":{"values":{}},"private_metadata":"pm"},"response_metadata":{"warnings":["w"]}})";

    const ApiResult result = ReadHttpAnswer(200, body, 0, 1s);

    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.body["view"]["id"], "V1");
    EXPECT_EQ(result.body["view"]["private_metadata"], "pm");
    EXPECT_EQ(result.body["view"]["blocks"][0]["text"]["text"], "x");
    EXPECT_EQ(result.body["response_metadata"]["warnings"][0], "w");
}

TEST(WireFormatTest, MalformedViewAnswerIsAnInvalidResponse) {
    const ApiResult result = ReadHttpAnswer(200, R"({"ok":true,"view":{"id":"V1")", 0, 1s);

    EXPECT_EQ(result.kind, ApiResult::Kind::kHttp);
    EXPECT_EQ(result.error, "invalid_response");
}

TEST(WireFormatTest, StatusOnlyReadsOkAndErrorAndKeepsNoBody) {
    const std::string view_answer =
        R"({"ok":true,"view":{"id":"V1","blocks":[{"text":"a \"}]{ quote"}]}})";
    const std::string failed_answer = R"({ "error" : "expired_trigger_id", "ok" : false })";

    const ApiResult ok = ReadHttpAnswer(200, view_answer, 0, 1s, AnswerParsing::kStatusOnly);
    const ApiResult failed = ReadHttpAnswer(200, failed_answer, 0, 1s, AnswerParsing::kStatusOnly);

    EXPECT_TRUE(ok.ok());
    EXPECT_TRUE(ok.body.is_null());
    EXPECT_EQ(failed.kind, ApiResult::Kind::kPlatform);
    EXPECT_EQ(failed.error, "expired_trigger_id");
    EXPECT_TRUE(failed.body.is_null());
}

// The scan without a document must judge every answer as the full parse does.
TEST(WireFormatTest, StatusOnlyAgreesWithTheFullParse) {
    const std::vector<std::pair<int, std::string>> answers = {
        {200, R"({"ok":true})"},
        {200, R"({})"},
        {200, R"({"ok":false})"},
        {200, R"({"ok":"true"})"},
        {200, R"({"ok":false,"error":"bad\u0041\"x"})"},
        {200, R"({"ok":false,"error":42})"},
        {200, R"({"ok":true,"warning":"superfluous_charset","response_metadata":{"w":[1,2]}})"},
        {200, R"({"ok":true,"view":{"id":"V1")"},
        {200, R"({"ok":true} trailing)"},
        {200, R"(["ok",true])"},
        {200, ""},
        {200, "<html>"},
        {429, R"({"ok":false,"error":"ratelimited"})"},
        {429, ""},
        {503, R"({"ok":false,"error":"service_unavailable"})"},
    };
    for (const auto& [status, body] : answers) {
        const ApiResult full = ReadHttpAnswer(status, body, 0, 1s);
        const ApiResult scanned = ReadHttpAnswer(status, body, 0, 1s, AnswerParsing::kStatusOnly);
        EXPECT_EQ(scanned.kind, full.kind) << body;
        EXPECT_EQ(scanned.error, full.error) << body;
        EXPECT_EQ(scanned.retry_after, full.retry_after) << body;
    }
}

TEST(WireFormatTest, OnlyIdLikeArgumentsAreLoggable) {
    std::string out;

    AppendLoggableIds(out, {{"channel", "C0CASES"},
                            {"user", "Jane Doe"},
                            {"text", "secret"},
                            {"ts", "1700000000.000100"}});

    EXPECT_EQ(out, " channel=C0CASES ts=1700000000.000100");
}

}  // namespace
}  // namespace escbot::slack
