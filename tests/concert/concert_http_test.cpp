#include <latch>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "tests/support/capture_sink.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using storage::ConcertRequest;
using Status = ConcertRequest::Status;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kConcertChannel = "C0SUPPORTCS";  // the example config's channel
constexpr const char* kAgent = "U0AGENT001";            // SlashCommandFields' default user
constexpr const char* kAgentChannel = "C0SUPPORT01";    // ... and channel
constexpr const char* kRequest = "Jane Doe, 12 Main St, Springfield";

/// Monday 2026-11-23 at hh:mm America/New_York (EST, UTC-5).
TimePoint MondayEastern(int hour, int minute = 0) {
    return FromUnix(1795446000 + (hour - 10) * 3600 + minute * 60);
}

TestBot::Options StartingAt(TimePoint t) {
    TestBot::Options options;
    options.start = t;
    return options;
}

std::string Dump(const SlackCall& call) { return call.args.dump(); }

/// The request posts in the confirmation channel (not thread replies), in order, with the
/// fake's answers (it records an answer just after writing it, so wait for that first).
std::vector<SlackCall> RequestPosts(TestBot& bot) {
    bot.slack().WaitForAnswers("chat.postMessage", bot.slack().CallCount("chat.postMessage"));
    std::vector<SlackCall> posts;
    for (auto& call : bot.slack().Calls("chat.postMessage")) {
        if (call.args.value("channel", "") == kConcertChannel && !call.args.contains("thread_ts")) {
            posts.push_back(std::move(call));
        }
    }
    return posts;
}

std::vector<SlackCall> ThreadReplies(TestBot& bot, const std::string& root_ts) {
    std::vector<SlackCall> replies;
    for (auto& call : bot.slack().Calls("chat.postMessage")) {
        if (call.args.value("thread_ts", "") == root_ts) replies.push_back(std::move(call));
    }
    return replies;
}

/// Calls of `method` whose args mention `needle` (a user, a channel, some text).
std::vector<SlackCall> CallsWith(TestBot& bot, std::string_view method, std::string_view needle) {
    std::vector<SlackCall> found;
    for (auto& call : bot.slack().Calls(method)) {
        if (Dump(call).find(needle) != std::string::npos) found.push_back(std::move(call));
    }
    return found;
}

/// The notes only one user saw (click answers through response_url, ephemerals) that mention
/// `needle`, each {"channel","user","text",...,"via"}.
std::vector<nlohmann::json> NotesWith(TestBot& bot, std::string_view needle) {
    bot.WaitForResponseUrls();
    std::vector<nlohmann::json> found;
    for (auto& note : bot.slack().Ephemerals()) {
        if (note.dump().find(needle) != std::string::npos) found.push_back(std::move(note));
    }
    return found;
}

ConcertRequest Stored(TestBot& bot, long long id) {
    auto r = bot.store().Read([&](storage::UnitOfWork& u) { return u.Concert().Get(id); });
    if (!r) throw std::runtime_error("no concert request " + std::to_string(id));
    return *r;
}

BlockActionFields Button(const std::string& user, const char* action, long long id,
                         const std::string& ts) {
    BlockActionFields fields;
    fields.user_id = user;
    fields.action_id = action;
    fields.block_id = "concert_answer";
    fields.value = std::to_string(id);
    fields.channel_id = kConcertChannel;
    fields.message_ts = ts;
    return fields;
}

/// A bot with one request posted during business hours.
class PostedRequest : public ::testing::Test {
protected:
    void SetUp() override {
        ack_ = bot_.client().SlashCommand("/concert", kRequest);
        bot_.Flush();
        const auto posts = RequestPosts(bot_);
        ASSERT_EQ(posts.size(), 1u);
        root_ts_ = posts[0].response["ts"];
    }
    HttpResponse Click(const std::string& user, const char* action, long long id = 1) {
        return bot_.client().BlockAction(BlockActionPayload(Button(user, action, id, root_ts_)));
    }

    TestBot bot_;
    HttpResponse ack_;
    std::string root_ts_;
};

TEST_F(PostedRequest, TheAgentIsToldAtOnceWhereItIsPosted) {
    EXPECT_EQ(ack_.status, 200);
    const auto body = nlohmann::json::parse(ack_.body);
    EXPECT_EQ(body["response_type"], "ephemeral");
    EXPECT_THAT(body.dump(), HasSubstr("request #1 is being posted in <#C0SUPPORTCS>"));
    EXPECT_THAT(body.dump(), HasSubstr("concert_cancel"));
}

TEST_F(PostedRequest, ThePostTagsEveryoneOnDutyWithTheAgentHomeownerAndAddress) {
    const auto post = RequestPosts(bot_)[0];

    const std::string args = Dump(post);
    for (const char* tag :
         {"<@U0CONCERT1>", "<@U0CONCERT2>", "<@U0CONCERT3>", "<@U0CONCERT4>", "<@U0CONCERT5>",
          "<@U0AGENT001>", "Jane Doe", "12 Main St, Springfield", "Confirmed: Concert customer",
          "Not a Concert customer", "Need more info"}) {
        EXPECT_THAT(args, HasSubstr(tag));
    }
    EXPECT_THAT(commands::block_kit::CheckLimits(post.args, commands::block_kit::Surface::kMessage),
                IsEmpty());
    EXPECT_EQ(Stored(bot_, 1).status, Status::kOpen);
}

TEST_F(PostedRequest, AnAnswerUpdatesThePostRepliesInTheThreadAndTellsTheAgentTwice) {
    bot_.clock().Advance(3min);

    const auto response = Click("U0CONCERT3", "concert_confirm");
    bot_.Flush();

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "");
    const auto updates = bot_.slack().Calls("chat.update");
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].args["ts"], root_ts_);
    EXPECT_THAT(Dump(updates[0]), HasSubstr("Confirmed: Concert customer"));
    EXPECT_THAT(Dump(updates[0]), HasSubstr("Answered by <@U0CONCERT3> at 10:03 AM EST"));
    EXPECT_THAT(Dump(updates[0]), Not(HasSubstr("concert_confirm")));  // no buttons left
    const auto replies = ThreadReplies(bot_, root_ts_);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_THAT(Dump(replies[0]),
                HasSubstr("<@U0CONCERT3> answered *Confirmed: Concert customer*"));
    const auto ephemeral = CallsWith(bot_, "chat.postEphemeral", "Confirmed: Concert customer");
    ASSERT_EQ(ephemeral.size(), 1u);
    EXPECT_EQ(ephemeral[0].args["channel"], kAgentChannel);
    EXPECT_EQ(ephemeral[0].args["user"], kAgent);
    const auto dm = CallsWith(bot_, "chat.postMessage", "answered *Confirmed");
    ASSERT_EQ(dm.size(), 2u);  // the thread reply and the DM
    EXPECT_FALSE(bot_.slack().DmChannel(kAgent).empty());
    const auto stored = Stored(bot_, 1);
    EXPECT_EQ(stored.status, Status::kConfirmed);
    EXPECT_EQ(stored.closed_by, "U0CONCERT3");
    EXPECT_EQ(*stored.closed_at - *stored.posted_at, 3min);
}

TEST_F(PostedRequest, TheTimeToAnswerIsAMetricPerRotation) {
    bot_.clock().Advance(90s);

    Click("U0CONCERT1", "concert_not_concert");

    const std::string metrics = bot_.metrics().RenderText();
    EXPECT_THAT(
        metrics,
        HasSubstr(
            "escbot_concert_time_to_answer_seconds_count{rotation=\"concert_confirmation\"} 1"));
    EXPECT_THAT(
        metrics,
        HasSubstr(
            "escbot_concert_time_to_answer_seconds_sum{rotation=\"concert_confirmation\"} 90"));
}

TEST_F(PostedRequest, AnswersRequestsAndTimingsAreAudited) {
    Click("U0CONCERT1", "concert_confirm");

    const auto entries =
        bot_.store().Read([](storage::UnitOfWork& u) { return u.Audit().ForEntity("concert:1"); });
    std::vector<std::string> actions;
    for (const auto& e : entries) actions.push_back(e.action);
    EXPECT_THAT(actions,
                ::testing::ElementsAre("concert.requested", "concert.posted", "concert.answered"));
    EXPECT_THAT(entries.back().detail.dump(), Not(HasSubstr("Jane")));
}

TEST_F(PostedRequest, SomeoneOutsideTheRotationIsRefusedAndNothingChanges) {
    const auto response = Click("U0STRANGER", "concert_confirm");
    bot_.Flush();

    EXPECT_EQ(response.status, 200);
    const auto refusals = NotesWith(bot_, "Only the Concert confirmation");
    ASSERT_EQ(refusals.size(), 1u);
    EXPECT_EQ(refusals[0]["user"], "U0STRANGER");
    EXPECT_EQ(refusals[0]["via"], "response_url");
    EXPECT_EQ(bot_.slack().CallCount("chat.update"), 0u);
    EXPECT_EQ(Stored(bot_, 1).status, Status::kOpen);
}

TEST_F(PostedRequest, ALaterAnswerIsToldWhoAnsweredFirst) {
    Click("U0CONCERT1", "concert_confirm");

    Click("U0CONCERT2", "concert_not_concert");
    bot_.Flush();

    const auto notes = NotesWith(bot_, "already answered by <@U0CONCERT1>");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["user"], "U0CONCERT2");
    EXPECT_EQ(bot_.slack().CallCount("chat.update"), 1u);
    EXPECT_EQ(Stored(bot_, 1).status, Status::kConfirmed);
}

TEST_F(PostedRequest, TheAgentCancelsWithTheButtonAndThePostSaysSo) {
    const auto response = Click(kAgent, "concert_cancel");
    bot_.Flush();

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(NotesWith(bot_, "request #1 is cancelled").size(), 1u);
    const auto updates = bot_.slack().Calls("chat.update");
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_THAT(Dump(updates[0]), HasSubstr("Cancelled by <@U0AGENT001>"));
    EXPECT_EQ(Stored(bot_, 1).status, Status::kCancelled);
    bot_.Advance(30min);
    EXPECT_THAT(ThreadReplies(bot_, root_ts_), IsEmpty());  // no reminders after a cancel
}

TEST_F(PostedRequest, OnlyTheRequesterMayCancel) {
    Click("U0CONCERT1", "concert_cancel");
    bot_.Flush();

    EXPECT_EQ(NotesWith(bot_, "who asked, can cancel").size(), 1u);
    EXPECT_EQ(Stored(bot_, 1).status, Status::kOpen);
}

TEST_F(PostedRequest, UnansweredRequestsAreRemindedThenTheFallbackIsTagged) {
    bot_.Advance(10min);
    auto replies = ThreadReplies(bot_, root_ts_);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_THAT(Dump(replies[0]), HasSubstr("Reminder 1 of 2"));
    EXPECT_THAT(Dump(replies[0]), HasSubstr("<@U0CONCERT1> <@U0CONCERT2> <@U0CONCERT3>"));

    bot_.Advance(10min);
    replies = ThreadReplies(bot_, root_ts_);
    ASSERT_EQ(replies.size(), 2u);
    EXPECT_THAT(Dump(replies[1]), HasSubstr("Reminder 2 of 2"));

    bot_.Advance(10min);
    replies = ThreadReplies(bot_, root_ts_);
    ASSERT_EQ(replies.size(), 3u);
    EXPECT_THAT(Dump(replies[2]), HasSubstr("<@U0SUPERV001> <@U0SUPERV002>"));

    bot_.Advance(1h);
    EXPECT_EQ(ThreadReplies(bot_, root_ts_).size(), 3u);
    const auto stored = Stored(bot_, 1);
    EXPECT_EQ(stored.reminders_sent, 2);
    EXPECT_TRUE(stored.fallback_tagged);
}

TEST_F(PostedRequest, NoReminderBeforeItIsDue) {
    bot_.Advance(9min + 59s);

    EXPECT_THAT(ThreadReplies(bot_, root_ts_), IsEmpty());
}

TEST_F(PostedRequest, TheFallbackMayAnswerOnceTagged) {
    Click("U0SUPERV001", "concert_confirm");
    bot_.Flush();
    EXPECT_EQ(Stored(bot_, 1).status, Status::kOpen);

    for (int step = 0; step < 3; ++step) bot_.Advance(10min);  // two reminders, then the fallback
    Click("U0SUPERV001", "concert_confirm");

    EXPECT_EQ(Stored(bot_, 1).status, Status::kConfirmed);
}

TEST_F(PostedRequest, NeedMoreInfoOpensAFormAndPutsTheQuestionInTheThreadForTheAgent) {
    Click("U0CONCERT2", "concert_more_info");
    ASSERT_TRUE(bot_.slack().WaitForCalls("views.open", 1));
    const auto view = bot_.slack().Calls("views.open")[0].args["view"];
    EXPECT_EQ(view["callback_id"], "concert_question");
    EXPECT_EQ(view["private_metadata"], "1");
    EXPECT_THAT(commands::block_kit::CheckLimits(view, commands::block_kit::Surface::kModal),
                IsEmpty());

    ViewSubmissionFields fields;
    fields.user_id = "U0CONCERT2";
    fields.callback_id = "concert_question";
    fields.private_metadata = "1";
    fields.values = {
        {"concert_question",
         {{"value", {{"type", "plain_text_input"}, {"value", "Which installer? <!channel>"}}}}}};
    const auto response = bot_.client().ViewSubmission(ViewSubmissionPayload(fields));
    bot_.Flush();

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "");  // the form closes
    const auto replies = ThreadReplies(bot_, root_ts_);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_THAT(Dump(replies[0]),
                HasSubstr("<@U0CONCERT2> needs more information from <@U0AGENT001>"));
    EXPECT_THAT(Dump(replies[0]), HasSubstr("Which installer? &lt;!channel&gt;"));
    EXPECT_EQ(CallsWith(bot_, "chat.postMessage", "needs more information about your").size(), 1u);
    EXPECT_EQ(Stored(bot_, 1).status, Status::kOpen);
    EXPECT_EQ(Stored(bot_, 1).questions, 1);
}

TEST_F(PostedRequest, NeedMoreInfoFromAStrangerIsRefusedWithoutAForm) {
    Click("U0STRANGER", "concert_more_info");
    bot_.Flush();

    EXPECT_EQ(NotesWith(bot_, "Only the Concert confirmation").size(), 1u);
    EXPECT_EQ(bot_.slack().CallCount("views.open"), 0u);
}

TEST(ConcertRace, TwoAnswersAtOnceHaveExactlyOneWinner) {
    TestBot bot;
    constexpr int kRounds = 5;
    for (int round = 1; round <= kRounds; ++round) {
        bot.client().SlashCommand("/concert", kRequest);
    }
    bot.Flush();
    const auto posts = RequestPosts(bot);
    ASSERT_EQ(posts.size(), static_cast<size_t>(kRounds));

    for (int round = 0; round < kRounds; ++round) {
        const long long id = round + 1;
        const std::string ts = posts[round].response["ts"];
        std::latch start(2);
        auto answer = [&](const char* user, const char* action) {
            SlackHttpClient client(bot.port(), TestBot::kSigningSecret, bot.clock());
            const auto payload = BlockActionPayload(Button(user, action, id, ts));
            start.arrive_and_wait();
            EXPECT_EQ(client.BlockAction(payload).status, 200);
        };
        std::thread a(answer, "U0CONCERT1", "concert_confirm");
        std::thread b(answer, "U0CONCERT2", "concert_not_concert");
        a.join();
        b.join();

        const auto stored = Stored(bot, id);
        ASSERT_TRUE(stored.status == Status::kConfirmed || stored.status == Status::kNotConcert);
        EXPECT_EQ(stored.closed_by,
                  stored.status == Status::kConfirmed ? "U0CONCERT1" : "U0CONCERT2");
    }
    bot.Flush();
    EXPECT_EQ(bot.slack().CallCount("chat.update"), static_cast<size_t>(kRounds));
    EXPECT_EQ(NotesWith(bot, "already answered").size(),
              static_cast<size_t>(kRounds));
}

TEST(ConcertHeld, ARequestAt22IsHeldAndPostedAt9TheNextWeekday) {
    TestBot bot(StartingAt(MondayEastern(22)));

    const auto ack = bot.client().SlashCommand("/concert", kRequest);
    bot.Flush();

    EXPECT_THAT(ack.body, HasSubstr("No one is on duty"));
    EXPECT_THAT(ack.body, HasSubstr("Tue Nov 24, 9:00 AM EST"));
    EXPECT_THAT(RequestPosts(bot), IsEmpty());
    EXPECT_EQ(Stored(bot, 1).status, Status::kHeld);

    bot.Advance(10h + 59min + 59s);  // Tuesday 08:59:59
    EXPECT_THAT(RequestPosts(bot), IsEmpty());

    bot.Advance(1s);  // Tuesday 09:00:00
    const auto posts = RequestPosts(bot);
    ASSERT_EQ(posts.size(), 1u);
    EXPECT_THAT(Dump(posts[0]), HasSubstr("<@U0CONCERT5>"));  // the daytime five
    EXPECT_THAT(Dump(posts[0]), HasSubstr("Held until now"));
    EXPECT_EQ(CallsWith(bot, "chat.postMessage", "is now posted in <#C0SUPPORTCS>").size(), 1u);
    EXPECT_EQ(Stored(bot, 1).posted_at, MondayEastern(22) + 11h);
}

TEST(ConcertHeld, AHeldRequestSurvivesARestart) {
    TestBot bot(StartingAt(MondayEastern(22)));
    bot.client().SlashCommand("/concert", kRequest);
    bot.Flush();

    bot.Restart();
    bot.Advance(11h);

    ASSERT_EQ(RequestPosts(bot).size(), 1u);
    EXPECT_EQ(Stored(bot, 1).status, Status::kOpen);
}

TEST(ConcertHeld, TheAgentCancelsAHeldRequestWithTheCommand) {
    TestBot bot(StartingAt(MondayEastern(22)));
    bot.client().SlashCommand("/concert", kRequest);

    const auto ack = bot.client().SlashCommand("/concert", "cancel 1");
    bot.Advance(11h);

    EXPECT_THAT(ack.body, HasSubstr("request #1 is cancelled"));
    EXPECT_THAT(RequestPosts(bot), IsEmpty());
    EXPECT_EQ(Stored(bot, 1).status, Status::kCancelled);
}

TEST(ConcertReminders, NoReminderFiresOutsideAWindow) {
    TestBot bot(StartingAt(MondayEastern(20, 55)));
    bot.client().SlashCommand("/concert", kRequest);
    bot.Flush();
    const std::string ts = RequestPosts(bot).at(0).response["ts"];

    bot.Advance(10min);  // 21:05: nobody on duty
    EXPECT_THAT(ThreadReplies(bot, ts), IsEmpty());
    bot.Advance(11h + 59min + 59s);  // Tuesday 09:04:59
    EXPECT_THAT(ThreadReplies(bot, ts), IsEmpty());
    EXPECT_EQ(Stored(bot, 1).reminders_sent, 0);

    bot.Advance(1s);  // 09:05: ten on-duty minutes
    const auto replies = ThreadReplies(bot, ts);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_THAT(Dump(replies[0]), HasSubstr("Reminder 1 of 2: <@U0CONCERT1> <@U0CONCERT2>,"));
    EXPECT_EQ(Stored(bot, 1).reminders_sent, 1);
}

TEST(ConcertAnswers, AContactOffDutyMayStillAnswer) {
    TestBot bot(StartingAt(MondayEastern(19)));  // evening: only two on duty
    bot.client().SlashCommand("/concert", kRequest);
    bot.Flush();
    const std::string ts = RequestPosts(bot).at(0).response["ts"];
    EXPECT_THAT(Dump(RequestPosts(bot)[0]), Not(HasSubstr("<@U0CONCERT4>")));

    bot.client().BlockAction(BlockActionPayload(Button("U0CONCERT4", "concert_confirm", 1, ts)));

    EXPECT_EQ(Stored(bot, 1).status, Status::kConfirmed);
}

TEST(ConcertForm, EmptyTextOpensTheFormAndItsSubmissionPostsTheRequest) {
    TestBot bot;

    const auto ack = bot.client().SlashCommand("/concert", "");
    ASSERT_TRUE(bot.slack().WaitForCalls("views.open", 1));
    const auto view = bot.slack().Calls("views.open")[0].args["view"];
    ViewSubmissionFields fields;
    fields.callback_id = "concert_request";
    fields.private_metadata = view["private_metadata"];
    fields.values = {
        {"concert_homeowner", {{"value", {{"type", "plain_text_input"}, {"value", " Jane Doe "}}}}},
        {"concert_address", {{"value", {{"type", "plain_text_input"}, {"value", "12 Main St"}}}}}};
    const auto submitted = bot.client().ViewSubmission(ViewSubmissionPayload(fields));
    bot.Flush();

    EXPECT_EQ(ack.status, 200);
    EXPECT_EQ(ack.body, "");
    EXPECT_EQ(view["callback_id"], "concert_request");
    EXPECT_EQ(view["private_metadata"], kAgentChannel);
    EXPECT_THAT(commands::block_kit::CheckLimits(view, commands::block_kit::Surface::kModal),
                IsEmpty());
    const auto answer = nlohmann::json::parse(submitted.body);
    EXPECT_EQ(answer["response_action"], "update");
    EXPECT_THAT(answer.dump(), HasSubstr("request #1 is being posted"));
    ASSERT_EQ(RequestPosts(bot).size(), 1u);
    EXPECT_EQ(Stored(bot, 1).homeowner, "Jane Doe");
    EXPECT_EQ(Stored(bot, 1).agent_channel, kAgentChannel);
}

TEST(ConcertForm, ANameWithoutAnAddressOpensTheFormPrefilled) {
    TestBot bot;

    bot.client().SlashCommand("/concert", "Jane Doe");

    ASSERT_TRUE(bot.slack().WaitForCalls("views.open", 1));
    const auto view = bot.slack().Calls("views.open")[0].args["view"];
    EXPECT_THAT(view.dump(), HasSubstr("\"initial_value\":\"Jane Doe\""));
}

TEST(ConcertForm, AnEmptyAddressIsSentBackAsAnError) {
    TestBot bot;
    ViewSubmissionFields fields;
    fields.callback_id = "concert_request";
    fields.private_metadata = kAgentChannel;
    fields.values = {
        {"concert_homeowner", {{"value", {{"type", "plain_text_input"}, {"value", "Jane Doe"}}}}},
        {"concert_address", {{"value", {{"type", "plain_text_input"}, {"value", nullptr}}}}}};

    const auto submitted = bot.client().ViewSubmission(ViewSubmissionPayload(fields));

    const auto answer = nlohmann::json::parse(submitted.body);
    EXPECT_EQ(answer["response_action"], "errors");
    EXPECT_TRUE(answer["errors"].contains("concert_address"));
    EXPECT_FALSE(answer["errors"].contains("concert_homeowner"));
}

TEST(ConcertLogs, NoPersonalDataReachesTheLogs) {
    CaptureLogs logs;
    {
        TestBot bot;
        bot.client().SlashCommand("/concert", "Zelda Quimby, 77 Sunnyvale Rd");
        bot.Flush();
        const std::string ts = RequestPosts(bot).at(0).response["ts"];
        bot.client().BlockAction(
            BlockActionPayload(Button("U0CONCERT1", "concert_confirm", 1, ts)));
        bot.Flush();
    }

    const std::string all = logs.sink().All();
    EXPECT_THAT(all, HasSubstr("concert request 1"));
    EXPECT_THAT(all, Not(HasSubstr("Zelda")));
    EXPECT_THAT(all, Not(HasSubstr("Sunnyvale")));
}

}  // namespace
}  // namespace escbot::test
