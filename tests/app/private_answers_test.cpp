// Answers only one person sees go to the request's response_url (issue 19, item 5): it works in
// a DM between people and in channels the bot is not in, where chat.postEphemeral fails; the
// outbox's chat.postEphemeral stays as the fallback.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kPeopleDm = "D0PEOPLE001";  // a DM between the agent and a colleague
constexpr const char* kConcertChannel = "C0SUPPORTCS";

/// The value of the first button with `action_id` in a message's blocks ("" if none).
std::string ButtonValue(const nlohmann::json& message, std::string_view action_id) {
    for (const auto& block : message.value("blocks", nlohmann::json::array())) {
        for (const auto& element : block.value("elements", nlohmann::json::array())) {
            if (element.value("action_id", "") == action_id) return element.value("value", "");
        }
    }
    return {};
}

BlockActionFields ClickIn(const std::string& channel, const std::string& user, const char* action,
                          const std::string& value) {
    BlockActionFields fields;
    fields.user_id = user;
    fields.action_id = action;
    fields.block_id = "concert_accepted";
    fields.value = value;
    fields.channel_id = channel;
    return fields;
}

TEST(PrivateAnswers, ConcertFromADirectMessageWorksEndToEndCancelIncluded) {
    TestBot bot;
    SlashCommandFields from_dm;
    from_dm.channel_id = kPeopleDm;
    from_dm.channel_name = "directmessage";

    const auto ack = bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St", from_dm);
    bot.Flush();

    // The command's own answer is its HTTP response: it shows wherever it was typed.
    ASSERT_EQ(ack.status, 200);
    const nlohmann::json accepted = nlohmann::json::parse(ack.body);
    EXPECT_EQ(accepted.value("response_type", ""), "ephemeral");
    const std::string id = ButtonValue(accepted, "concert_cancel");
    ASSERT_EQ(id, "1");
    ASSERT_EQ(bot.slack().Messages(kConcertChannel).size(), 1u);

    const auto cancel = bot.client().BlockAction(BlockActionPayload(ClickIn(kPeopleDm, kAgent, "concert_cancel", id)));
    bot.Flush();

    EXPECT_EQ(cancel.status, 200);
    const auto notes = bot.slack().Ephemerals(kAgent);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_THAT(notes[0].value("text", ""), HasSubstr("request #1 is cancelled"));
    EXPECT_EQ(notes[0]["via"], "response_url");
    EXPECT_EQ(notes[0]["channel"], kPeopleDm);
    // The post in the confirmation channel says so; nothing tried the DM between people.
    EXPECT_THAT(bot.slack().Messages(kConcertChannel)[0].dump(), HasSubstr("Cancelled by <@U0AGENT001>"));
    EXPECT_THAT(bot.slack().Calls("chat.postEphemeral"), IsEmpty());
    const auto status = bot.store().Read([](storage::UnitOfWork& u) { return u.Concert().Get(1)->status; });
    EXPECT_EQ(status, storage::ConcertRequest::Status::kCancelled);
}

TEST(PrivateAnswers, AnAnswerToARequestFromADirectMessageReachesTheAgentByDmOnly) {
    TestBot bot;
    SlashCommandFields from_dm;
    from_dm.channel_id = kPeopleDm;
    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St", from_dm);
    bot.Flush();
    const std::string root_ts = bot.slack().Messages(kConcertChannel).at(0).value("ts", "");

    BlockActionFields confirm = ClickIn(kConcertChannel, "U0CONCERT1", "concert_confirm", "1");
    confirm.block_id = "concert_answer";
    confirm.message_ts = root_ts;
    bot.client().BlockAction(BlockActionPayload(confirm));
    bot.Flush();

    // chat.postEphemeral into a DM between people fails (channel_not_found): not tried.
    EXPECT_THAT(bot.slack().Calls("chat.postEphemeral"), IsEmpty());
    const auto dms = bot.slack().Messages(bot.slack().DmChannel(kAgent));
    ASSERT_FALSE(dms.empty());
    EXPECT_THAT(dms.back().dump(), HasSubstr("Confirmed: Concert customer"));
}

TEST(PrivateAnswers, AClickAnswerGoesToTheResponseUrlWithoutTheBotToken) {
    TestBot bot;
    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St");
    bot.Flush();

    bot.client().BlockAction(
        BlockActionPayload(ClickIn("C0SUPPORT01", "U0STRANGER", "concert_cancel", "1")));
    bot.Flush();

    // The fake records a call when it arrives and its answer once written: wait for the answer.
    ASSERT_TRUE(bot.slack().WaitForAnswers("response_url", 1));
    const auto posts = bot.slack().Calls("response_url");
    ASSERT_EQ(posts.size(), 1u);
    EXPECT_EQ(posts[0].token, "");
    EXPECT_EQ(posts[0].headers.count("authorization"), 0u);
    EXPECT_EQ(posts[0].args.value("response_type", ""), "ephemeral");
    EXPECT_EQ(posts[0].args.value("replace_original", true), false);
    EXPECT_THAT(posts[0].args.value("text", ""), HasSubstr("who asked, can cancel"));
    EXPECT_EQ(posts[0].status, 200);
    EXPECT_THAT(bot.slack().Calls("chat.postEphemeral"), IsEmpty());
}

TEST(PrivateAnswers, ARefusedResponseUrlFallsBackToAnEphemeralPost) {
    TestBot bot;
    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St");
    bot.Flush();
    bot.slack().Script("response_url", ScriptedAnswer::Text(404, "expired_url"));

    bot.client().BlockAction(
        BlockActionPayload(ClickIn("C0SUPPORT01", "U0STRANGER", "concert_cancel", "1")));
    bot.Flush();

    const auto notes = bot.slack().Ephemerals("U0STRANGER");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["via"], "chat.postEphemeral");
    EXPECT_EQ(notes[0]["channel"], "C0SUPPORT01");
    EXPECT_THAT(notes[0].value("text", ""), HasSubstr("who asked, can cancel"));
}

TEST(PrivateAnswers, AResponseUrlTakesFivePostsThenTheOutboxTakesOver) {
    TestBot bot;
    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St");
    bot.Flush();
    const std::string url = bot.slack().NewResponseUrl("actions", "C0SUPPORT01", "U0STRANGER");

    for (int i = 0; i < 6; ++i) {
        auto payload = BlockActionPayload(ClickIn("C0SUPPORT01", "U0STRANGER", "concert_cancel", "1"));
        payload["response_url"] = url;  // Slack gives each click its own; here one is reused
        bot.client().BlockAction(payload);
        bot.Flush();
    }

    ASSERT_TRUE(bot.slack().WaitForAnswers("response_url", 6));
    const auto posts = bot.slack().Calls("response_url");
    ASSERT_EQ(posts.size(), 6u);
    EXPECT_EQ(posts[4].status, 200);
    EXPECT_EQ(posts[5].status, 404);
    const auto notes = bot.slack().Ephemerals("U0STRANGER");
    ASSERT_EQ(notes.size(), 6u);
    EXPECT_EQ(notes[5]["via"], "chat.postEphemeral");
}

TEST(PrivateAnswers, AClickWithoutAResponseUrlIsAnsweredByDm) {
    TestBot bot;
    bot.client().SlashCommand("/concert", "Jane Doe, 12 Main St");
    bot.Flush();
    auto payload = BlockActionPayload(ClickIn(kPeopleDm, "U0STRANGER", "concert_cancel", "1"));
    payload.erase("response_url");

    bot.client().BlockAction(payload);
    bot.Flush();

    EXPECT_THAT(bot.slack().Calls("chat.postEphemeral"), IsEmpty());
    const auto dms = bot.slack().Messages(bot.slack().DmChannel("U0STRANGER"));
    ASSERT_EQ(dms.size(), 1u);
    EXPECT_THAT(dms[0].value("text", ""), HasSubstr("who asked, can cancel"));
}

}  // namespace
}  // namespace escbot::test
