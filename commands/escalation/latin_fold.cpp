#include "commands/escalation/latin_fold.hpp"

#include <array>
#include <cstdint>

namespace escbot::commands::escalation {
namespace {

/// A run of code points that fold to the same base letters.
struct FoldRange {
    char32_t first;
    char32_t last;
    std::string_view base;
};

// Latin-1 Supplement letters and Latin Extended-A, in code point order. Code points between
// U+00C0 and U+017F missing here (× U+00D7, ÷ U+00F7) separate words.
constexpr std::array<FoldRange, 52> kFolds{{
    {0x00C0, 0x00C5, "a"},  {0x00C6, 0x00C6, "ae"}, {0x00C7, 0x00C7, "c"},
    {0x00C8, 0x00CB, "e"},  {0x00CC, 0x00CF, "i"},  {0x00D0, 0x00D0, "d"},
    {0x00D1, 0x00D1, "n"},  {0x00D2, 0x00D6, "o"},  {0x00D8, 0x00D8, "o"},
    {0x00D9, 0x00DC, "u"},  {0x00DD, 0x00DD, "y"},  {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"}, {0x00E0, 0x00E5, "a"},  {0x00E6, 0x00E6, "ae"},
    {0x00E7, 0x00E7, "c"},  {0x00E8, 0x00EB, "e"},  {0x00EC, 0x00EF, "i"},
    {0x00F0, 0x00F0, "d"},  {0x00F1, 0x00F1, "n"},  {0x00F2, 0x00F6, "o"},
    {0x00F8, 0x00F8, "o"},  {0x00F9, 0x00FC, "u"},  {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"}, {0x00FF, 0x00FF, "y"},  {0x0100, 0x0105, "a"},
    {0x0106, 0x010D, "c"},  {0x010E, 0x0111, "d"},  {0x0112, 0x011B, "e"},
    {0x011C, 0x0123, "g"},  {0x0124, 0x0127, "h"},  {0x0128, 0x0131, "i"},
    {0x0132, 0x0133, "ij"}, {0x0134, 0x0135, "j"},  {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"},  {0x0143, 0x014B, "n"},  {0x014C, 0x0151, "o"},
    {0x0152, 0x0153, "oe"}, {0x0154, 0x0159, "r"},  {0x015A, 0x0161, "s"},
    {0x0162, 0x0167, "t"},  {0x0168, 0x0173, "u"},  {0x0174, 0x0175, "w"},
    {0x0176, 0x0178, "y"},  {0x0179, 0x017E, "z"},  {0x017F, 0x017F, "s"},
    // Latin Extended-B letters common in names (Romanian, Vietnamese).
    {0x01A0, 0x01A1, "o"},  {0x01AF, 0x01B0, "u"},  {0x0218, 0x0219, "s"},
    {0x021A, 0x021B, "t"},
}};

std::string_view BaseOf(char32_t cp) {
    for (const FoldRange& range : kFolds) {
        if (cp >= range.first && cp <= range.last) return range.base;
    }
    return {};
}

bool IsApostrophe(char32_t cp) {
    return cp == U'\'' || cp == U'`' || cp == 0x00B4 || cp == 0x02BC || cp == 0x2018 ||
           cp == 0x2019;
}

bool IsCombiningMark(char32_t cp) { return cp >= 0x0300 && cp <= 0x036F; }

/// Latin-1 punctuation and symbols (U+0080-U+00BF, ×, ÷) and general punctuation
/// (U+2000-U+206F: dashes, quotes, spaces): word separators.
bool IsSeparator(char32_t cp) {
    return (cp >= 0x0080 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
           (cp >= 0x2000 && cp <= 0x206F);
}

/// The code point at `text[i]` and its length in bytes; {0, 0} for a malformed sequence.
std::pair<char32_t, std::size_t> Decode(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    char32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
    } else {
        return {0, 0};
    }
    if (i + length > text.size()) return {0, 0};
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
    return {cp, length};
}

}  // namespace

std::string FoldLatin(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (IsApostrophe(c)) {
                // dropped: "O'Neil" is "ONeil"
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.push_back(static_cast<char>(c));
            } else if (c >= 'A' && c <= 'Z') {
                out.push_back(static_cast<char>(c - 'A' + 'a'));
            } else {
                out.push_back(text[i] == '#' ? '#' : ' ');
            }
            ++i;
            continue;
        }
        const auto [cp, length] = Decode(text, i);
        if (length == 0) {  // malformed: kept byte for byte
            out.push_back(text[i]);
            ++i;
            continue;
        }
        if (IsApostrophe(cp) || IsCombiningMark(cp)) {
            // dropped
        } else if (const std::string_view base = BaseOf(cp); !base.empty()) {
            out += base;
        } else if (IsSeparator(cp)) {
            out.push_back(' ');
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

}  // namespace escbot::commands::escalation
