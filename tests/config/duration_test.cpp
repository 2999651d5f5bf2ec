#include <gtest/gtest.h>

#include <variant>

#include "config/duration.hpp"

namespace escbot::config {
namespace {

using Unit = Duration::Unit;

Duration Parsed(std::string_view text) {
    auto result = ParseDuration(text);
    if (auto* error = std::get_if<DurationError>(&result)) {
        ADD_FAILURE() << text << ": " << error->message;
        return {};
    }
    return std::get<Duration>(result);
}

std::string Refusal(std::string_view text) {
    auto result = ParseDuration(text);
    if (std::holds_alternative<Duration>(result)) {
        ADD_FAILURE() << "'" << text << "' was accepted";
        return {};
    }
    return std::get<DurationError>(result).message;
}

TEST(ParseDuration, ReadsEveryUnit) {
    EXPECT_EQ(Parsed("24bh"), (Duration{24, Unit::BusinessHours}));
    EXPECT_EQ(Parsed("2bd"), (Duration{2, Unit::BusinessDays}));
    EXPECT_EQ(Parsed("1w"), (Duration{1, Unit::Weeks}));
    EXPECT_EQ(Parsed("3d"), (Duration{3, Unit::Days}));
    EXPECT_EQ(Parsed("2h"), (Duration{2, Unit::Hours}));
    EXPECT_EQ(Parsed("30m"), (Duration{30, Unit::Minutes}));
    EXPECT_EQ(Parsed("30s"), (Duration{30, Unit::Seconds}));
}

TEST(ParseDuration, BusinessUnitsAreTheOnesTheCalendarCounts) {
    EXPECT_TRUE(Parsed("24bh").IsBusiness());
    EXPECT_TRUE(Parsed("2bd").IsBusiness());
    EXPECT_FALSE(Parsed("3d").IsBusiness());
    EXPECT_FALSE(Parsed("2h").IsBusiness());
}

TEST(ParseDuration, ToTextRoundTrips) {
    for (const char* text : {"24bh", "2bd", "1w", "3d", "2h", "30m", "30s", "48bh", "007s"}) {
        const Duration d = Parsed(text);
        EXPECT_EQ(Parsed(ToText(d)), d) << text;
    }
    EXPECT_EQ(ToText(Duration{48, Unit::BusinessHours}), "48bh");
    EXPECT_EQ(ToText(Duration{7, Unit::Seconds}), "7s");
}

TEST(ParseDuration, RefusesEveryOtherText) {
    for (const char* text : {"", "0h", "0bh", "-1h", "+1h", "1.5h", "1 h", " 1h", "1h ", "1hh",
                             "h", "bh", "24BH", "24H", "1x", "12", "1h30m", "1b", "1hb",
                             "99999999999999999999999h", "9223372036854775808s"}) {
        const std::string message = Refusal(text);
        EXPECT_NE(message.find("expected a duration such as 24bh"), std::string::npos)
            << "'" << text << "': " << message;
    }
}

TEST(ParseDuration, SaysWhyItRefused) {
    EXPECT_NE(Refusal("").find("empty"), std::string::npos);
    EXPECT_NE(Refusal("0h").find("more than zero"), std::string::npos);
    EXPECT_NE(Refusal("24").find("no unit"), std::string::npos);
    EXPECT_NE(Refusal("99999999999999999999999h").find("too large"), std::string::npos);
    EXPECT_NE(Refusal("4000d").find("ten years"), std::string::npos);
}

TEST(ParseDuration, AcceptsUpToAboutTenYears) {
    EXPECT_EQ(Parsed("3660d").count, 3660);
    EXPECT_EQ(Parsed("87840bh").count, 87840);
    Refusal("3661d");
    Refusal("523w");
}

}  // namespace
}  // namespace escbot::config
