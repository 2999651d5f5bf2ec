#include "config/slack_ids.hpp"

namespace escbot::config {
namespace {

bool HasShape(std::string_view id, std::string_view first_letters) {
    if (id.size() < 3 || id.size() > 32) return false;
    if (first_letters.find(id.front()) == std::string_view::npos) return false;
    for (const char c : id.substr(1)) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
}

}  // namespace

bool IsChannelId(std::string_view id) { return HasShape(id, "CG"); }
bool IsUserId(std::string_view id) { return HasShape(id, "UW"); }
bool IsGroupId(std::string_view id) { return HasShape(id, "S"); }
bool IsUserOrGroupId(std::string_view id) { return IsUserId(id) || IsGroupId(id); }

}  // namespace escbot::config
