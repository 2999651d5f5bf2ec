#include "bot/console/date_input.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace escbot::console {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysIn(int year, int month) {
    constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::optional<std::string> Iso(int year, int month, int day) {
    if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 ||
        day > DaysIn(year, month)) {
        return std::nullopt;
    }
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
    return std::string(out);
}

/// Splits on `separator`; nullopt unless every part is 1-`max_digits` digits.
std::optional<std::vector<int>> Numbers(std::string_view text, char separator,
                                        std::size_t max_digits) {
    std::vector<int> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        const std::string_view part = text.substr(start, end - start);
        if (part.empty() || part.size() > max_digits) return std::nullopt;
        int value = 0;
        for (const char c : part) {
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
            value = value * 10 + (c - '0');
        }
        parts.push_back(value);
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

/// "April 15, 2026", "Apr 15 2026", "april 15,2026".
std::optional<std::string> Written(std::string_view text) {
    std::string month_word;
    std::size_t i = 0;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) {
        month_word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
        ++i;
    }
    if (i < text.size() && text[i] == '.') ++i;  // "Apr. 15, 2026"
    if (month_word.size() < 3) return std::nullopt;
    int month = 0;
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
        if (kMonths[m] == month_word || kMonths[m].substr(0, 3) == month_word ||
            (month_word == "sept" && m == 8)) {
            month = static_cast<int>(m) + 1;
        }
    }
    if (month == 0) return std::nullopt;
    std::string rest;
    for (; i < text.size(); ++i) rest.push_back(text[i] == ',' ? ' ' : text[i]);
    int day = 0;
    int year = 0;
    char extra = 0;
    if (std::sscanf(rest.c_str(), " %2d %4d %c", &day, &year, &extra) != 2) return std::nullopt;
    // sscanf reads "15 2026" but also "15 20261"; require exactly four year digits.
    const std::size_t digits = rest.find_last_of("0123456789");
    const std::size_t start = rest.find_last_not_of("0123456789", digits);
    if (digits - start != 4) return std::nullopt;
    return Iso(year, month, day);
}

std::string_view Trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

std::optional<std::string> ParseUsDate(std::string_view raw) {
    const std::string_view text = Trimmed(raw);
    if (text.empty()) return std::nullopt;
    if (std::isalpha(static_cast<unsigned char>(text.front()))) return Written(text);
    if (text.find('/') != std::string_view::npos) {
        const auto parts = Numbers(text, '/', 4);
        if (!parts || parts->size() != 3 || text.substr(text.rfind('/') + 1).size() != 4) {
            return std::nullopt;
        }
        if ((*parts)[0] > 99 || (*parts)[1] > 99) return std::nullopt;
        return Iso((*parts)[2], (*parts)[0], (*parts)[1]);
    }
    const auto parts = Numbers(text, '-', 4);
    if (!parts || parts->size() != 3 || text.find('-') != 4) return std::nullopt;
    const std::size_t second = text.find('-', 5);
    if (second - 5 != 2 || text.size() - second - 1 != 2) return std::nullopt;
    return Iso((*parts)[0], (*parts)[1], (*parts)[2]);
}

}  // namespace escbot::console
