#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Length of the valid UTF-8 sequence starting at `pos`, or 0 when the byte there starts none.
std::size_t SequenceLength(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;  // <= U+10FFFF
    } else {
        return 0;
    }
    if (pos + length > text.size()) return 0;
    if (byte(pos + 1) < low || byte(pos + 1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
    }
    return length;
}

/// Calls `each(piece)` for every character: a valid sequence, or U+FFFD for an invalid byte.
/// Stops early when `each` returns false.
template <class Fn>
void ForEachChar(std::string_view text, Fn each) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t length = SequenceLength(text, pos);
        const std::string_view piece = length == 0 ? kReplacement : text.substr(pos, length);
        if (!each(piece)) return;
        pos += length == 0 ? 1 : length;
    }
}

struct Utf8Scan {
    std::size_t chars = 0;  // an invalid byte counts as one (it becomes one U+FFFD)
    bool valid = true;
};

/// One pass over `text`; ASCII, nearly all of what agents type, takes the short branch.
Utf8Scan ScanUtf8(std::string_view text) {
    Utf8Scan scan;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
        } else {
            const std::size_t length = SequenceLength(text, pos);
            if (length == 0) scan.valid = false;
            pos += length == 0 ? 1 : length;
        }
        ++scan.chars;
    }
    return scan;
}

std::string_view EscapeOf(std::string_view piece) {
    if (piece == "&") return "&amp;";
    if (piece == "<") return "&lt;";
    if (piece == ">") return "&gt;";
    return piece;
}

/// The first `max_chars` characters, sanitized.
std::string Prefix(std::string_view text, std::size_t max_chars) {
    std::string out;
    std::size_t count = 0;
    ForEachChar(text, [&](std::string_view piece) {
        if (count == max_chars) return false;
        out += piece;
        ++count;
        return true;
    });
    return out;
}

}  // namespace

std::string_view TrimWhitespace(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(kSpace);
    return text.substr(begin, end - begin + 1);
}

std::size_t CountChars(std::string_view text) { return ScanUtf8(text).chars; }

std::string SanitizeUtf8(std::string_view text) {
    if (ScanUtf8(text).valid) return std::string(text);
    std::string out;
    out.reserve(text.size());
    ForEachChar(text, [&](std::string_view piece) {
        out += piece;
        return true;
    });
    return out;
}

std::string EscapeMrkdwn(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string Truncate(std::string_view text, std::size_t max_chars, std::string_view marker) {
    const Utf8Scan scan = ScanUtf8(text);
    if (scan.chars <= max_chars) return scan.valid ? std::string(text) : SanitizeUtf8(text);
    const std::size_t marker_chars = CountChars(marker);
    if (marker_chars >= max_chars) return Prefix(marker, max_chars);
    return Prefix(text, max_chars - marker_chars) + SanitizeUtf8(marker);
}

std::string EscapeAndTruncate(std::string_view raw, std::size_t max_chars,
                              std::string_view marker) {
    std::string escaped = EscapeMrkdwn(raw);
    const Utf8Scan scan = ScanUtf8(escaped);
    if (scan.chars <= max_chars) return scan.valid ? escaped : SanitizeUtf8(escaped);
    const std::size_t marker_chars = CountChars(marker);
    if (marker_chars >= max_chars) return Prefix(marker, max_chars);

    // Escape character by character so that an entity is kept whole or left out whole.
    const std::size_t budget = max_chars - marker_chars;
    std::string out;
    std::size_t count = 0;
    ForEachChar(raw, [&](std::string_view piece) {
        const std::string_view escaped_piece = EscapeOf(piece);
        const std::size_t piece_chars = escaped_piece.size() == piece.size() ? 1 : escaped_piece.size();
        if (count + piece_chars > budget) return false;
        out += escaped_piece;
        count += piece_chars;
        return true;
    });
    return out + SanitizeUtf8(marker);
}

std::string TruncateMrkdwn(std::string_view mrkdwn, std::size_t max_chars,
                           std::string_view marker) {
    const Utf8Scan scan = ScanUtf8(mrkdwn);
    if (scan.chars <= max_chars) return scan.valid ? std::string(mrkdwn) : SanitizeUtf8(mrkdwn);
    const std::size_t marker_chars = CountChars(marker);
    if (marker_chars >= max_chars) return Prefix(marker, max_chars);

    std::string out = Prefix(mrkdwn, max_chars - marker_chars);
    // Back off to before an unfinished <...> token or &...; entity.
    const std::size_t open = out.rfind('<');
    if (open != std::string::npos && out.find('>', open) == std::string::npos) out.resize(open);
    const std::size_t amp = out.rfind('&');
    if (amp != std::string::npos && out.find(';', amp) == std::string::npos) out.resize(amp);
    return out + SanitizeUtf8(marker);
}

}  // namespace escbot::commands::block_kit
