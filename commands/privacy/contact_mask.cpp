#include "commands/privacy/contact_mask.hpp"

#include <cctype>

namespace escbot::commands::privacy {
namespace {

constexpr std::string_view kHidden = "•";
constexpr int kPhoneMinDigits = 7;
constexpr int kPhoneMaxDigits = 15;
constexpr int kPhoneDigitsShown = 4;

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;  // one past the last character
    bool email = false;
};

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsLocalChar(char c) { return IsAlnum(c) || std::string_view("._%+-'").find(c) != std::string_view::npos; }
bool IsDomainChar(char c) { return IsAlnum(c) || c == '.' || c == '-'; }

// An email around the '@' at `at`, or an empty span.
Span EmailAt(std::string_view text, std::size_t at) {
    std::size_t begin = at;
    while (begin > 0 && IsLocalChar(text[begin - 1])) --begin;
    while (begin < at && !IsAlnum(text[begin])) ++begin;  // leading punctuation is not the name's
    std::size_t end = at + 1;
    while (end < text.size() && IsDomainChar(text[end])) ++end;
    while (end > at + 1 && !IsAlnum(text[end - 1])) --end;  // "a@b.com." ends at "com"
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (begin == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2)
        return {};
    for (char c : domain.substr(dot + 1)) {
        if (IsDigit(c)) return {};
    }
    return {begin, end, true};
}

std::string MaskedEmail(std::string_view email) {
    const std::size_t at = email.find('@');
    const std::string_view domain = email.substr(at + 1);
    std::string out;
    out += email.front();
    out += std::string(kHidden) + std::string(kHidden) + std::string(kHidden);
    out += '@';
    out += domain.front();
    out += std::string(kHidden) + std::string(kHidden) + std::string(kHidden);
    out += domain.substr(domain.rfind('.'));
    return out;
}

bool IsIsoDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!IsDigit(s[i])) return false;
    }
    return true;
}

// A phone number starting at `begin` (a digit, '+' or '('), or an empty span.
Span PhoneAt(std::string_view text, std::size_t begin) {
    if (begin > 0) {
        const char before = text[begin - 1];
        if (IsAlnum(before)) return {};
        // "CX-2026..." or "v1.2..." or "a/123...": part of a word, not a phone number.
        if ((before == '-' || before == '.' || before == '/' || before == '_') && begin > 1 &&
            IsAlnum(text[begin - 2]))
            return {};
    }
    std::size_t i = begin;
    if (text[i] == '+' || text[i] == '(') ++i;
    int digits = 0;
    std::size_t end = begin;
    while (i < text.size()) {
        if (IsDigit(text[i])) {
            ++digits;
            ++i;
            end = i;
            continue;
        }
        // Between digit groups: ")", " ", "-", "." or ") ", "(" after a space.
        std::size_t j = i;
        if (j < text.size() && text[j] == ')') ++j;
        if (j < text.size() && (text[j] == ' ' || text[j] == '-' || text[j] == '.')) ++j;
        if (j < text.size() && text[j] == '(' && j > i) ++j;
        if (j == i || j >= text.size() || !IsDigit(text[j])) break;
        i = j;
    }
    if (end < text.size() && end > 0 && text[end] == ')' && text[begin] == '(') ++end;
    if (digits < kPhoneMinDigits || digits > kPhoneMaxDigits) return {};
    if (end < text.size() && (IsAlnum(text[end]) || text[end] == '@')) return {};
    if (IsIsoDate(text.substr(begin, end - begin))) return {};
    return {begin, end, false};
}

std::string MaskedPhone(std::string_view phone) {
    int digits = 0;
    for (char c : phone) digits += IsDigit(c) ? 1 : 0;
    std::string out;
    int seen = 0;
    for (char c : phone) {
        if (IsDigit(c) && seen++ < digits - kPhoneDigitsShown) {
            out += kHidden;
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<Span> Find(std::string_view text) {
    std::vector<Span> spans;
    std::size_t i = 0;
    while (i < text.size()) {
        Span found;
        if (text[i] == '@') {
            found = EmailAt(text, i);
            // The name before the '@' was passed over as plain text: take it back.
            if (found.end > found.begin) {
                while (!spans.empty() && spans.back().end > found.begin) spans.pop_back();
            }
        } else if (IsDigit(text[i]) || ((text[i] == '+' || text[i] == '(') && i + 1 < text.size() &&
                                        IsDigit(text[i + 1]))) {
            found = PhoneAt(text, i);
        }
        if (found.end > found.begin) {
            spans.push_back(found);
            i = found.end;
        } else {
            ++i;
        }
    }
    return spans;
}

}  // namespace

std::string MaskContactDetails(std::string_view text) {
    std::string out;
    std::size_t from = 0;
    for (const Span& span : Find(text)) {
        out += text.substr(from, span.begin - from);
        const std::string_view found = text.substr(span.begin, span.end - span.begin);
        out += span.email ? MaskedEmail(found) : MaskedPhone(found);
        from = span.end;
    }
    out += text.substr(from);
    return out;
}

std::vector<std::string> ContactDetailsIn(std::string_view text) {
    std::vector<std::string> out;
    for (const Span& span : Find(text)) out.emplace_back(text.substr(span.begin, span.end - span.begin));
    return out;
}

}  // namespace escbot::commands::privacy
