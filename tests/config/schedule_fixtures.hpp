#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/rotation.hpp"
#include "config/schedule.hpp"
#include "config/time_text.hpp"

namespace escbot::config::test {

/// An instant from ISO-8601 with an offset; throws on a typo in the test itself.
inline TimePoint At(std::string_view iso) {
    const auto t = ParseIsoInstant(iso);
    if (!t) throw std::invalid_argument("bad instant in test: " + std::string(iso));
    return *t;
}

inline MinuteOfDay Hm(int hour, int minute = 0) { return hour * 60 + minute; }

inline std::chrono::year_month_day Ymd(int year, unsigned month, unsigned day) {
    return {std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

inline DateRange On(int year, unsigned month, unsigned day) {
    return {Ymd(year, month, day), Ymd(year, month, day)};
}

inline Window Shift(DayMask days, MinuteOfDay start, MinuteOfDay end,
                    std::vector<std::string> users, std::vector<std::string> groups = {}) {
    return {days, start, end, {std::move(users), std::move(groups)}};
}

inline const std::vector<std::string> kFive = {"U0CONCERT1", "U0CONCERT2", "U0CONCERT3",
                                               "U0CONCERT4", "U0CONCERT5"};
inline const std::vector<std::string> kTwo = {"U0CONCERT1", "U0CONCERT2"};

/// The seed's Concert schedule (SOP §3): weekdays 09-18 the five, weekdays 18-21 and weekends
/// 09-21 the two, weekday nights nobody; America/New_York.
inline RotationSpec ConcertSpec() {
    RotationSpec spec;
    spec.name = "concert_confirmation";
    spec.windows = {Shift(kWeekdays, Hm(9), Hm(18), kFive), Shift(kWeekdays, Hm(18), Hm(21), kTwo),
                    Shift(kWeekend, Hm(9), Hm(21), kTwo)};
    return spec;
}

/// A rotation of one window, for edge cases.
inline Rotation SingleWindow(DayMask days, MinuteOfDay start, MinuteOfDay end,
                             std::string user = "U0NIGHT1") {
    RotationSpec spec;
    spec.name = "single";
    spec.windows = {Shift(days, start, end, {std::move(user)})};
    return Rotation(std::move(spec));
}

inline std::vector<std::string> UsersAt(const Rotation& rotation, std::string_view iso) {
    return OnDuty(rotation, At(iso)).users;
}

}  // namespace escbot::config::test
