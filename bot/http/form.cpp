#include "bot/http/form.hpp"

namespace escbot::http {
namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool DecodeFormComponent(std::string_view encoded, std::string& out) {
    // Decoding never lengthens the text: write straight into a buffer of the input's size.
    out.resize(encoded.size());
    char* write = out.data();
    const char* read = encoded.data();
    const char* const end = read + encoded.size();
    while (read != end) {
        const char c = *read++;
        if (c == '+') {
            *write++ = ' ';
        } else if (c != '%') {
            *write++ = c;
        } else {
            if (end - read < 2) return false;  // '%' needs two hex digits after it
            const int high = HexValue(read[0]);
            const int low = HexValue(read[1]);
            if (high < 0 || low < 0) return false;
            *write++ = static_cast<char>(high << 4 | low);
            read += 2;
        }
    }
    out.resize(static_cast<std::size_t>(write - out.data()));
    return true;
}

bool IsValidUtf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned int code_point = 0;
        if ((byte & 0xE0) == 0xC0) {
            length = 2;
            code_point = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            length = 3;
            code_point = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            length = 4;
            code_point = byte & 0x07;
        } else {
            return false;
        }
        if (n - i < length) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code_point = code_point << 6 | (next & 0x3F);
        }
        static constexpr unsigned int kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code_point < kMinimum[length]) return false;                 // overlong
        if (code_point > 0x10FFFF) return false;                         // past Unicode
        if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;  // surrogate
        i += length;
    }
    return true;
}

std::optional<nlohmann::json> DecodeForm(std::string_view body) {
    nlohmann::json fields = nlohmann::json::object();
    std::string name;
    std::string value;
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;

        const std::size_t eq = pair.find('=');
        const std::string_view raw_name = pair.substr(0, eq);
        const std::string_view raw_value =
            eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        if (!DecodeFormComponent(raw_name, name) || !DecodeFormComponent(raw_value, value))
            return std::nullopt;
        if (!IsValidUtf8(name) || !IsValidUtf8(value)) return std::nullopt;
        if (!fields.contains(name)) fields.emplace(std::move(name), std::move(value));
    }
    return fields;
}

}  // namespace escbot::http
