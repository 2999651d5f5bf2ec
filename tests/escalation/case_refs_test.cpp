#include "commands/escalation/case_refs.hpp"

#include <gtest/gtest.h>

namespace escbot::commands::escalation {
namespace {

TEST(CaseRefs, CaseIdsReadBackFromTheirDisplayForm) {
    EXPECT_EQ(CaseDisplayId(42), "ESC-42");
    EXPECT_EQ(ParseCaseId("ESC-42"), 42);
    EXPECT_EQ(ParseCaseId("42"), 42);
}

TEST(CaseRefs, UntrustedButtonValuesAreRejected) {
    for (const char* bad :
         {"", "ESC-", "ESC-0", "ESC--1", "ESC-1x", "x42", "99999999999999999999", "ESC-1 ", " 1"}) {
        EXPECT_FALSE(ParseCaseId(bad).has_value()) << bad;
    }
}

TEST(CaseRefs, LadderButtonValuesCarryCaseAndStep) {
    const auto parsed = ParseLadderButtonValue(LadderButtonValue(7, 3));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->case_id, 7);
    EXPECT_EQ(parsed->step, 3);
    EXPECT_FALSE(ParseLadderButtonValue("7").has_value());
    EXPECT_FALSE(ParseLadderButtonValue("7:").has_value());
    EXPECT_FALSE(ParseLadderButtonValue(":3").has_value());
    EXPECT_FALSE(ParseLadderButtonValue("7:0").has_value());
}

TEST(CaseRefs, MetadataHoldsOnlyIds) {
    EXPECT_EQ(DraftMetadata(5), "d:5");
    EXPECT_EQ(ParseDraftMetadata("d:5"), 5);
    EXPECT_FALSE(ParseDraftMetadata("c:5").has_value());
    EXPECT_EQ(ParseCaseMetadata(CaseMetadata(9)), 9);
}

TEST(CaseRefs, KeysAndLanesAreDistinctPerCase) {
    EXPECT_EQ(RootKey(1), "case:1:root");
    EXPECT_NE(CaseLane(1), CaseLane(2));
    EXPECT_NE(AgentLane(1), CaseLane(1));
    EXPECT_NE(PingKey(1, 1), PingKey(1, 2));
}

}  // namespace
}  // namespace escbot::commands::escalation
