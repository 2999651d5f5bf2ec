#include "commands/concert/request_text.hpp"

#include <gtest/gtest.h>

#include "commands/block_kit/text.hpp"

namespace escbot::commands::concert {
namespace {

TEST(ParseConcertText, SplitsTheHomeownerFromTheAddressAtTheFirstComma) {
    const auto parsed = ParseConcertText("  Jane Doe ,  12 Main St, Springfield, IL 62701 ");

    ASSERT_TRUE(std::holds_alternative<TypedRequest>(parsed));
    EXPECT_EQ(std::get<TypedRequest>(parsed).homeowner, "Jane Doe");
    EXPECT_EQ(std::get<TypedRequest>(parsed).address, "12 Main St, Springfield, IL 62701");
}

TEST(ParseConcertText, EmptyTextNeedsTheForm) {
    const auto parsed = ParseConcertText(" \t ");

    ASSERT_TRUE(std::holds_alternative<NeedsForm>(parsed));
    EXPECT_EQ(std::get<NeedsForm>(parsed).homeowner, "");
}

TEST(ParseConcertText, ANameWithoutAnAddressNeedsTheFormPrefilledWithTheName) {
    const auto parsed = ParseConcertText("Jane Doe");

    ASSERT_TRUE(std::holds_alternative<NeedsForm>(parsed));
    EXPECT_EQ(std::get<NeedsForm>(parsed).homeowner, "Jane Doe");
    EXPECT_EQ(std::get<NeedsForm>(parsed).address, "");
}

TEST(ParseConcertText, AnEmptyPartAroundTheCommaNeedsTheForm) {
    const auto parsed = ParseConcertText(", 12 Main St");

    ASSERT_TRUE(std::holds_alternative<NeedsForm>(parsed));
    EXPECT_EQ(std::get<NeedsForm>(parsed).address, "12 Main St");
}

TEST(ParseConcertText, CancelWithANumberIsACancel) {
    const auto plain = ParseConcertText("cancel 12");
    const auto hashed = ParseConcertText("Cancel #7");

    ASSERT_TRUE(std::holds_alternative<TypedCancel>(plain));
    EXPECT_EQ(std::get<TypedCancel>(plain).id, 12);
    ASSERT_TRUE(std::holds_alternative<TypedCancel>(hashed));
    EXPECT_EQ(std::get<TypedCancel>(hashed).id, 7);
}

TEST(ParseConcertText, AHomeownerCalledCancelIsStillARequest) {
    const auto parsed = ParseConcertText("Cancel, 12 Main St");

    ASSERT_TRUE(std::holds_alternative<TypedRequest>(parsed));
    EXPECT_EQ(std::get<TypedRequest>(parsed).homeowner, "Cancel");
}

TEST(ParseConcertText, CancelWithoutAValidNumberNeedsTheForm) {
    EXPECT_TRUE(std::holds_alternative<NeedsForm>(ParseConcertText("cancel twelve")));
    EXPECT_TRUE(std::holds_alternative<NeedsForm>(ParseConcertText("cancel 0")));
    EXPECT_TRUE(std::holds_alternative<NeedsForm>(ParseConcertText("cancelled 3")));
}

TEST(ParseConcertText, LongPartsAreCutWithAMarker) {
    const std::string name(400, 'n');
    const std::string address(900, 'a');

    const auto parsed = ParseConcertText(name + ", " + address);

    ASSERT_TRUE(std::holds_alternative<TypedRequest>(parsed));
    const auto& request = std::get<TypedRequest>(parsed);
    EXPECT_EQ(block_kit::CountChars(request.homeowner), 150u);
    EXPECT_EQ(block_kit::CountChars(request.address), 300u);
    EXPECT_TRUE(request.address.ends_with(block_kit::kCutMarker));
}

TEST(ParseConcertText, InvalidUtf8IsReplaced) {
    const auto parsed = ParseConcertText("Jos\xff, 1 Main St");

    ASSERT_TRUE(std::holds_alternative<TypedRequest>(parsed));
    EXPECT_EQ(std::get<TypedRequest>(parsed).homeowner, "Jos\xEF\xBF\xBD");
}

}  // namespace
}  // namespace escbot::commands::concert
