#include "bot/routing/router.hpp"

#include <set>

#include <gtest/gtest.h>

namespace escbot::routing {
namespace {

Inbound Command(std::string name, std::string text = "") {
    return {InboundKind::kSlashCommand,
            {{"command", std::move(name)}, {"text", std::move(text)}, {"user_id", "U1"},
             {"channel_id", "C1"}, {"trigger_id", "1.2.abc"}}};
}

Inbound Click(std::string action_id) {
    return {InboundKind::kInteraction,
            {{"type", "block_actions"},
             {"user", {{"id", "U2"}}},
             {"channel", {{"id", "C9"}}},
             {"actions", {{{"action_id", std::move(action_id)}, {"block_id", "b"}}}}}};
}

Inbound Submission(std::string callback_id) {
    return {InboundKind::kInteraction,
            {{"type", "view_submission"}, {"user", {{"id", "U3"}}},
             {"view", {{"callback_id", std::move(callback_id)}}}}};
}

Inbound Event(std::string event_id, std::string type) {
    return {InboundKind::kEvent,
            {{"type", "event_callback"}, {"event_id", std::move(event_id)},
             {"event", {{"type", std::move(type)}, {"user", "U4"}}}}};
}

TEST(Router, SendsEachKindToItsHandler) {
    Router router;
    std::vector<std::string> seen;
    router.Command("/escalate", [&](const Inbound&) { seen.push_back("command"); return Ack::Empty(); });
    router.Action("claim", [&](const Inbound&) { seen.push_back("action"); return Ack::Empty(); });
    router.ViewSubmission("step", [&](const Inbound&) { seen.push_back("view"); return Ack::Empty(); });
    router.Event("app_home_opened", [&](const Inbound&) { seen.push_back("event"); return Ack::Empty(); });

    router.Dispatch(Command("/escalate"));
    router.Dispatch(Click("claim"));
    router.Dispatch(Submission("step"));
    router.Dispatch(Event("Ev1", "app_home_opened"));

    EXPECT_EQ(seen, (std::vector<std::string>{"command", "action", "view", "event"}));
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
    Inbound in{InboundKind::kEvent, {{"type", "url_verification"}, {"challenge", "abc123"}}};

    const Ack ack = router.Dispatch(in);

    EXPECT_EQ(ack.payload(), (nlohmann::json{{"challenge", "abc123"}}));
}

TEST(Router, RunsAnEventOnlyTheFirstTimeItsIdIsSeen) {
    Router router;
    std::set<std::string> ids;
    router.SetFirstSeen([&](std::string_view id) { return ids.insert(std::string(id)).second; });
    int runs = 0;
    router.Event("app_home_opened", [&](const Inbound&) { ++runs; return Ack::Empty(); });

    router.Dispatch(Event("Ev1", "app_home_opened"));
    router.Dispatch(Event("Ev1", "app_home_opened"));
    router.Dispatch(Event("Ev2", "app_home_opened"));

    EXPECT_EQ(runs, 2);
}

TEST(Router, DeliversAnEphemeralReplyToAClickThroughTheSink) {
    Router router;
    router.Action("claim", [](const Inbound&) { return Ack::Ephemeral("already taken"); });
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
    router.Command("/escalate", [](const Inbound&) -> Ack { throw std::runtime_error("db down"); });
    router.ViewSubmission("step", [](const Inbound&) -> Ack { throw std::runtime_error("db down"); });

    const Ack command = router.Dispatch(Command("/escalate"));
    const Ack view = router.Dispatch(Submission("step"));

    EXPECT_NE(command.payload().at("text").get<std::string>().find("reference"), std::string::npos);
    EXPECT_EQ(view.payload().at("response_action"), "update");
}

TEST(Router, ListsItsCommandsSorted) {
    Router router;
    router.Command("/oncall", [](const Inbound&) { return Ack::Empty(); });
    router.Command("/concert", [](const Inbound&) { return Ack::Empty(); });

    EXPECT_EQ(router.CommandNames(), (std::vector<std::string>{"/concert", "/oncall"}));
}

}  // namespace
}  // namespace escbot::routing
