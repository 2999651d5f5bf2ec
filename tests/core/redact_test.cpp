#include "bot/core/redact.hpp"

#include <gtest/gtest.h>

namespace escbot {
namespace {

TEST(Redact, MasksSlackTokens) {
    EXPECT_EQ(Redact("token xoxb-123-456-abcDEF end"), "token xoxb-[redacted] end");
    EXPECT_EQ(Redact("app xapp-1-A0-99-ff"), "app xapp-[redacted]");
}

TEST(Redact, MasksEmailAddresses) {
    EXPECT_EQ(Redact("from jane.doe+x@example.co.uk, ok"), "from [email], ok");
}

TEST(Redact, MasksPhoneNumbersInCommonShapes) {
    EXPECT_EQ(Redact("call (555) 123-4567 now"), "call [phone] now");
    EXPECT_EQ(Redact("call +1 555.123.4567"), "call [phone]");
    EXPECT_EQ(Redact("call 5551234567"), "call [phone]");
}

TEST(Redact, KeepsSlackIdsTimestampsAndSmallNumbers) {
    EXPECT_EQ(Redact("user=U0123456789 ts=1596530385.194939 status=200 latency=1.25ms"),
              "user=U0123456789 ts=1596530385.194939 status=200 latency=1.25ms");
}

TEST(Redact, KeepsDatesVersionsAndCounts) {
    EXPECT_EQ(Redact("sop 2026.11.1 effective 2026-11-23 at 10:00, 1234567 bytes"),
              "sop 2026.11.1 effective 2026-11-23 at 10:00, 1234567 bytes");
}

TEST(Redact, MasksInternationalAndTollFreeNumbers) {
    EXPECT_EQ(Redact("a +44 20 7946 0958 b 1-800-555-1234 c 555-1234."), "a [phone] b [phone] c [phone].");
}

TEST(Redact, KeepsUuidsWhoseLastGroupIsAllDigits) {
    EXPECT_EQ(Redact("envelope=1d3b6b1a-8c3e-4d8f-9f11-123456789012 ok"),
              "envelope=1d3b6b1a-8c3e-4d8f-9f11-123456789012 ok");
}

TEST(Redact, MasksTheInputThatJsonParsersQuote) {
    EXPECT_EQ(Redact("syntax error; last read: 'Jane Doe' at 4"), "syntax error; last read: '[redacted]' at 4");
}

}  // namespace
}  // namespace escbot
