#include "bot/http/form.hpp"

#include <gtest/gtest.h>

namespace escbot::http {
namespace {

TEST(FormDecoding, PlusBecomesSpaceAndPercentEscapesBecomeBytes) {
    std::string out;

    ASSERT_TRUE(DecodeFormComponent("Jane+Doe%2C+%2Fescalate%20now", out));

    EXPECT_EQ(out, "Jane Doe, /escalate now");
}

TEST(FormDecoding, EncodedPlusStaysAPlus) {
    std::string out;

    ASSERT_TRUE(DecodeFormComponent("1%2B1", out));

    EXPECT_EQ(out, "1+1");
}

TEST(FormDecoding, LowercaseHexEscapesDecode) {
    std::string out;

    ASSERT_TRUE(DecodeFormComponent("%e2%9c%93", out));

    EXPECT_EQ(out, "\xe2\x9c\x93");
}

TEST(FormDecoding, BadPercentEscapesAreErrors) {
    std::string out;

    EXPECT_FALSE(DecodeFormComponent("%", out));
    EXPECT_FALSE(DecodeFormComponent("abc%2", out));
    EXPECT_FALSE(DecodeFormComponent("%zz", out));
    EXPECT_FALSE(DecodeFormComponent("%+1", out));
}

TEST(FormDecoding, FormBecomesAJsonObjectOfStrings) {
    const auto fields = DecodeForm("command=%2Fescalate&text=Jane+Doe&user_id=U1");

    ASSERT_TRUE(fields.has_value());
    EXPECT_EQ(*fields,
              (nlohmann::json{{"command", "/escalate"}, {"text", "Jane Doe"}, {"user_id", "U1"}}));
}

TEST(FormDecoding, EmptyValuesNamesWithoutEqualsAndEmptyPairsAreTolerated) {
    const auto fields = DecodeForm("text=&flag&&a=1&");

    ASSERT_TRUE(fields.has_value());
    EXPECT_EQ(*fields, (nlohmann::json{{"text", ""}, {"flag", ""}, {"a", "1"}}));
}

TEST(FormDecoding, FirstOfRepeatedNamesWins) {
    const auto fields = DecodeForm("user_id=U1&user_id=U2");

    ASSERT_TRUE(fields.has_value());
    EXPECT_EQ(fields->at("user_id"), "U1");
}

TEST(FormDecoding, EqualsSignsInsideAValueAreKept) {
    const auto fields = DecodeForm("text=a=b=c");

    ASSERT_TRUE(fields.has_value());
    EXPECT_EQ(fields->at("text"), "a=b=c");
}

TEST(FormDecoding, EmptyBodyIsAnEmptyObject) {
    const auto fields = DecodeForm("");

    ASSERT_TRUE(fields.has_value());
    EXPECT_TRUE(fields->is_object());
    EXPECT_TRUE(fields->empty());
}

TEST(FormDecoding, BadEscapeAnywhereFailsTheWholeForm) {
    EXPECT_FALSE(DecodeForm("command=%2Fescalate&text=100%").has_value());
    EXPECT_FALSE(DecodeForm("bad%zzname=1").has_value());
}

TEST(FormDecoding, InvalidUtf8FailsTheWholeForm) {
    EXPECT_FALSE(DecodeForm("text=%FF%FE").has_value());
    EXPECT_FALSE(DecodeForm("text=\xc3").has_value());
}

TEST(FormDecoding, MultibyteUtf8Survives) {
    const auto fields = DecodeForm("text=Jos%C3%A9+%F0%9F%98%80");

    ASSERT_TRUE(fields.has_value());
    EXPECT_EQ(fields->at("text"), "Jos\xc3\xa9 \xf0\x9f\x98\x80");
    EXPECT_NO_THROW((void)fields->dump());
}

TEST(Utf8Validation, RejectsOverlongsSurrogatesAndOutOfRange) {
    EXPECT_TRUE(IsValidUtf8("plain ascii"));
    EXPECT_TRUE(IsValidUtf8("\xe2\x82\xac"));       // U+20AC
    EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
    EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate U+D800
    EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // U+110000
    EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
    EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated sequence
}

}  // namespace
}  // namespace escbot::http
