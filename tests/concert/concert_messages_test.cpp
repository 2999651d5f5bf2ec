#include "commands/concert/concert_messages.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "commands/block_kit/text.hpp"
#include "tests/config/schedule_fixtures.hpp"

namespace escbot::commands::concert {
namespace {

using block_kit::CheckLimits;
using block_kit::Surface;
using config::test::At;
using storage::ConcertRequest;
using ::testing::IsEmpty;

/// A request whose user text tries every trick and is as long as the flow allows.
ConcertRequest Hostile() {
    ConcertRequest r;
    r.id = 42;
    r.agent_id = "U0AGENT001";
    r.agent_channel = "C0SUPPORT01";
    r.homeowner = "<!channel> & <https://evil.example|click> " + std::string(110, 'n');
    r.address = "*12* <@U0BOSS> Main St " + std::string(600, 'a');
    r.rotation = "concert_confirmation";
    r.status = ConcertRequest::Status::kOpen;
    r.tagged = {"U0CONCERT1", "U0CONCERT2", "S0GROUP001"};
    r.created_at = At("2026-11-23T22:00:00-05:00");
    r.posted_at = At("2026-11-24T09:00:00-05:00");
    return r;
}

ConcertRequest Answered(ConcertRequest::Status status) {
    ConcertRequest r = Hostile();
    r.status = status;
    r.closed_by = "U0CONCERT3";
    r.closed_at = At("2026-11-24T09:12:00-05:00");
    return r;
}

std::string AllText(const nlohmann::json& j) { return j.dump(); }

class ConcertMessagesTest : public ::testing::Test {
protected:
    config::Rotation rotation_{config::test::ConcertSpec()};
};

TEST_F(ConcertMessagesTest, RequestPostTagsThePeopleAndHasTheFourButtons) {
    const auto post = RequestPost(Hostile(), rotation_, std::nullopt);

    EXPECT_THAT(CheckLimits(post, Surface::kMessage), IsEmpty());
    const std::string all = AllText(post);
    EXPECT_NE(all.find("<@U0CONCERT1> <@U0CONCERT2> <!subteam^S0GROUP001>"), std::string::npos);
    EXPECT_NE(all.find("<@U0AGENT001>"), std::string::npos);
    for (const char* action :
         {"concert_confirm", "concert_not_concert", "concert_more_info", "concert_cancel"}) {
        EXPECT_NE(all.find(action), std::string::npos) << action;
    }
}

TEST_F(ConcertMessagesTest, UserTextIsEscapedSoItCannotPingOrLink) {
    const std::string all = AllText(RequestPost(Hostile(), rotation_, std::nullopt));

    EXPECT_EQ(all.find("<!channel>"), std::string::npos);
    EXPECT_EQ(all.find("<https://evil"), std::string::npos);
    EXPECT_EQ(all.find("<@U0BOSS>"), std::string::npos);
    EXPECT_NE(all.find("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"),
              std::string::npos);
}

TEST_F(ConcertMessagesTest, LongUserTextIsCutWithAMarker) {
    const std::string all = AllText(RequestPost(Hostile(), rotation_, std::nullopt));

    EXPECT_NE(all.find(std::string(10, 'a') + std::string(block_kit::kCutMarker)),
              std::string::npos);
}

TEST_F(ConcertMessagesTest, AHeldPostSaysItWaitedForTheWindow) {
    const auto post = RequestPost(Hostile(), rotation_, At("2026-11-23T22:00:00-05:00"));

    EXPECT_THAT(CheckLimits(post, Surface::kMessage), IsEmpty());
    EXPECT_NE(AllText(post).find("Held until now"), std::string::npos);
    EXPECT_NE(AllText(post).find("Mon Nov 23, 10:00 PM EST"), std::string::npos);
}

TEST_F(ConcertMessagesTest, ClosedPostSaysWhoWhenAndWhatWithoutButtons) {
    const auto post = ClosedPost(Answered(ConcertRequest::Status::kConfirmed), rotation_);

    EXPECT_THAT(CheckLimits(post, Surface::kMessageUpdate), IsEmpty());
    const std::string all = AllText(post);
    EXPECT_NE(all.find("Confirmed: Concert customer"), std::string::npos);
    EXPECT_NE(all.find("Answered by <@U0CONCERT3> at 9:12 AM EST, 12 min after it was posted"),
              std::string::npos);
    EXPECT_EQ(all.find("\"actions\""), std::string::npos);
}

TEST_F(ConcertMessagesTest, ClosedPostOfACancelledRequestSaysCancelled) {
    ConcertRequest r = Answered(ConcertRequest::Status::kCancelled);
    r.closed_by = r.agent_id;

    const auto post = ClosedPost(r, rotation_);

    EXPECT_THAT(CheckLimits(post, Surface::kMessageUpdate), IsEmpty());
    EXPECT_NE(AllText(post).find("Cancelled by <@U0AGENT001>"), std::string::npos);
}

TEST_F(ConcertMessagesTest, RepliesAndNotesPassTheLimits) {
    const auto answered = Answered(ConcertRequest::Status::kNotConcert);
    // Guidance at its longest, with markup that must not ping.
    const std::string longest = "<!channel> " + std::string(kMaxGuidanceChars - 11, '<');
    const ConcertGuidance guidance{longest, longest, longest};
    const std::vector<nlohmann::json> messages = {
        AnswerReply(answered, rotation_),
        ReminderReply(Hostile(), 1, 2),
        FallbackReply(Hostile(), {"U0SUPERV001"}, "supervisors"),
        QuestionReply(Hostile(), "U0CONCERT2", std::string(3000, '<')),
        AgentAnswerNote(answered, rotation_, "C0SUPPORTCS"),
        AgentAnswerNote(Answered(ConcertRequest::Status::kConfirmed), rotation_, "C0SUPPORTCS",
                        &guidance),
        AgentFallbackNote(Hostile(), "supervisors", "C0SUPPORTCS"),
        QuestionAnsweredReply(Hostile()),
        AgentPostedNote(Hostile(), "C0SUPPORTCS"),
        AgentQuestionNote(Hostile(), "U0CONCERT2", "C0SUPPORTCS"),
        RequestAccepted(Hostile(), rotation_, "C0SUPPORTCS", std::nullopt),
        RequestAccepted(Hostile(), rotation_, "C0SUPPORTCS", At("2026-11-24T09:00:00-05:00")),
    };
    for (const auto& message : messages) {
        EXPECT_THAT(CheckLimits(message, Surface::kMessage), IsEmpty()) << message.dump();
        EXPECT_EQ(message.dump().find("<!channel>"), std::string::npos);
    }
}

TEST_F(ConcertMessagesTest, AQuestionIsQuotedEscapedAndAddressedToTheAgent) {
    const auto reply = QuestionReply(Hostile(), "U0CONCERT2", "Which installer?\n<!here> please");

    const std::string text = reply["text"];
    EXPECT_NE(text.find("<@U0CONCERT2> needs more information from <@U0AGENT001>"),
              std::string::npos);
    EXPECT_NE(text.find(">Which installer?\n>&lt;!here&gt; please\n"), std::string::npos);
}

TEST_F(ConcertMessagesTest, HeldReplySaysWhenTheNextWindowOpensInEasternTime) {
    const auto reply =
        RequestAccepted(Hostile(), rotation_, "C0SUPPORTCS", At("2026-11-24T09:00:00-05:00"));

    EXPECT_EQ(reply["response_type"], "ephemeral");
    EXPECT_NE(AllText(reply).find("No one is on duty"), std::string::npos);
    EXPECT_NE(AllText(reply).find("Tue Nov 24, 9:00 AM EST"), std::string::npos);
}

TEST_F(ConcertMessagesTest, ModalsPassTheLimits) {
    const std::string long_name(500, 'x');
    const std::vector<nlohmann::json> views = {
        RequestModal("C0SUPPORT01", long_name, long_name),
        RequestModal("", "", ""),
        RequestAcceptedModal(Hostile(), rotation_, "C0SUPPORTCS", std::nullopt),
        RequestAcceptedModal(Hostile(), rotation_, "C0SUPPORTCS", At("2026-11-24T09:00:00-05:00")),
        QuestionModal(Hostile()),
    };
    for (const auto& view : views) {
        EXPECT_THAT(CheckLimits(view, Surface::kModal), IsEmpty()) << view.dump();
    }
}

TEST_F(ConcertMessagesTest, TheQuestionModalCarriesOnlyTheRequestId) {
    const auto view = QuestionModal(Hostile());

    EXPECT_EQ(view["private_metadata"], "42");
    EXPECT_EQ(view["callback_id"], "concert_question");
}

TEST(Mentions, FormatsUsersAndGroups) {
    EXPECT_EQ(Mentions({"U1", "W2", "S3"}), "<@U1> <@W2> <!subteam^S3>");
    EXPECT_EQ(Mentions({}), "");
}

}  // namespace
}  // namespace escbot::commands::concert
