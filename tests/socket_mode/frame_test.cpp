#include "bot/socket_mode/frame.hpp"

#include <gtest/gtest.h>

namespace escbot::socket_mode {
namespace {

TEST(ParseFrame, HelloIsRecognisedWithItsConnectionCount) {
    const Frame frame = ParseFrame(
        R"({"type":"hello","num_connections":2,"debug_info":{"host":"applink-1"},)"
        R"("connection_info":{"app_id":"A111"}})");

    EXPECT_EQ(frame.kind, Frame::Kind::kHello);
    EXPECT_EQ(frame.num_connections, 2);
}

TEST(ParseFrame, DisconnectCarriesItsReason) {
    const Frame frame = ParseFrame(
        R"({"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"applink-1"}})");

    EXPECT_EQ(frame.kind, Frame::Kind::kDisconnect);
    EXPECT_EQ(frame.reason, "refresh_requested");
}

TEST(ParseFrame, EnvelopeKeepsIdTypePayloadAndFlags) {
    const Frame frame = ParseFrame(
        R"({"envelope_id":"e-1","type":"events_api","accepts_response_payload":false,)"
        R"("retry_attempt":2,"retry_reason":"timeout","payload":{"type":"event_callback"}})");

    EXPECT_EQ(frame.kind, Frame::Kind::kEnvelope);
    EXPECT_EQ(frame.envelope_id, "e-1");
    EXPECT_EQ(frame.type, "events_api");
    EXPECT_FALSE(frame.accepts_response_payload);
    EXPECT_EQ(frame.retry_attempt, 2);
    EXPECT_EQ(frame.payload.at("type"), "event_callback");
}

TEST(ParseFrame, TextThatIsNotAJsonObjectIsMalformed) {
    EXPECT_EQ(ParseFrame("not json").kind, Frame::Kind::kMalformed);
    EXPECT_EQ(ParseFrame("[1,2]").kind, Frame::Kind::kMalformed);
}

TEST(InboundKindFor, MapsTheThreeEnvelopeTypes) {
    EXPECT_EQ(InboundKindFor("slash_commands"), routing::InboundKind::kSlashCommand);
    EXPECT_EQ(InboundKindFor("interactive"), routing::InboundKind::kInteraction);
    EXPECT_EQ(InboundKindFor("events_api"), routing::InboundKind::kEvent);
    EXPECT_FALSE(InboundKindFor("hello").has_value());
}

TEST(ToInbound, ReadsThePayloadIntoItsTypeAndTheRetryIntoRetryNum) {
    const Frame frame = ParseFrame(
        R"({"envelope_id":"e-2","type":"events_api","retry_attempt":1,)"
        R"("payload":{"type":"event_callback","event":{"type":"app_home_opened","user":"U1"}}})");
    const auto at = routing::SteadyTime{} + std::chrono::seconds(3);

    const auto read = ToInbound(frame, routing::InboundKind::kEvent, at);

    ASSERT_TRUE(std::holds_alternative<routing::Inbound>(read));
    const auto& in = std::get<routing::Inbound>(read);
    const auto& event = std::get<routing::EventCallback>(in.payload);
    EXPECT_EQ(event.type, "app_home_opened");
    EXPECT_EQ(event.received_at, at);
    EXPECT_EQ(in.retry_num, 1);
}

TEST(ToInbound, APayloadWithoutARequiredFieldIsAnError) {
    const Frame frame = ParseFrame(
        R"({"envelope_id":"e-3","type":"slash_commands","payload":{"command":"/escalate"}})");

    const auto read = ToInbound(frame, routing::InboundKind::kSlashCommand, {});

    ASSERT_TRUE(std::holds_alternative<routing::PayloadError>(read));
    EXPECT_EQ(std::get<routing::PayloadError>(read).error, "slash command: no user_id");
}

TEST(AckFrame, IsTheBareEnvelopeIdWhenTheAckIsEmpty) {
    const auto ack = nlohmann::json::parse(AckFrame("e-3", routing::Ack::Empty()));

    EXPECT_EQ(ack, (nlohmann::json{{"envelope_id", "e-3"}}));
}

TEST(AckFrame, CarriesTheHandlersAnswer) {
    const auto ack = nlohmann::json::parse(
        AckFrame("e-4", routing::Ack::Errors({{"reason_block", "Pick a reason"}})));

    EXPECT_EQ(ack.at("envelope_id"), "e-4");
    EXPECT_EQ(ack.at("payload").at("response_action"), "errors");
    EXPECT_EQ(ack.at("payload").at("errors").at("reason_block"), "Pick a reason");
}



}  // namespace
}  // namespace escbot::socket_mode
