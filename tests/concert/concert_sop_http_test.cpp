// Issue 16 item 8 over signed HTTP against the fake Slack: Concert as seed 001 says. A
// confirmation shows the agent the financier explanation, the check of the email and phone on
// file and /escalate for fraud or compliance (SOP data: config/sop/concert.toml); reminders
// pause while a question waits for the agent; the agent is told about the fallback and about a
// held request being posted.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kConcertChannel = "C0SUPPORTCS";
constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kRequest = "Jane Doe, 12 Main St, Springfield";

/// Monday 2026-11-23 at hh:mm America/New_York (EST, UTC-5).
TimePoint MondayEastern(int hour, int minute = 0) {
    return FromUnix(1795446000 + (hour - 10) * 3600 + minute * 60);
}

std::string Dump(const SlackCall& call) { return call.args.dump(); }

std::vector<SlackCall> CallsWith(TestBot& bot, std::string_view method, std::string_view needle) {
    std::vector<SlackCall> found;
    for (auto& call : bot.slack().Calls(method)) {
        if (Dump(call).find(needle) != std::string::npos) found.push_back(std::move(call));
    }
    return found;
}

std::vector<nlohmann::json> NotesWith(TestBot& bot, std::string_view needle) {
    bot.WaitForResponseUrls();
    std::vector<nlohmann::json> found;
    for (auto& note : bot.slack().Ephemerals()) {
        if (note.dump().find(needle) != std::string::npos) found.push_back(std::move(note));
    }
    return found;
}

std::vector<SlackCall> ThreadReplies(TestBot& bot, const std::string& root_ts) {
    bot.slack().WaitForAnswers("chat.postMessage", bot.slack().CallCount("chat.postMessage"));
    std::vector<SlackCall> replies;
    for (auto& call : bot.slack().Calls("chat.postMessage")) {
        if (call.args.value("thread_ts", "") == root_ts) replies.push_back(std::move(call));
    }
    return replies;
}

std::vector<std::string> Problems(const SlackCall& call) {
    return commands::block_kit::CheckLimits(call.args, commands::block_kit::Surface::kMessage);
}

class ConcertSop : public ::testing::Test {
protected:
    void SetUp() override {
        bot_.client().SlashCommand("/concert", kRequest);
        bot_.Flush();
        bot_.slack().WaitForAnswers("chat.postMessage", 1);
        for (const auto& call : bot_.slack().Calls("chat.postMessage")) {
            if (call.args.value("channel", "") == kConcertChannel) {
                root_ts_ = call.response["ts"];
                break;
            }
        }
        ASSERT_FALSE(root_ts_.empty());
    }

    HttpResponse Click(const std::string& user, const char* action, const char* block) {
        BlockActionFields fields;
        fields.user_id = user;
        fields.action_id = action;
        fields.block_id = block;
        fields.value = "1";
        fields.channel_id = kConcertChannel;
        fields.message_ts = root_ts_;
        const auto response = bot_.client().BlockAction(BlockActionPayload(fields));
        bot_.Flush();
        return response;
    }

    void AskQuestion() {
        ViewSubmissionFields fields;
        fields.user_id = "U0CONCERT2";
        fields.callback_id = "concert_question";
        fields.private_metadata = "1";
        fields.values = {{"concert_question",
                          {{"value", {{"type", "plain_text_input"}, {"value", "Which installer?"}}}}}};
        ASSERT_EQ(bot_.client().ViewSubmission(ViewSubmissionPayload(fields)).status, 200);
        bot_.Flush();
    }

    std::size_t Reminders() {
        std::size_t n = 0;
        for (const auto& reply : ThreadReplies(bot_, root_ts_)) {
            if (Dump(reply).find("Reminder ") != std::string::npos) ++n;
        }
        return n;
    }

    TestBot bot_;
    std::string root_ts_;
};

TEST_F(ConcertSop, AConfirmationShowsTheAgentTheFinancierExplanationAndTheContactCheck) {
    Click("U0CONCERT3", "concert_confirm", "concert_answer");

    const auto ephemeral = CallsWith(bot_, "chat.postEphemeral", "Confirmed: Concert customer");
    const auto dm = CallsWith(bot_, "chat.postMessage", "financier for the Concert program");
    ASSERT_EQ(ephemeral.size(), 1u);
    ASSERT_EQ(dm.size(), 1u);  // the DM; the thread reply carries no guidance
    for (const auto& note : {ephemeral[0], dm[0]}) {
        const std::string text = Dump(note);
        EXPECT_THAT(text, HasSubstr("we are the financier for the Concert program"));
        EXPECT_THAT(text, HasSubstr("email and phone number listed on your account"));
        EXPECT_THAT(text, HasSubstr("fraud or compliance concern"));
        EXPECT_THAT(text, HasSubstr("/escalate"));
        EXPECT_THAT(Problems(note), IsEmpty());
    }
}

TEST_F(ConcertSop, NotAConcertCustomerShowsNoConcertGuidance) {
    Click("U0CONCERT3", "concert_not_concert", "concert_answer");

    ASSERT_EQ(CallsWith(bot_, "chat.postEphemeral", "Not a Concert customer").size(), 1u);
    EXPECT_THAT(CallsWith(bot_, "chat.postEphemeral", "financier"), IsEmpty());
    EXPECT_THAT(CallsWith(bot_, "chat.postMessage", "financier"), IsEmpty());
}

TEST_F(ConcertSop, RemindersPauseWhileAQuestionWaitsForTheAgent) {
    bot_.Advance(5min);
    AskQuestion();
    const auto question = ThreadReplies(bot_, root_ts_);
    ASSERT_EQ(question.size(), 1u);
    EXPECT_THAT(Dump(question[0]), HasSubstr("concert_question_answered"));
    EXPECT_THAT(Problems(question[0]), IsEmpty());

    bot_.Advance(45min);  // well past two reminders' worth of on-duty time
    EXPECT_EQ(Reminders(), 0u);

    // Only the requesting agent may say it is answered.
    Click("U0CONCERT2", "concert_question_answered", "concert_question");
    EXPECT_EQ(NotesWith(bot_, "Only <@U0AGENT001>").size(), 1u);
    bot_.Advance(30min);
    EXPECT_EQ(Reminders(), 0u);

    Click(kAgent, "concert_question_answered", "concert_question");
    const auto replies = ThreadReplies(bot_, root_ts_);
    ASSERT_EQ(replies.size(), 2u);
    EXPECT_THAT(Dump(replies[1]), HasSubstr("<@U0AGENT001> answered the question above"));
    EXPECT_THAT(Dump(replies[1]), HasSubstr("<@U0CONCERT1>"));

    bot_.Advance(9min + 59s);
    EXPECT_EQ(Reminders(), 0u);
    bot_.Advance(1s);  // ten on-duty minutes after the answer
    EXPECT_EQ(Reminders(), 1u);
}

TEST_F(ConcertSop, TheAgentIsToldWhenTheRequestGoesToTheFallbackRotation) {
    for (int step = 0; step < 3; ++step) bot_.Advance(10min);  // two reminders, then the fallback

    const auto notes = CallsWith(bot_, "chat.postMessage", "went to the `supervisors` rotation");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].args["channel"], kAgent);  // a DM
    EXPECT_THAT(Dump(notes[0]), HasSubstr("after 2 reminders"));
    EXPECT_THAT(Problems(notes[0]), IsEmpty());
}

TEST(ConcertSopHeld, TheAgentIsToldWhenAHeldRequestIsPosted) {
    TestBot::Options options;
    options.start = MondayEastern(22);
    TestBot bot(options);
    bot.client().SlashCommand("/concert", kRequest);
    bot.Flush();
    EXPECT_THAT(CallsWith(bot, "chat.postMessage", "is now posted in"), IsEmpty());

    bot.Advance(11h);  // Tuesday 09:00

    const auto notes = CallsWith(bot, "chat.postMessage", "is now posted in <#C0SUPPORTCS>");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].args["channel"], kAgent);  // a DM
    EXPECT_THAT(Problems(notes[0]), IsEmpty());
}

}  // namespace
}  // namespace escbot::test
