// When views.open fails, the person who asked for the form hears why and what to do, through
// their request's response_url (issue 19, item 3), instead of nothing.

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/modal_failure.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";

/// Waits for the views.open answer, then for the note its failure causes.
std::vector<nlohmann::json> NotesAfterViewsOpen(TestBot& bot, std::size_t notes = 1) {
    EXPECT_TRUE(bot.slack().WaitForAnswers("views.open", 1));
    for (int i = 0; i < 500 && bot.slack().Ephemerals(kAgent).size() < notes; ++i) {
        bot.Flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return bot.slack().Ephemerals(kAgent);
}

TEST(ModalFailure, AnExpiredTriggerOnEscalateTellsTheAgentToRunItAgain) {
    TestBot bot;
    bot.slack().FailNextWithError("views.open", 1, "expired_trigger_id");

    const auto ack = bot.client().SlashCommand("/escalate", "");
    const auto notes = NotesAfterViewsOpen(bot);

    EXPECT_EQ(ack.status, 200);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["via"], "response_url");
    EXPECT_EQ(notes[0]["channel"], "C0SUPPORT01");
    const std::string text = notes[0].value("text", "");
    EXPECT_THAT(text, HasSubstr("`expired_trigger_id`"));
    EXPECT_THAT(text, HasSubstr("run `/escalate` again"));
}

TEST(ModalFailure, ARefusedTokenOnConcertSaysTellAnAdminAndHowToAskMeanwhile) {
    TestBot bot;
    bot.slack().FailNextWithError("views.open", 1, "invalid_auth");

    bot.client().SlashCommand("/concert", "");
    const auto notes = NotesAfterViewsOpen(bot);

    ASSERT_EQ(notes.size(), 1u);
    const std::string text = notes[0].value("text", "");
    EXPECT_THAT(text, HasSubstr("`invalid_auth`"));
    EXPECT_THAT(text, HasSubstr("tell a Slack admin"));
    EXPECT_THAT(text, HasSubstr("/concert Homeowner name, Property address"));
    EXPECT_EQ(bot.slack().Calls("response_url").at(0).token, "");
}

TEST(ModalFailure, AnInvalidFormOnAButtonIsReportedAsTheBotsFault) {
    TestBot bot;
    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St");
    bot.Flush();
    bot.slack().FailNextWithError("views.open", 1, "invalid_arguments");
    BlockActionFields more_info;
    more_info.user_id = "U0CONCERT1";
    more_info.action_id = "concert_more_info";
    more_info.block_id = "concert_answer";
    more_info.value = "1";
    more_info.channel_id = "C0SUPPORTCS";

    bot.client().BlockAction(BlockActionPayload(more_info));
    EXPECT_TRUE(bot.slack().WaitForAnswers("views.open", 1));
    std::vector<nlohmann::json> notes;
    for (int i = 0; i < 500 && notes.empty(); ++i) {
        bot.Flush();
        notes = bot.slack().Ephemerals("U0CONCERT1");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["channel"], "C0SUPPORTCS");
    const std::string text = notes[0].value("text", "");
    EXPECT_THAT(text, HasSubstr("fault in the bot"));
    EXPECT_THAT(text, HasSubstr("Meanwhile you can ask in the request's thread."));
}

TEST(ModalFailure, WithTheResponseUrlRefusedTooTheNoteGoesThroughTheOutbox) {
    TestBot bot;
    bot.slack().FailNextWithError("views.open", 1, "expired_trigger_id");
    bot.slack().Script("response_url", ScriptedAnswer::Text(404, "expired_url"));

    bot.client().SlashCommand("/escalate", "");
    const auto notes = NotesAfterViewsOpen(bot);

    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["via"], "chat.postEphemeral");
    EXPECT_THAT(notes[0].value("text", ""), HasSubstr("run `/escalate` again"));
}

TEST(ModalFailure, AFormThatOpensSaysNothing) {
    TestBot bot;

    bot.client().SlashCommand("/escalate", "");
    ASSERT_TRUE(bot.slack().WaitForAnswers("views.open", 1));
    bot.Flush();

    EXPECT_TRUE(bot.slack().Ephemerals().empty());
    EXPECT_EQ(bot.slack().CallCount("response_url"), 0u);
}

TEST(ModalFailureText, NamesTheCodeAndWhatToDoForEachKindOfFailure) {
    const commands::ModalRequest request{{}, "run `/escalate` again", "call a lead"};

    EXPECT_THAT(commands::ModalFailureText("deadline_exceeded", request), HasSubstr("run `/escalate` again"));
    EXPECT_THAT(commands::ModalFailureText("token_revoked", request), HasSubstr("tell a Slack admin"));
    EXPECT_THAT(commands::ModalFailureText("token_revoked", request), HasSubstr("Meanwhile you can call a lead."));
    EXPECT_THAT(commands::ModalFailureText("view_too_large", request), HasSubstr("fault in the bot"));
    EXPECT_THAT(commands::ModalFailureText("ratelimited", request), HasSubstr("in a moment"));
    // Codes are shown as code, and nothing in them can break out of it.
    EXPECT_THAT(commands::ModalFailureText("a`<!channel>", request), Not(HasSubstr("<!channel>")));
}

}  // namespace
}  // namespace escbot::test
