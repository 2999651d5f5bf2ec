#include "commands/concert/rotation_members.hpp"

#include <algorithm>

namespace escbot::commands::concert {
namespace {

bool Listed(const std::vector<std::string>& ids, std::string_view id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool InWindows(const std::vector<config::Window>& windows, std::string_view id) {
    return std::any_of(windows.begin(), windows.end(),
                       [&](const config::Window& w) { return Listed(w.duty.users, id); });
}

}  // namespace

bool IsRotationMember(const config::Rotation& rotation, std::string_view user_id) {
    if (user_id.empty()) return false;
    const auto& spec = rotation.spec();
    if (InWindows(spec.windows, user_id)) return true;
    for (const auto& holiday : spec.holidays) {
        if (InWindows(holiday.windows, user_id)) return true;
    }
    for (const auto& item : spec.overrides) {
        if (Listed(item.add, user_id)) return true;
        for (const auto& swap : item.replace) {
            if (swap.with == user_id) return true;
        }
    }
    return false;
}

}  // namespace escbot::commands::concert
