#include "config/time_text.hpp"

#include <cctype>

#include <date/tz.h>

namespace escbot::config {
namespace {

std::string Format(const Rotation& rotation, TimePoint t, const char* pattern) {
    return date::format(pattern, date::make_zoned(&rotation.zone(), t));
}

/// "06:00 PM EST" -> "6:00 PM EST".
std::string DropLeadingZero(std::string text) {
    if (text.size() > 1 && text[0] == '0') text.erase(0, 1);
    return text;
}

/// Reads exactly `width` digits at `pos`; advances `pos`.
bool Digits(std::string_view text, std::size_t& pos, int width, int& out) {
    if (pos + static_cast<std::size_t>(width) > text.size()) return false;
    out = 0;
    for (int i = 0; i < width; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        out = out * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(width);
    return true;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::string FormatIsoLocal(const Rotation& rotation, TimePoint t) {
    return Format(rotation, t, "%FT%T%Ez");
}

std::string FormatClockTime(const Rotation& rotation, TimePoint t) {
    return DropLeadingZero(Format(rotation, t, "%I:%M %p %Z"));
}

std::string FormatDayAndTime(const Rotation& rotation, TimePoint t) {
    std::string day = Format(rotation, t, "%a %b ");
    std::string date_of_month = Format(rotation, t, "%d");
    return day + DropLeadingZero(date_of_month) + ", " + FormatClockTime(rotation, t);
}

std::optional<TimePoint> ParseIsoInstant(std::string_view text) {
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!Digits(text, pos, 4, year) || !Expect(text, pos, '-') || !Digits(text, pos, 2, month) ||
        !Expect(text, pos, '-') || !Digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return std::nullopt;
    ++pos;
    if (!Digits(text, pos, 2, hour) || !Expect(text, pos, ':') || !Digits(text, pos, 2, minute)) {
        return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':' && !(++pos, Digits(text, pos, 2, second))) {
        return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;

    int offset_minutes = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int offset_hours = 0, offset_mins = 0;
        if (!Digits(text, pos, 2, offset_hours)) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (!Digits(text, pos, 2, offset_mins)) return std::nullopt;
        if (offset_hours > 18 || offset_mins > 59) return std::nullopt;
        offset_minutes = sign * (offset_hours * 60 + offset_mins);
    } else {
        return std::nullopt;  // a local time without an offset names no instant
    }
    if (pos != text.size()) return std::nullopt;

    const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                   date::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;
    const auto local = date::sys_days{ymd} + std::chrono::hours{hour} +
                       std::chrono::minutes{minute} + std::chrono::seconds{second};
    return TimePoint{local.time_since_epoch() - std::chrono::minutes{offset_minutes}};
}

}  // namespace escbot::config
