#include "bot/core/redact.hpp"

#include <cctype>
#include <vector>

namespace escbot {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsEmailLocal(char c) {
    return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomain(char c) { return IsAlnum(c) || c == '.' || c == '-'; }
bool IsTokenChar(char c) { return IsAlnum(c) || c == '-'; }
bool IsPhoneSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+';
}

// "xoxb-", "xoxp-", "xoxa-", "xoxe-", "xapp-" and similar prefixes of Slack secrets.
size_t TokenPrefixLength(std::string_view s, size_t i) {
    auto starts = [&](std::string_view p) { return s.substr(i, p.size()) == p; };
    if (starts("xapp-")) return 5;
    if (s.size() >= i + 5 && starts("xox") && std::isalpha(static_cast<unsigned char>(s[i + 3])) &&
        s[i + 4] == '-')
        return 5;
    return 0;
}

// Returns the length of a phone number starting at i, or 0. Shapes: "+" and 8-15 digits
// (international); 10 or 11 digits whose last group has 4 ("(555) 123-4567", "555.123.4567",
// "1-800-555-1234", "5551234567"); "555-1234". Dates (2026-11-23), versions (2026.11.1) and
// Slack timestamps (1596530385.194939) have other shapes and are kept.
size_t PhoneLength(std::string_view s, size_t i) {
    if (i > 0 && (IsAlnum(s[i - 1]) || s[i - 1] == '_')) return 0;
    // A group inside an identifier such as a UUID ("…-4d8f-123456789012") is not a phone number.
    if (i > 1 && s[i - 1] == '-' && IsAlnum(s[i - 2])) return 0;
    const bool international = s[i] == '+';
    std::vector<size_t> groups;
    size_t end = i;
    size_t j = international ? i + 1 : i;
    while (j < s.size()) {
        if (IsDigit(s[j])) {
            size_t k = j;
            while (k < s.size() && IsDigit(s[k])) ++k;
            groups.push_back(k - j);
            end = j = k;
            continue;
        }
        // One separator (or "(" / ") ") between groups; anything else ends the number.
        if (!IsPhoneSeparator(s[j]) || s[j] == '+') break;
        size_t k = j + 1;
        if (k < s.size() && s[j] == ')' && s[k] == ' ') ++k;
        if (k >= s.size() || !IsDigit(s[k])) break;
        j = k;
    }
    if (groups.empty()) return 0;
    if (end < s.size() && (IsAlnum(s[end]) || s[end] == '_')) return 0;
    size_t digits = 0;
    for (size_t g : groups) digits += g;
    const bool matches =
        international ? digits >= 8 && digits <= 15
                      : ((digits == 10 || digits == 11) && (groups.size() == 1 || groups.back() == 4)) ||
                            (groups.size() == 2 && groups[0] == 3 && groups[1] == 4);
    return matches ? end - i : 0;
}

}  // namespace

std::string Redact(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        if (size_t p = TokenPrefixLength(s, i); p > 0) {
            size_t j = i + p;
            while (j < s.size() && IsTokenChar(s[j])) ++j;
            out.append(s.substr(i, p)).append("[redacted]");
            i = j;
            continue;
        }
        if (s[i] == '@' && i > 0 && IsEmailLocal(s[i - 1])) {
            size_t start = i;
            while (start > 0 && IsEmailLocal(s[start - 1])) --start;
            size_t j = i + 1;
            bool dot = false;
            while (j < s.size() && IsDomain(s[j])) dot |= s[j++] == '.';
            if (dot && j > i + 1) {
                out.erase(out.size() - (i - start));
                out.append("[email]");
                i = j;
                continue;
            }
        }
        // nlohmann/json quotes the input it choked on: "last read: '<input>'".
        if (s.substr(i, 12) == "last read: '") {
            size_t close = s.find('\'', i + 12);
            out.append("last read: '[redacted]'");
            i = close == std::string_view::npos ? s.size() : close + 1;
            continue;
        }
        if (IsDigit(s[i]) || s[i] == '+' || s[i] == '(') {
            if (size_t n = PhoneLength(s, i); n > 0) {
                out.append("[phone]");
                i += n;
                continue;
            }
        }
        out.push_back(s[i++]);
    }
    return out;
}

}  // namespace escbot
