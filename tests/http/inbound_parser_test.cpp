#include "bot/http/inbound_parser.hpp"

#include <gtest/gtest.h>

#include "tests/support/http_client/slack_requests.hpp"

namespace escbot::http {
namespace {

constexpr std::string_view kForm = "application/x-www-form-urlencoded";
constexpr std::string_view kJson = "application/json";

TEST(InboundParser, SlashCommandFormBecomesASlashCommandWithItsFields) {
    const std::string body = test::SlashCommandForm("/escalate", "Jane Doe", {.user_id = "U42"});

    const ParsedInbound parsed = ParseInbound(kForm, body, "");

    ASSERT_EQ(parsed.status, ParseStatus::kInbound);
    const auto& command = std::get<routing::SlashCommand>(parsed.inbound.payload);
    EXPECT_EQ(command.command, "/escalate");
    EXPECT_EQ(command.text, "Jane Doe");
    EXPECT_EQ(command.user_id, "U42");
    EXPECT_EQ(command.trigger_id, test::SlashCommandFields{}.trigger_id);
}

TEST(InboundParser, PayloadFormBecomesAnInteractionWithTheParsedPayload) {
    const nlohmann::json payload = test::BlockActionPayload({.action_id = "claim"});

    const ParsedInbound parsed = ParseInbound(kForm, test::InteractionForm(payload), "");

    ASSERT_EQ(parsed.status, ParseStatus::kInbound);
    const auto& action = std::get<routing::BlockAction>(parsed.inbound.payload);
    EXPECT_EQ(action.action_id, "claim");
    EXPECT_EQ(action.user_id, payload.at("user").at("id"));
}

TEST(InboundParser, ContentTypeParametersAndCaseAreIgnored) {
    const ParsedInbound parsed = ParseInbound("Application/X-WWW-Form-Urlencoded; charset=utf-8",
                                              "command=%2Fconcert&text=&user_id=U1", "");

    ASSERT_EQ(parsed.status, ParseStatus::kInbound);
    EXPECT_TRUE(std::holds_alternative<routing::SlashCommand>(parsed.inbound.payload));
}

TEST(InboundParser, PayloadThatIsNotJsonIsABadRequest) {
    EXPECT_EQ(ParseInbound(kForm, "payload=%7Bnot+json", "").status, ParseStatus::kBadRequest);
}

TEST(InboundParser, PayloadThatIsJsonButNotAnObjectIsABadRequest) {
    EXPECT_EQ(ParseInbound(kForm, "payload=%5B1%2C2%5D", "").status, ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound(kForm, "payload=%22text%22", "").status, ParseStatus::kBadRequest);
}

TEST(InboundParser, FormWithNeitherCommandNorPayloadIsABadRequest) {
    EXPECT_EQ(ParseInbound(kForm, "foo=bar&baz=1", "").status, ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound(kForm, "", "").status, ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound(kForm, "\x01\x02garbage", "").status, ParseStatus::kBadRequest);
}

TEST(InboundParser, FormWithABadEscapeIsABadRequest) {
    EXPECT_EQ(ParseInbound(kForm, "command=%2Fescalate&text=%G1", "").status,
              ParseStatus::kBadRequest);
}

TEST(InboundParser, NonUtf8FormBytesAreABadRequestNotACrash) {
    EXPECT_EQ(ParseInbound(kForm, "command=%2Fescalate&text=%C3%28", "").status,
              ParseStatus::kBadRequest);
}

TEST(InboundParser, SslCheckIsAFormOfSslCheckAndAtMostAToken) {
    EXPECT_TRUE(IsSslCheck(kForm, "ssl_check=1&token=abc"));
    EXPECT_TRUE(IsSslCheck(kForm, "token=abc&ssl_check=1"));
    EXPECT_TRUE(IsSslCheck(kForm, "ssl_check=1"));
    EXPECT_TRUE(IsSslCheck("application/x-www-form-urlencoded; charset=utf-8", "ssl_check=1"));
}

TEST(InboundParser, AnythingMoreThanAnSslCheckIsNotOne) {
    EXPECT_FALSE(IsSslCheck(kForm, "ssl_check=1&token=abc&command=%2Fescalate"));
    EXPECT_FALSE(IsSslCheck(kForm, "command=%2Fescalate&text=x&ssl_check=1"));
    EXPECT_FALSE(IsSslCheck(kForm, "ssl_check=0&token=abc"));
    EXPECT_FALSE(IsSslCheck(kForm, "token=abc"));
    EXPECT_FALSE(IsSslCheck(kForm, "ssl_check=1&token=%G1"));
    EXPECT_FALSE(IsSslCheck("application/json", "ssl_check=1"));
}

TEST(InboundParser, EventCallbackJsonBecomesAnEvent) {
    const nlohmann::json envelope =
        test::EventCallback({{"type", "app_home_opened"}, {"user", "U1"}, {"tab", "home"}});

    const ParsedInbound parsed = ParseInbound(kJson, envelope.dump(), "");

    ASSERT_EQ(parsed.status, ParseStatus::kInbound);
    const auto& event = std::get<routing::EventCallback>(parsed.inbound.payload);
    EXPECT_EQ(event.type, "app_home_opened");
    EXPECT_EQ(std::get<routing::AppHomeOpened>(event.event).user, "U1");
}

TEST(InboundParser, UrlVerificationBecomesAnEvent) {
    const ParsedInbound parsed =
        ParseInbound("application/json; charset=utf-8", test::UrlVerification("c1").dump(), "");

    ASSERT_EQ(parsed.status, ParseStatus::kInbound);
    EXPECT_EQ(std::get<routing::UrlVerification>(parsed.inbound.payload).challenge, "c1");
}

TEST(InboundParser, InvalidJsonIsABadRequest) {
    EXPECT_EQ(ParseInbound(kJson, R"({"type":"event_callback",)", "").status,
              ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound(kJson, "", "").status, ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound(kJson, "{\"type\":\"\xff\"}", "").status, ParseStatus::kBadRequest);
}

TEST(InboundParser, JsonThatIsNotAnEnvelopeIsABadRequest) {
    EXPECT_EQ(ParseInbound(kJson, "[1,2,3]", "").status, ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound(kJson, R"({"event":{}})", "").status, ParseStatus::kBadRequest);
}

TEST(InboundParser, AbsurdlyNestedJsonIsABadRequest) {
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const std::string inside = R"({"type":"event_callback","x":)" + deep + "}";

    EXPECT_EQ(ParseInbound(kJson, deep, "").status, ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound(kJson, inside, "").status, ParseStatus::kBadRequest);
}

TEST(InboundParser, NestingLikeSlacksOwnPayloadsIsAccepted) {
    const std::string nested = std::string(40, '[') + std::string(40, ']');
    const std::string body = R"({"type":"event_callback","event":{"type":"e"},"x":)" + nested +
                             R"(,"s":"[[[{{"})";

    EXPECT_EQ(ParseInbound(kJson, body, "").status, ParseStatus::kInbound);
}

TEST(InboundParser, APayloadWithoutAFieldTheBotRequiresIsABadRequestNamingIt) {
    const ParsedInbound no_user = ParseInbound(kForm, "command=%2Fescalate&text=x", "");
    nlohmann::json payload = test::BlockActionPayload({.action_id = "claim"});
    payload["actions"][0].erase("action_id");
    const ParsedInbound no_action = ParseInbound(kForm, test::InteractionForm(payload), "");
    const ParsedInbound no_event = ParseInbound(kJson, R"({"type":"event_callback"})", "");

    EXPECT_EQ(no_user.status, ParseStatus::kBadRequest);
    EXPECT_EQ(no_user.error, "slash command: no user_id");
    EXPECT_EQ(no_action.status, ParseStatus::kBadRequest);
    EXPECT_EQ(no_action.error, "block_actions: no actions[0].action_id");
    EXPECT_EQ(no_event.status, ParseStatus::kBadRequest);
    EXPECT_EQ(no_event.error, "event_callback: no event");
}

TEST(InboundParser, OtherContentTypesAreBadRequests) {
    EXPECT_EQ(ParseInbound("text/plain", "command=%2Fescalate", "").status,
              ParseStatus::kBadRequest);
    EXPECT_EQ(ParseInbound("", "command=%2Fescalate", "").status, ParseStatus::kBadRequest);
}

TEST(InboundParser, RetryNumHeaderIsCarriedAndGarbageMeansZero) {
    const std::string body = test::EventCallback({{"type", "app_home_opened"}, {"user", "U1"}}).dump();

    ASSERT_EQ(ParseInbound(kJson, body, "2").status, ParseStatus::kInbound);
    EXPECT_EQ(ParseInbound(kJson, body, "2").inbound.retry_num, 2);
    EXPECT_EQ(ParseInbound(kJson, body, "").inbound.retry_num, 0);
    EXPECT_EQ(ParseInbound(kJson, body, "two").inbound.retry_num, 0);
    EXPECT_EQ(ParseInbound(kJson, body, "-1").inbound.retry_num, 0);
}

}  // namespace
}  // namespace escbot::http
