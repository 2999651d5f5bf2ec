#include "commands/escalation/ladder_history.hpp"

#include <gtest/gtest.h>

namespace escbot::commands::escalation {
namespace {

using nlohmann::json;

const TimePoint kT = FromUnix(1'795'446'000);

LadderHistory FullHistory() {
    LadderHistory h;
    h.entries.push_back({kT, LadderEvent::kSkipped, "tier2", 0, {}, {}, {}, std::nullopt});
    h.entries.push_back({kT, LadderEvent::kPaged, "lead", 1, {}, {"U0LEAD1"}, {"S0LEADS"},
                         kT + Seconds(30)});
    h.entries.push_back({kT + Seconds(12), LadderEvent::kDeclined, "lead", 1, "U0LEAD1", {}, {},
                         std::nullopt});
    h.entries.push_back({kT + Seconds(12), LadderEvent::kPaged, "supervisor", 2, {}, {}, {},
                         kT + Seconds(42)});
    h.entries.push_back({kT + Seconds(42), LadderEvent::kTimeout, "supervisor", 2, {}, {}, {},
                         std::nullopt});
    h.entries.push_back({kT + Seconds(42), LadderEvent::kVoicemail, "voicemail", 0, {}, {}, {},
                         std::nullopt});
    return h;
}

void ExpectSame(const LadderEntry& a, const LadderEntry& b) {
    EXPECT_EQ(a.at, b.at);
    EXPECT_EQ(a.event, b.event);
    EXPECT_EQ(a.tier, b.tier);
    EXPECT_EQ(a.step, b.step);
    EXPECT_EQ(a.by, b.by);
    EXPECT_EQ(a.users, b.users);
    EXPECT_EQ(a.groups, b.groups);
    EXPECT_EQ(a.deadline, b.deadline);
}

TEST(LadderHistory, RoundTripsThroughItsJson) {
    const LadderHistory history = FullHistory();

    const LadderHistory back = json(history).get<LadderHistory>();

    ASSERT_EQ(back.entries.size(), history.entries.size());
    for (std::size_t i = 0; i < history.entries.size(); ++i) {
        ExpectSame(back.entries[i], history.entries[i]);
    }
}

// A row written before the history was typed (the JSON the ladder code built by hand).
TEST(LadderHistory, ReadsARowInTheOldShapeAndWritesItBackUnchanged) {
    const json row = json::parse(R"([
        {"at": 1795446000, "event": "skipped", "tier": "tier2", "step": 0},
        {"at": 1795446000, "event": "paged", "tier": "lead", "step": 1,
         "users": ["U0LEAD1"], "groups": [], "deadline": 1795446030},
        {"at": 1795446012, "event": "declined", "tier": "lead", "step": 1, "by": "U0LEAD1"},
        {"at": 1795446012, "event": "paged", "tier": "supervisor", "step": 2,
         "users": [], "groups": ["S0SUPS"], "deadline": 1795446042},
        {"at": 1795446020, "event": "accepted", "tier": "supervisor", "step": 2, "by": "U0SUP1"}
    ])");

    const LadderHistory history = row.get<LadderHistory>();

    ASSERT_EQ(history.entries.size(), 5u);
    EXPECT_EQ(history.entries[1].users, std::vector<std::string>{"U0LEAD1"});
    EXPECT_EQ(history.entries[1].deadline, FromUnix(1795446030));
    EXPECT_EQ(history.entries[2].event, LadderEvent::kDeclined);
    EXPECT_EQ(history.entries[2].by, "U0LEAD1");
    ASSERT_NE(history.Paged(2), nullptr);
    EXPECT_EQ(history.Paged(2)->groups, std::vector<std::string>{"S0SUPS"});
    EXPECT_EQ(history.Paged(3), nullptr);
    EXPECT_EQ(json(history), row);
}

TEST(LadderHistory, ToleratesWrongTypesAndDropsEntriesItCannotRead) {
    const json row = json::parse(R"([
        {"at": "soon", "event": "paged", "tier": 7, "step": 1, "users": "U1", "groups": [3, "S1"]},
        {"event": "teleported", "tier": "lead"},
        "not an entry",
        {"tier": "lead"}
    ])");

    const LadderHistory history = row.get<LadderHistory>();

    ASSERT_EQ(history.entries.size(), 1u);
    EXPECT_EQ(history.entries[0].at, FromUnix(0));
    EXPECT_EQ(history.entries[0].tier, "");
    EXPECT_TRUE(history.entries[0].users.empty());
    EXPECT_EQ(history.entries[0].groups, std::vector<std::string>{"S1"});
    EXPECT_FALSE(history.entries[0].deadline.has_value());
    EXPECT_TRUE(json::object().get<LadderHistory>().entries.empty());
}

TEST(LadderHistory, EventNamesAreTheStoredOnes) {
    for (const LadderEvent event : {LadderEvent::kPaged, LadderEvent::kSkipped, LadderEvent::kTimeout,
                                    LadderEvent::kDeclined, LadderEvent::kAccepted,
                                    LadderEvent::kVoicemail}) {
        EXPECT_EQ(LadderEventOf(LadderEventName(event)), event);
    }
    EXPECT_FALSE(LadderEventOf("Paged").has_value());
}

}  // namespace
}  // namespace escbot::commands::escalation

namespace escbot::commands::escalation {
namespace {

TEST(LadderHistory, RecordsAnsweredAcceptedAndNotAcceptedWithWhoAndWhen) {
    LadderHistory h;
    LadderEntry skipped{kT, LadderEvent::kSkipped, "tier2"};
    skipped.next_shift = kT + Seconds(3600);
    skipped.next_shift_text = "Mon Nov 23, 11:00 AM EST";
    h.entries.push_back(skipped);
    LadderEntry paged{kT, LadderEvent::kPaged, "lead", 1, {}, {"U0LEAD1"}, {}, kT + Seconds(30)};
    paged.voicemail_next = true;
    h.entries.push_back(paged);
    h.entries.push_back({kT + Seconds(29), LadderEvent::kAnswered, "lead", 1, "U0LEAD1"});
    h.entries.push_back({kT + Seconds(95), LadderEvent::kNotAccepted, "lead", 1, "U0LEAD1"});

    const json stored = h;
    const LadderHistory back = stored.get<LadderHistory>();

    EXPECT_EQ(stored[2]["event"], "answered");
    EXPECT_EQ(stored[2]["by"], "U0LEAD1");
    EXPECT_EQ(stored[2]["at"], 1'795'446'029);
    EXPECT_EQ(stored[3]["event"], "not_accepted");
    EXPECT_EQ(stored[0]["next_shift"], 1'795'449'600);
    EXPECT_EQ(stored[0]["next_shift_text"], "Mon Nov 23, 11:00 AM EST");
    EXPECT_EQ(stored[1]["voicemail_next"], true);
    ASSERT_EQ(back.entries.size(), 4u);
    EXPECT_EQ(back.entries[0].next_shift, kT + Seconds(3600));
    EXPECT_EQ(back.entries[0].next_shift_text, "Mon Nov 23, 11:00 AM EST");
    EXPECT_TRUE(back.entries[1].voicemail_next);
    EXPECT_EQ(back.entries[2].event, LadderEvent::kAnswered);
    EXPECT_EQ(back.entries[3].event, LadderEvent::kNotAccepted);
    EXPECT_EQ(back.entries[3].by, "U0LEAD1");
    ASSERT_EQ(back.SkippedBefore(1).size(), 1u);
    EXPECT_EQ(back.SkippedBefore(1)[0]->tier, "tier2");
    EXPECT_TRUE(back.SkippedBefore(2).empty());
}

}  // namespace
}  // namespace escbot::commands::escalation
