#include "bot/routing/router.hpp"

#include <gtest/gtest.h>

#include "bot/core/write_outcome_unknown.hpp"

namespace escbot::routing {
namespace {

/// A body read the way every transport reads it; the test fails if it is malformed.
Inbound Read(InboundKind kind, const nlohmann::json& body) {
    auto read = ReadInbound(kind, body);
    if (const auto* error = std::get_if<PayloadError>(&read)) {
        ADD_FAILURE() << error->error;
        return {};
    }
    return std::get<Inbound>(read);
}

Inbound Command(std::string name, std::string text = "") {
    return Read(InboundKind::kSlashCommand,
                {{"command", std::move(name)}, {"text", std::move(text)}, {"user_id", "U1"},
                 {"channel_id", "C1"}, {"trigger_id", "1.2.abc"}});
}

Inbound Click(std::string action_id) {
    return Read(InboundKind::kInteraction,
                {{"type", "block_actions"},
                 {"user", {{"id", "U2"}}},
                 {"channel", {{"id", "C9"}}},
                 {"actions", {{{"action_id", std::move(action_id)}, {"block_id", "b"}}}}});
}

Inbound Submission(std::string callback_id) {
    return Read(InboundKind::kInteraction,
                {{"type", "view_submission"}, {"user", {{"id", "U3"}}},
                 {"view", {{"id", "V1"}, {"callback_id", std::move(callback_id)}}}});
}

Inbound Event(std::string event_id, std::string type) {
    return Read(InboundKind::kEvent,
                {{"type", "event_callback"}, {"event_id", std::move(event_id)},
                 {"event", {{"type", std::move(type)}, {"user", "U4"}}}});
}

TEST(Router, SendsEachKindToItsHandler) {
    Router router;
    std::vector<std::string> seen;
    router.Command("/escalate", [&](const SlashCommand& c) { seen.push_back(c.command); return Ack::Empty(); });
    router.Action("claim", [&](const BlockAction& a) { seen.push_back(a.action_id); return Ack::Empty(); });
    router.Submission("step", [&](const ViewSubmission& s) { seen.push_back(s.view.id); return Ack::Empty(); });
    router.Event("app_home_opened", [&](const EventCallback& e) { seen.push_back(e.type); return Ack::Empty(); });

    router.Dispatch(Command("/escalate"));
    router.Dispatch(Click("claim"));
    router.Dispatch(Submission("step"));
    router.Dispatch(Event("Ev1", "app_home_opened"));

    EXPECT_EQ(seen, (std::vector<std::string>{"/escalate", "claim", "V1", "app_home_opened"}));
}

TEST(Router, UnknownCommandGetsAHarmlessEphemeralReply) {
    Router router;

    const Ack ack = router.Dispatch(Command("/nope"));

    ASSERT_EQ(ack.kind(), Ack::Kind::kMessage);
    EXPECT_EQ(ack.payload().at("response_type"), "ephemeral");
}

TEST(Router, UnknownActionIsAcknowledgedEmpty) {
    Router router;

    EXPECT_TRUE(router.Dispatch(Click("nobody_listens")).IsEmpty());
}

TEST(Router, AnswersUrlVerificationWithTheChallenge) {
    Router router;
    const Inbound in = Read(InboundKind::kEvent, {{"type", "url_verification"}, {"challenge", "abc123"}});

    const Ack ack = router.Dispatch(in);

    EXPECT_EQ(ack.payload(), (nlohmann::json{{"challenge", "abc123"}}));
}

TEST(Router, DeliversAnEphemeralReplyToAClickThroughTheSink) {
    Router router;
    router.Action("claim", [](const BlockAction&) { return Ack::Ephemeral("already taken"); });
    std::string delivered_to;
    router.SetEphemeralSink([&](const Inbound& in, const nlohmann::json& message) {
        delivered_to = UserId(in) + "@" + ChannelId(in) + ":" + message.at("text").get<std::string>();
    });

    const Ack ack = router.Dispatch(Click("claim"));

    EXPECT_TRUE(ack.IsEmpty());
    EXPECT_EQ(delivered_to, "U2@C9:already taken");
}

TEST(Router, AHandlerThatThrowsGetsAReplyWithAReference) {
    Router router;
    router.Command("/escalate", [](const SlashCommand&) -> Ack { throw std::runtime_error("db down"); });
    router.Submission("step", [](const ViewSubmission&) -> Ack { throw std::runtime_error("db down"); });

    const Ack command = router.Dispatch(Command("/escalate"));
    const Ack view = router.Dispatch(Submission("step"));

    EXPECT_NE(command.payload().at("text").get<std::string>().find("reference"), std::string::npos);
    EXPECT_EQ(view.payload().at("response_action"), "update");
}

TEST(Router, AFailedHandlerSaysNothingWasSavedOnlyWhenThatIsKnown) {
    Router router;
    router.Command("/escalate", [](const SlashCommand&) -> Ack { throw std::runtime_error("db down"); });
    router.Command("/concert", [](const SlashCommand&) -> Ack {
        throw WriteOutcomeUnknown("the connection broke during COMMIT");
    });
    router.Submission("step", [](const ViewSubmission&) -> Ack {
        throw WriteOutcomeUnknown("the connection broke during COMMIT");
    });

    const std::string failed = router.Dispatch(Command("/escalate")).payload().at("text");
    const std::string unsure = router.Dispatch(Command("/concert")).payload().at("text");
    const std::string unsure_view = router.Dispatch(Submission("step")).payload().dump();

    EXPECT_NE(failed.find("Nothing was saved"), std::string::npos);
    EXPECT_EQ(unsure.find("Nothing was saved"), std::string::npos);
    EXPECT_NE(unsure.find("may or may not have been saved"), std::string::npos);
    EXPECT_NE(unsure.find("reference"), std::string::npos);
    EXPECT_EQ(unsure_view.find("Nothing was saved"), std::string::npos);
    EXPECT_NE(unsure_view.find("may or may not have been saved"), std::string::npos);
}

TEST(Router, AnEventWhoseHandlerThrowsIsNotAcknowledgedSoSlackRedeliversIt) {
    Router router;
    int runs = 0;
    router.Event("app_home_opened", [&](const EventCallback&) -> Ack {
        if (++runs == 1) throw std::runtime_error("db down");
        return Ack::Empty();
    });

    EXPECT_THROW(router.Dispatch(Event("Ev1", "app_home_opened")), std::runtime_error);
    EXPECT_TRUE(router.Dispatch(Event("Ev1", "app_home_opened")).IsEmpty());

    EXPECT_EQ(runs, 2);
}

TEST(Router, ListsItsCommandsSorted) {
    Router router;
    router.Command("/oncall", [](const SlashCommand&) { return Ack::Empty(); });
    router.Command("/concert", [](const SlashCommand&) { return Ack::Empty(); });

    EXPECT_EQ(router.CommandNames(), (std::vector<std::string>{"/concert", "/oncall"}));
}

}  // namespace
}  // namespace escbot::routing
