#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace escbot::config {

/// One span of time as written in the config and in SOP data: a positive integer and one unit.
///   24bh  business hours   2bd  business days   (counted by the BusinessCalendar)
///   1w  weeks   3d  days                       (same local wall-clock time later)
///   2h  30m  30s                               (elapsed time)
struct Duration {
    enum class Unit { BusinessHours, BusinessDays, Weeks, Days, Hours, Minutes, Seconds };
    long count = 0;  // > 0
    Unit unit = Unit::Seconds;

    /// True for the units a BusinessCalendar counts (bh, bd).
    bool IsBusiness() const { return unit == Unit::BusinessHours || unit == Unit::BusinessDays; }
    friend bool operator==(const Duration&, const Duration&) = default;
};

/// Why a duration text was refused, for an error that names the key: "expected a duration such
/// as 24bh, 2bd, 1w, 3d, 2h, 30m or 30s".
struct DurationError {
    std::string message;
};

/// Reads "24bh", "2bd", "1w", "3d", "2h", "30m", "30s". No sign, no spaces, no fraction, no zero,
/// exactly one unit; anything else is a DurationError.
std::variant<Duration, DurationError> ParseDuration(std::string_view text);

/// The canonical text of `d` ("24bh"); ParseDuration(ToText(d)) == d.
std::string ToText(const Duration& d);

}  // namespace escbot::config
