#include "bot/console/console_session.hpp"

#include <optional>
#include <sstream>

#include <gtest/gtest.h>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"

namespace escbot::console {
namespace {

using routing::Ack;

// An Advance that adds elapsed seconds (bh and bd counted as plain hours and days) into `moved`.
ConsoleSession::Advance ElapsedInto(std::chrono::seconds& moved) {
    return [&moved](const config::Duration& d) {
        static constexpr long kSeconds[] = {3600, 86400, 604800, 86400, 3600, 60, 1};
        const std::chrono::seconds step(d.count * kSeconds[static_cast<int>(d.unit)]);
        moved += step;
        return step;
    };
}

// Input that ends (like Ctrl-D on a terminal) after each part, and then goes on with the next.
class PausingInput : public std::streambuf {
public:
    explicit PausingInput(std::vector<std::string> parts) : parts_(std::move(parts)) {}

private:
    int_type underflow() override {
        if (paused_) {
            paused_ = false;
            if (next_ < parts_.size()) {
                char* begin = parts_[next_].data();
                setg(begin, begin, begin + parts_[next_].size());
                ++next_;
                return traits_type::to_int_type(*gptr());
            }
            return traits_type::eof();
        }
        paused_ = true;
        return traits_type::eof();
    }

    std::vector<std::string> parts_;
    std::size_t next_ = 0;
    bool paused_ = true;
};

nlohmann::json Text(const std::string& text) { return {{"type", "plain_text"}, {"text", text}}; }

nlohmann::json Option(const std::string& text, const std::string& value) {
    return {{"text", Text(text)}, {"value", value}};
}

nlohmann::json FirstView() {
    return {{"type", "modal"},
            {"callback_id", "demo_first"},
            {"title", Text("Demo")},
            {"submit", Text("Next")},
            {"private_metadata", "draft-1"},
            {"blocks",
             {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "Answer two questions."}}}},
              {{"type", "input"},
               {"block_id", "agrees"},
               {"label", Text("Agrees to wait?")},
               {"element", {{"type", "radio_buttons"}, {"action_id", "a"},
                            {"options", {Option("Yes", "yes"), Option("No", "no")}}}}},
              {{"type", "input"},
               {"block_id", "name"},
               {"label", Text("Homeowner name")},
               {"element", {{"type", "plain_text_input"}, {"action_id", "n"}}}},
              {{"type", "input"},
               {"block_id", "flags"},
               {"optional", true},
               {"label", Text("Red flags")},
               {"element", {{"type", "checkboxes"}, {"action_id", "f"},
                            {"options", {Option("Lawyer", "lawyer"), Option("BBB", "bbb"), Option("Lien", "lien")}}}}}}}};
}

// A toy flow that uses every console mechanism: views.open, errors, update, a posted message with a
// button, and a click on it.
class DemoFlow {
public:
    explicit DemoFlow(ConsoleSurface& slack) : slack_(slack) {
        router_.Command("/demo", [this](const routing::SlashCommand& in) {
            slack_.Call("views.open", {{"trigger_id", in.trigger_id}, {"view", FirstView()}}, {},
                        [](const slack::ApiResult&) {});
            return Ack::Empty();
        });
        router_.Submission("demo_first", [this](const routing::ViewSubmission& in) {
            submitted_ = in.view.state;
            const routing::InputState* name = in.view.Input("name", "n");
            if (name == nullptr || !name->value || name->value->empty())
                return Ack::Errors({{"name", "Please give the homeowner's name."}});
            nlohmann::json done = {{"type", "modal"}, {"callback_id", "demo_done"}, {"title", Text("Done")},
                                   {"submit", Text("Post")},
                                   {"blocks", {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "Ready."}}}}}}};
            return Ack::UpdateView(done);
        });
        router_.Submission("demo_done", [this](const routing::ViewSubmission&) {
            nlohmann::json blocks = {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "Case *7* opened"}}}},
                                     {{"type", "actions"}, {"block_id", "acts"},
                                      {"elements", {{{"type", "button"}, {"action_id", "claim"}, {"value", "7"},
                                                     {"text", Text("Claim")}}}}}};
            slack_.Call("chat.postMessage", {{"channel", "C0RES"}, {"text", "Case 7"}, {"blocks", blocks}}, {},
                        [](const slack::ApiResult&) {});
            return Ack::Empty();
        });
        router_.Action("claim", [this](const routing::BlockAction& in) {
            claimed_by_ = in.user_id;
            claimed_value_ = in.value;
            return Ack::Empty();
        });
    }

    routing::Router router_;
    ConsoleSurface& slack_;
    std::optional<routing::StateValues> submitted_;
    std::string claimed_by_;
    std::string claimed_value_;
};

TEST(ConsoleSession, WalksAModalAsNumberedQuestionsAndClicksAPostedButton) {
    std::ostringstream out;
    ConsoleSurface surface(out, {{"C0RES", "resolution_team"}});
    DemoFlow flow(surface);
    // Name left empty first: the error comes back and only that question is asked again.
    std::istringstream in("/demo\n1\n\n1,3\nJane Doe\n\nas U0LEAD\nclick 1\nquit\n");
    ConsoleSession session(flow.router_, surface, in, out, {}, nullptr, nullptr);

    EXPECT_EQ(session.Run(), 0);

    const std::string transcript = out.str();
    EXPECT_NE(transcript.find("=== Demo ==="), std::string::npos);
    EXPECT_NE(transcript.find("1) Yes"), std::string::npos);
    EXPECT_NE(transcript.find("! Please give the homeowner's name."), std::string::npos);
    EXPECT_NE(transcript.find("=== Done ==="), std::string::npos);
    EXPECT_NE(transcript.find("posted to #resolution_team (C0RES)"), std::string::npos);
    EXPECT_NE(transcript.find("[1] Claim"), std::string::npos);
    ASSERT_TRUE(flow.submitted_.has_value());
    auto& submitted = *flow.submitted_;
    EXPECT_EQ(submitted["agrees"]["a"].selected, (std::vector<std::string>{"yes"}));
    EXPECT_EQ(submitted["name"]["n"].value, "Jane Doe");
    ASSERT_EQ(submitted["flags"]["f"].selected.size(), 2u);
    EXPECT_EQ(submitted["flags"]["f"].selected[1], "lien");
    EXPECT_EQ(flow.claimed_by_, "U0LEAD");
    EXPECT_EQ(flow.claimed_value_, "7");
    EXPECT_FALSE(surface.HasModal());
}

TEST(ConsoleSession, CancelClosesTheModalWithoutSubmitting) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    DemoFlow flow(surface);
    std::istringstream in("/demo\n:cancel\nquit\n");
    ConsoleSession session(flow.router_, surface, in, out, {}, nullptr, nullptr);

    session.Run();

    EXPECT_FALSE(flow.submitted_.has_value());
    EXPECT_FALSE(surface.HasModal());
    EXPECT_NE(out.str().find("(form closed)"), std::string::npos);
}

TEST(ConsoleSession, EndOfInputInsideAFormClosesTheFormOnlyAndTheConsoleGoesOn) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    DemoFlow flow(surface);
    PausingInput parts({"/demo\n", "as U0AFTER1\n"});
    std::istream in(&parts);
    ConsoleSession session(flow.router_, surface, in, out, {}, nullptr, nullptr);

    session.Run();

    EXPECT_FALSE(flow.submitted_.has_value());
    EXPECT_NE(out.str().find("(form closed)"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("You are now U0AFTER1."), std::string::npos) << out.str();
}

TEST(ConsoleSession, ALineOfInvalidUtf8IsAskedAgainAndNeverReachesAHandler) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    DemoFlow flow(surface);
    std::istringstream in("/demo\n1\nJane \xC3\x28 Doe\nJane Doe\n\n:cancel\nquit\n");
    ConsoleSession session(flow.router_, surface, in, out, {}, nullptr, nullptr);

    session.Run();

    EXPECT_NE(out.str().find("not valid UTF-8"), std::string::npos) << out.str();
    ASSERT_TRUE(flow.submitted_.has_value());
    EXPECT_EQ((*flow.submitted_)["name"]["n"].value, "Jane Doe");
}

TEST(ConsoleSession, AdvanceMovesTheClockAndRunsThePump) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    routing::Router router;
    std::chrono::seconds moved{0};
    int pumps = 0;
    std::istringstream in("advance 30s\nadvance 2m\nadvance soon\n");
    ConsoleSession session(router, surface, in, out, {}, [&] { ++pumps; }, ElapsedInto(moved));

    session.Run();

    EXPECT_EQ(moved, std::chrono::seconds(150));
    EXPECT_EQ(pumps, 3);
    EXPECT_NE(out.str().find("The clock moved forward 2m (120 s)."), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("advance: expected a duration"), std::string::npos) << out.str();
}

TEST(ConsoleSession, AdvanceRefusesBackwardsFractionsAndAbsurdSpansAndMovesNothing) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    routing::Router router;
    std::chrono::seconds moved{0};
    std::istringstream in("advance -5m\nadvance 1.5h\nadvance 9999999999d\nadvance\n");
    ConsoleSession session(router, surface, in, out, {}, nullptr, ElapsedInto(moved));

    session.Run();

    EXPECT_EQ(moved, std::chrono::seconds(0));
    EXPECT_EQ(out.str().find("moved forward"), std::string::npos) << out.str();
    std::size_t refusals = 0;
    for (std::size_t at = 0; (at = out.str().find("advance: ", at)) != std::string::npos; ++at)
        ++refusals;
    EXPECT_EQ(refusals, 4u) << out.str();
}

TEST(ConsoleSession, AsTakesOnlyAUserId) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    routing::Router router;
    std::istringstream in("as lowercase\nas U0LEAD00001\n");
    ConsoleSession session(router, surface, in, out, {}, nullptr, nullptr);

    session.Run();

    EXPECT_NE(out.str().find("as: expected a Slack user id"), std::string::npos) << out.str();
    EXPECT_EQ(out.str().find("You are now lowercase"), std::string::npos);
    EXPECT_NE(out.str().find("You are now U0LEAD00001."), std::string::npos);
}

TEST(ConsoleSession, NowAndAdvanceSayTheTimeInTheTeamsZone) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    routing::Router router;
    ManualClock clock(FromUnix(1796652300));  // 2026-12-07T14:05:00Z
    const config::BusinessCalendar calendar;  // America/New_York
    ConsoleSession::Options options;
    options.now_text = [&] { return calendar.FormatForPeople(clock.Now()); };
    std::istringstream in("now\nadvance 1d\n");
    ConsoleSession session(router, surface, in, out, options, nullptr,
                           [&](const config::Duration& d) {
                               const auto moved = calendar.Add(clock.Now(), d) - clock.Now();
                               clock.Advance(moved);
                               return moved;
                           });

    session.Run();

    EXPECT_NE(out.str().find("It is Mon Dec 7, 2026 9:05 AM EST."), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("The clock moved forward 1d (86400 s). It is now Tue Dec 8, 2026 9:05 "
                             "AM EST."),
              std::string::npos)
        << out.str();
}

TEST(ConsoleSession, ButtonsInASlashCommandReplyCanBeClicked) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    routing::Router router;
    router.Command("/ask", [](const routing::SlashCommand&) {
        return Ack::Message({{"response_type", "ephemeral"},
                             {"text", "Request 5 sent"},
                             {"blocks",
                              {{{"type", "actions"},
                                {"block_id", "b"},
                                {"elements", {{{"type", "button"}, {"action_id", "cancel"}, {"value", "5"},
                                               {"text", Text("Cancel request")}}}}}}}});
    });
    std::string cancelled;
    router.Action("cancel", [&](const routing::BlockAction& in) {
        cancelled = in.value;
        return Ack::Empty();
    });
    std::istringstream in("/ask\nclick 1\n");
    ConsoleSession session(router, surface, in, out, {}, nullptr, nullptr);

    session.Run();

    EXPECT_NE(out.str().find("reply only you see"), std::string::npos);
    EXPECT_NE(out.str().find("[1] Cancel request"), std::string::npos);
    EXPECT_EQ(cancelled, "5");
}

TEST(ConsoleSession, AnInputWithDispatchActionLetsTheHandlerRedrawTheModalAtOnce) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    routing::Router router;
    auto view = [](bool with_reason) {
        nlohmann::json blocks = {
            {{"type", "input"},
             {"block_id", "agrees"},
             {"label", Text("Agrees to wait?")},
             {"dispatch_action", true},
             {"element", {{"type", "radio_buttons"}, {"action_id", "a"},
                          {"options", {Option("Yes", "yes"), Option("No", "no")}}}}}};
        if (with_reason)
            blocks.push_back({{"type", "input"},
                              {"block_id", "why"},
                              {"label", Text("Why not?")},
                              {"element", {{"type", "plain_text_input"}, {"action_id", "w"}}}});
        blocks.push_back({{"type", "input"},
                          {"block_id", "name"},
                          {"label", Text("Homeowner name")},
                          {"element", {{"type", "plain_text_input"}, {"action_id", "n"}}}});
        return nlohmann::json{{"type", "modal"}, {"callback_id", "demo"}, {"title", Text("Demo")},
                              {"submit", Text("Next")}, {"blocks", blocks}};
    };
    router.Command("/demo", [&](const routing::SlashCommand& in) {
        surface.Call("views.open", {{"trigger_id", in.trigger_id}, {"view", view(false)}}, {},
                     [](const slack::ApiResult&) {});
        return Ack::Empty();
    });
    router.Action("a", [&](const routing::BlockAction& in) {
        const bool no = in.selected == "no";
        surface.Call("views.update", {{"view_id", in.view->id}, {"view", view(no)}}, {},
                     [](const slack::ApiResult&) {});
        return Ack::Empty();
    });
    routing::StateValues submitted;
    router.Submission("demo", [&](const routing::ViewSubmission& in) {
        submitted = in.view.state;
        return Ack::Empty();
    });
    std::istringstream in("/demo\n2\nShe has to pick up her kids\nJane Doe\n");
    ConsoleSession session(router, surface, in, out, {}, nullptr, nullptr);

    session.Run();

    EXPECT_EQ(submitted["agrees"]["a"].selected, (std::vector<std::string>{"no"}));
    EXPECT_EQ(submitted["why"]["w"].value, "She has to pick up her kids");
    EXPECT_EQ(submitted["name"]["n"].value, "Jane Doe");
}

TEST(ConsoleSession, UnknownCommandsGetTheRouterReply) {
    std::ostringstream out;
    ConsoleSurface surface(out);
    routing::Router router;
    std::istringstream in("/nothing here\n");
    ConsoleSession session(router, surface, in, out, {}, nullptr, nullptr);

    session.Run();

    EXPECT_NE(out.str().find("does not know that command"), std::string::npos);
}

}  // namespace
}  // namespace escbot::console
