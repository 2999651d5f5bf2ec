// The business-time duration parser (config/duration) and what a parsed duration is used for:
// BusinessCalendar::Add with the default calendar (New York, weekdays 09:00-18:00).
// Input lines: the duration text, then optionally the start as Unix seconds.

#include <charconv>
#include <cstdint>
#include <variant>

#include "config/business_calendar.hpp"
#include "config/duration.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using namespace escbot;

// Starts between 2000 and 2100: the tz database's range that matters.
TimePoint StartOf(std::string_view text) {
    constexpr long long kFirst = 946'684'800;     // 2000-01-01
    constexpr long long kSpan = 3'155'760'000;    // 100 years
    long long value = 1'796'000'000;              // 2026-11
    std::from_chars(text.data(), text.data() + text.size(), value);
    value = value < 0 ? -(value + 1) : value;     // no overflow on the most negative value
    return TimePoint{Seconds{kFirst + value % kSpan}};
}

long long ElapsedSecondsOf(const config::Duration& d) {
    switch (d.unit) {
        case config::Duration::Unit::Hours: return d.count * 3600LL;
        case config::Duration::Unit::Minutes: return d.count * 60LL;
        case config::Duration::Unit::Seconds: return d.count;
        default: return -1;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const config::BusinessCalendar calendar;
    fuzz::FuzzInput input(data, size);
    const std::string_view text = input.Line();
    const auto parsed = config::ParseDuration(text);
    if (const auto* error = std::get_if<config::DurationError>(&parsed)) {
        if (error->message.empty()) fuzz::PropertyFailed("a refusal without a reason");
        return 0;
    }
    const config::Duration d = std::get<config::Duration>(parsed);
    if (d.count <= 0) fuzz::PropertyFailed("a duration that is not positive");
    // Leading zeros are accepted ("07h"), so the text parsed back is the check, not the input.
    const auto again = config::ParseDuration(config::ToText(d));
    if (!std::holds_alternative<config::Duration>(again) || std::get<config::Duration>(again) != d)
        fuzz::PropertyFailed("ToText does not parse back to the same duration");

    const TimePoint from = StartOf(input.Line());
    const TimePoint to = calendar.Add(from, d);
    if (to <= from) fuzz::PropertyFailed("adding a positive duration does not move forward");
    if (const long long elapsed = ElapsedSecondsOf(d); elapsed >= 0 && (to - from).count() != elapsed)
        fuzz::PropertyFailed("h/m/s are not elapsed time");
    if (d.unit == config::Duration::Unit::BusinessHours &&
        calendar.WorkingTimeBetween(from, to).count() != d.count * 3600LL)
        fuzz::PropertyFailed("Nbh does not span N hours of working time");
    return 0;
}
