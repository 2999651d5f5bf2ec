#include "config/sop/sop_check.hpp"

#include <algorithm>

namespace escbot::config::sop::checks {

std::size_t Chars(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

bool IsValidId(std::string_view id) {
    if (id.empty() || id.size() > kMaxIdLength) return false;
    if (id[0] < 'a' || id[0] > 'z') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool IsValidVersion(std::string_view version) {
    if (version.empty() || version.size() > kMaxIdLength) return false;
    return std::all_of(version.begin(), version.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '_' || c == '+';
    });
}

}  // namespace escbot::config::sop::checks
