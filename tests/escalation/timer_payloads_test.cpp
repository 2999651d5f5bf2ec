#include "commands/escalation/timer_payloads.hpp"

#include <gtest/gtest.h>

namespace escbot::commands::escalation {
namespace {

using nlohmann::json;

TEST(TimerPayloads, RoundTrip) {
    const auto ladder = ReadLadderTimer(ToJson(LadderTimerPayload{12, 3}));
    const auto follow_up =
        ReadFollowUpTimer(ToJson(FollowUpTimerPayload{12, PromiseStage::kDueSoon}));
    const auto permalink = ReadPermalinkTimer(ToJson(PermalinkTimerPayload{12, 4, 1795446000}));

    ASSERT_TRUE(ladder && follow_up && permalink);
    EXPECT_EQ(ladder->case_id, 12);
    EXPECT_EQ(ladder->step, 3);
    EXPECT_EQ(follow_up->case_id, 12);
    EXPECT_EQ(follow_up->stage, PromiseStage::kDueSoon);
    EXPECT_EQ(permalink->tries, 4);
    EXPECT_EQ(permalink->asked_at, 1795446000);
}

TEST(TimerPayloads, ReadTheShapesStoredBefore) {
    // A follow-up timer from before the promise had stages: its one reminder, at the due time.
    EXPECT_EQ(ReadFollowUpTimer(json::parse(R"({"case_id": 5})"))->stage, PromiseStage::kDue);
    EXPECT_EQ(ReadLadderTimer(json::parse(R"({"case_id": 5, "step": 1})"))->step, 1);
    EXPECT_EQ(ReadPermalinkTimer(json::parse(R"({"case_id": 5, "tries": 0})"))->asked_at, 0);
    EXPECT_EQ(
        ReadPermalinkTimer(json::parse(R"({"case_id": 5, "tries": 2, "asked_at": 0})"))->tries, 2);
}

TEST(TimerPayloads, MissingOrMistypedFieldsReadAsNothing) {
    EXPECT_FALSE(ReadLadderTimer(json::parse(R"({"case_id": 5})")));
    EXPECT_FALSE(ReadLadderTimer(json::parse(R"({"case_id": "5", "step": 1})")));
    EXPECT_FALSE(ReadFollowUpTimer(json::array()));
    EXPECT_FALSE(ReadFollowUpTimer(json()));
    EXPECT_FALSE(ReadFollowUpTimer(json::parse(R"({"case_id": 5, "stage": "later"})")));
    EXPECT_FALSE(ReadFollowUpTimer(json::parse(R"({"case_id": 5, "stage": 2})")));
    EXPECT_FALSE(ReadPermalinkTimer(json::parse(R"({"case_id": 5, "tries": 1.5})")));
}

}  // namespace
}  // namespace escbot::commands::escalation
