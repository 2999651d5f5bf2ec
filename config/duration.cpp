#include "config/duration.hpp"

#include <array>
#include <limits>

namespace escbot::config {
namespace {

constexpr std::string_view kExpected =
    "expected a duration such as 24bh, 2bd, 1w, 3d, 2h, 30m or 30s";

struct UnitText {
    std::string_view suffix;
    Duration::Unit unit;
    long max_count;  // about ten years of that unit: a longer span is a typo, not a promise
};

// Each suffix is compared with the whole tail of the text, so "1hh" or "1 h" matches none.
constexpr std::array<UnitText, 7> kUnits{{
    {"bh", Duration::Unit::BusinessHours, 3660L * 24},
    {"bd", Duration::Unit::BusinessDays, 3660},
    {"w", Duration::Unit::Weeks, 3660 / 7},
    {"d", Duration::Unit::Days, 3660},
    {"h", Duration::Unit::Hours, 3660L * 24},
    {"m", Duration::Unit::Minutes, 3660L * 24 * 60},
    {"s", Duration::Unit::Seconds, 3660L * 24 * 60 * 60},
}};

DurationError Refuse(std::string_view why) {
    return DurationError{std::string(kExpected) + " (" + std::string(why) + ")"};
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::variant<Duration, DurationError> ParseDuration(std::string_view text) {
    if (text.empty()) return Refuse("it is empty");
    std::size_t digits = 0;
    while (digits < text.size() && IsDigit(text[digits])) ++digits;
    if (digits == 0) return Refuse("it must start with a whole number");
    const std::string_view suffix = text.substr(digits);
    if (suffix.empty()) return Refuse("it has no unit");

    const UnitText* found = nullptr;
    for (const auto& candidate : kUnits) {
        if (candidate.suffix == suffix) found = &candidate;
    }
    if (found == nullptr) return Refuse("one whole number and one unit: bh, bd, w, d, h, m or s");

    long count = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const int digit = text[i] - '0';
        if (count > (std::numeric_limits<long>::max() - digit) / 10) {
            return Refuse("the number is too large");
        }
        count = count * 10 + digit;
    }
    if (count == 0) return Refuse("it must be more than zero");
    if (count > found->max_count) return Refuse("it is longer than ten years");
    return Duration{.count = count, .unit = found->unit};
}

std::string ToText(const Duration& d) {
    for (const auto& candidate : kUnits) {
        if (candidate.unit == d.unit) return std::to_string(d.count) + std::string(candidate.suffix);
    }
    return std::to_string(d.count) + "s";
}

}  // namespace escbot::config
