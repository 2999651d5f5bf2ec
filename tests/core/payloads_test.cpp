#include "bot/routing/inbound.hpp"

#include <gtest/gtest.h>

namespace escbot::routing {
namespace {

using nlohmann::json;

const SteadyTime kReceived = SteadyTime{} + std::chrono::seconds(42);

/// The payload a body reads into; the test fails when it is refused.
template <typename T>
T ReadAs(InboundKind kind, const json& body) {
    auto read = ReadInbound(kind, body, 0, kReceived);
    if (const auto* error = std::get_if<PayloadError>(&read)) {
        ADD_FAILURE() << "refused: " << error->error;
        return {};
    }
    const Payload& payload = std::get<Inbound>(read).payload;
    if (!std::holds_alternative<T>(payload)) {
        ADD_FAILURE() << "read as another kind: " << RouteName(payload);
        return {};
    }
    return std::get<T>(payload);
}

/// The error a body is refused with ("" when it is accepted).
std::string RefusalOf(InboundKind kind, const json& body) {
    auto read = ReadInbound(kind, body);
    const auto* error = std::get_if<PayloadError>(&read);
    return error != nullptr ? std::string(error->error) : std::string();
}

json SlashBody() {
    return {{"command", "/escalate"}, {"text", "Jane Doe"}, {"user_id", "U1"},
            {"channel_id", "C1"},     {"trigger_id", "1.2.t"},  {"response_url", "https://x"},
            {"team_domain", "acme"},  {"api_app_id", "A1"}};  // extra fields tolerated
}

json ViewBody(std::string type) {
    return {{"type", std::move(type)},
            {"user", {{"id", "U3"}, {"name", "agent"}}},
            {"trigger_id", "9.9.t"},
            {"view",
             {{"id", "V1"},
              {"hash", "h1"},
              {"callback_id", "escalate_step"},
              {"private_metadata", "d:7"},
              {"blocks", {{{"type", "input"}, {"block_id", "q_name"}}, {{"type", "divider"}}}},
              {"state",
               {{"values",
                 {{"q_name", {{"answer", {{"type", "plain_text_input"}, {"value", "Jane"}}}}},
                  {"q_empty", {{"answer", {{"type", "plain_text_input"}, {"value", nullptr}}}}},
                  {"q_pick",
                   {{"answer",
                     {{"type", "radio_buttons"}, {"selected_option", {{"value", "yes"}}}}}}},
                  {"q_many",
                   {{"answer",
                     {{"type", "checkboxes"},
                      {"selected_options", {{{"value", "a"}}, {{"value", "b"}}}}}}}},
                  {"q_date",
                   {{"answer", {{"type", "datepicker"}, {"selected_date", "2026-12-07"}}}}}}}}}}}};
}

TEST(Payloads, ASlashCommandReadsItsFields) {
    const auto c = ReadAs<SlashCommand>(InboundKind::kSlashCommand, SlashBody());
    EXPECT_EQ(c.command, "/escalate");
    EXPECT_EQ(c.text, "Jane Doe");
    EXPECT_EQ(c.user_id, "U1");
    EXPECT_EQ(c.channel_id, "C1");
    EXPECT_EQ(c.trigger_id, "1.2.t");
    EXPECT_EQ(c.response_url, "https://x");
    EXPECT_EQ(c.received_at, kReceived);
}

TEST(Payloads, ASlashCommandWithoutItsRequiredFieldsIsRefused) {
    json no_command = SlashBody();
    no_command.erase("command");
    json no_user = SlashBody();
    no_user.erase("user_id");
    json empty_user = SlashBody();
    empty_user["user_id"] = "";
    json text_not_string = SlashBody();
    text_not_string["text"] = 5;

    EXPECT_EQ(RefusalOf(InboundKind::kSlashCommand, no_command), "slash command: no command");
    EXPECT_EQ(RefusalOf(InboundKind::kSlashCommand, no_user), "slash command: no user_id");
    EXPECT_EQ(RefusalOf(InboundKind::kSlashCommand, empty_user), "slash command: no user_id");
    EXPECT_NE(RefusalOf(InboundKind::kSlashCommand, text_not_string), "");
}

TEST(Payloads, AMissingOptionalFieldReadsEmpty) {
    const auto c = ReadAs<SlashCommand>(InboundKind::kSlashCommand,
                                        {{"command", "/oncall"}, {"user_id", "U1"}});
    EXPECT_EQ(c.text, "");
    EXPECT_EQ(c.trigger_id, "");
}

TEST(Payloads, AViewSubmissionReadsItsViewAndTypedState) {
    const auto s = ReadAs<ViewSubmission>(InboundKind::kInteraction, ViewBody("view_submission"));
    EXPECT_EQ(s.user_id, "U3");
    EXPECT_EQ(s.trigger_id, "9.9.t");
    EXPECT_EQ(s.view.id, "V1");
    EXPECT_EQ(s.view.hash, "h1");
    EXPECT_EQ(s.view.callback_id, "escalate_step");
    EXPECT_EQ(s.view.private_metadata, "d:7");
    EXPECT_EQ(s.view.block_ids, (std::vector<std::string>{"q_name", ""}));

    ASSERT_NE(s.view.Input("q_name", "answer"), nullptr);
    EXPECT_EQ(s.view.Input("q_name", "answer")->value, "Jane");
    EXPECT_FALSE(s.view.Input("q_empty", "answer")->value.has_value());
    EXPECT_EQ(s.view.Input("q_pick", "answer")->selected, (std::vector<std::string>{"yes"}));
    EXPECT_EQ(s.view.Input("q_many", "answer")->selected, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(s.view.Input("q_date", "answer")->selected_date, "2026-12-07");
    EXPECT_EQ(s.view.Input("q_name", "other_action"), nullptr);
    EXPECT_EQ(s.view.Input("q_missing", "answer"), nullptr);
}

TEST(Payloads, AViewEventWithoutUserViewIdOrCallbackIsRefused) {
    for (const std::string type : {"view_submission", "view_closed"}) {
        json no_user = ViewBody(type);
        no_user.erase("user");
        json no_view = ViewBody(type);
        no_view.erase("view");
        json no_id = ViewBody(type);
        no_id["view"].erase("id");
        json no_callback = ViewBody(type);
        no_callback["view"].erase("callback_id");
        json view_not_object = ViewBody(type);
        view_not_object["view"] = "V1";

        EXPECT_EQ(RefusalOf(InboundKind::kInteraction, no_user), type + ": no user.id");
        EXPECT_EQ(RefusalOf(InboundKind::kInteraction, no_view), type + ": no view or no view.id");
        EXPECT_EQ(RefusalOf(InboundKind::kInteraction, no_id), type + ": no view or no view.id");
        EXPECT_EQ(RefusalOf(InboundKind::kInteraction, no_callback), type + ": no view.callback_id");
        EXPECT_EQ(RefusalOf(InboundKind::kInteraction, view_not_object),
                  type + ": no view or no view.id");
    }
}

TEST(Payloads, MalformedStateEntriesAreSkippedNotFatal) {
    json body = ViewBody("view_closed");
    body["view"]["state"]["values"]["q_bad"] = "not an object";
    body["view"]["state"]["values"]["q_name"]["odd"] = 5;

    const auto c = ReadAs<ViewClosed>(InboundKind::kInteraction, body);

    EXPECT_EQ(c.view.Input("q_name", "answer")->value, "Jane");
    EXPECT_EQ(c.view.state.count("q_bad"), 0u);
    EXPECT_EQ(c.view.Input("q_name", "odd"), nullptr);
}

json ClickBody() {
    return {{"type", "block_actions"},
            {"user", {{"id", "U2"}}},
            {"trigger_id", "5.5.t"},
            {"container", {{"type", "message"}, {"channel_id", "C9"}, {"message_ts", "1.000100"}}},
            {"actions",
             {{{"action_id", "claim"}, {"block_id", "case"}, {"value", "c:12"}, {"type", "button"}},
              {{"action_id", "ignored"}}}}};
}

TEST(Payloads, AClickInAMessageReadsTheFirstActionAndWhereItWas) {
    const auto a = ReadAs<BlockAction>(InboundKind::kInteraction, ClickBody());
    EXPECT_EQ(a.user_id, "U2");
    EXPECT_EQ(a.action_id, "claim");
    EXPECT_EQ(a.block_id, "case");
    EXPECT_EQ(a.value, "c:12");
    EXPECT_EQ(a.trigger_id, "5.5.t");
    EXPECT_EQ(a.channel_id, "C9");     // from the container when there is no channel object
    EXPECT_EQ(a.message_ts, "1.000100");
    EXPECT_FALSE(a.view.has_value());
}

TEST(Payloads, AClickInAViewCarriesTheViewAndTheSelectedOption) {
    json body = ViewBody("block_actions");
    body["actions"] = {{{"action_id", "answer"},
                        {"type", "static_select"},
                        {"selected_option", {{"value", "homeowner"}}}}};

    const auto a = ReadAs<BlockAction>(InboundKind::kInteraction, body);

    EXPECT_EQ(a.selected, "homeowner");
    ASSERT_TRUE(a.view.has_value());
    EXPECT_EQ(a.view->id, "V1");
    EXPECT_EQ(a.view->Input("q_pick", "answer")->selected, (std::vector<std::string>{"yes"}));
}

TEST(Payloads, AClickWithoutUserOrActionIsRefused) {
    json no_user = ClickBody();
    no_user.erase("user");
    json no_actions = ClickBody();
    no_actions["actions"] = json::array();
    json no_action_id = ClickBody();
    no_action_id["actions"][0].erase("action_id");
    json bad_view = ClickBody();
    bad_view["view"] = {{"callback_id", "x"}};

    EXPECT_EQ(RefusalOf(InboundKind::kInteraction, no_user), "block_actions: no user.id");
    EXPECT_EQ(RefusalOf(InboundKind::kInteraction, no_actions), "block_actions: no actions");
    EXPECT_EQ(RefusalOf(InboundKind::kInteraction, no_action_id),
              "block_actions: no actions[0].action_id");
    EXPECT_EQ(RefusalOf(InboundKind::kInteraction, bad_view), "block_actions: view without an id");
}

TEST(Payloads, AnInteractionOfAnotherTypeIsUnsupportedNotRefused) {
    const auto u = ReadAs<Unsupported>(InboundKind::kInteraction,
                                       {{"type", "shortcut"}, {"callback_id", "x"}});
    EXPECT_EQ(u.type, "shortcut");
    EXPECT_EQ(RefusalOf(InboundKind::kInteraction, {{"user", {{"id", "U1"}}}}), "interaction: no type");
}

TEST(Payloads, AppHomeOpenedReadsUserAndTab) {
    const auto e = ReadAs<EventCallback>(
        InboundKind::kEvent,
        {{"type", "event_callback"},
         {"event_id", "Ev1"},
         {"event", {{"type", "app_home_opened"}, {"user", "U4"}, {"tab", "messages"}}}});
    EXPECT_EQ(e.event_id, "Ev1");
    EXPECT_EQ(e.type, "app_home_opened");
    ASSERT_TRUE(std::holds_alternative<AppHomeOpened>(e.event));
    EXPECT_EQ(std::get<AppHomeOpened>(e.event).user, "U4");
    EXPECT_EQ(std::get<AppHomeOpened>(e.event).tab, "messages");

    const auto no_tab = ReadAs<EventCallback>(
        InboundKind::kEvent,
        {{"type", "event_callback"}, {"event", {{"type", "app_home_opened"}, {"user", "U4"}}}});
    EXPECT_EQ(std::get<AppHomeOpened>(no_tab.event).tab, "home");
}

TEST(Payloads, EventsWithoutTheirRequiredFieldsAreRefused) {
    EXPECT_EQ(RefusalOf(InboundKind::kEvent, {{"token", "x"}}), "event: no type");
    EXPECT_EQ(RefusalOf(InboundKind::kEvent, {{"type", "event_callback"}}), "event_callback: no event");
    EXPECT_EQ(RefusalOf(InboundKind::kEvent, {{"type", "event_callback"}, {"event", {{"user", "U"}}}}),
              "event_callback: no event.type");
    EXPECT_EQ(RefusalOf(InboundKind::kEvent,
                        {{"type", "event_callback"}, {"event", {{"type", "app_home_opened"}}}}),
              "app_home_opened: no event.user");
    EXPECT_EQ(RefusalOf(InboundKind::kEvent, {{"type", "url_verification"}}),
              "url_verification: no challenge");
}

TEST(Payloads, AnEventTypeTheBotDoesNotReadKeepsOnlyItsType) {
    const auto e = ReadAs<EventCallback>(
        InboundKind::kEvent,
        {{"type", "event_callback"}, {"event", {{"type", "reaction_added"}, {"user", "U4"}}}});
    EXPECT_EQ(e.type, "reaction_added");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(e.event));
}

TEST(Payloads, RouteNamesHoldNoUserText) {
    const auto c = ReadAs<SlashCommand>(InboundKind::kSlashCommand, SlashBody());
    EXPECT_EQ(RouteName(Payload{c}), "command:/escalate");
    const auto s = ReadAs<ViewSubmission>(InboundKind::kInteraction, ViewBody("view_submission"));
    EXPECT_EQ(RouteName(Payload{s}), "view:escalate_step");
    EXPECT_EQ(UserOf(Payload{s}), "U3");
}

TEST(Payloads, NonObjectBodiesAreRefusedWithoutThrowing) {
    for (const json& body : {json(), json::array(), json("text"), json(5)}) {
        EXPECT_NE(RefusalOf(InboundKind::kSlashCommand, body), "");
        EXPECT_NE(RefusalOf(InboundKind::kInteraction, body), "");
        EXPECT_NE(RefusalOf(InboundKind::kEvent, body), "");
    }
}

}  // namespace
}  // namespace escbot::routing
