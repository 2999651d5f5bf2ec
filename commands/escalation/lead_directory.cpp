#include "commands/escalation/lead_directory.hpp"

#include <algorithm>
#include <chrono>

namespace escbot::commands::escalation {

bool IsGroupId(std::string_view id) {
    return id.size() > 1 && id[0] == 'S';
}

bool LeadDirectory::IsLead(std::string_view user, const std::vector<std::string>& leads) {
    if (user.empty()) return false;
    if (std::find(leads.begin(), leads.end(), user) != leads.end()) return true;
    bool member = false;
    for (const std::string& id : leads) {
        // Every listed group is asked (not only up to the first match), so that each stale one
        // starts its refresh.
        if (IsGroupId(id) && groups_.IsMember(id, user, std::chrono::milliseconds(0))) member = true;
    }
    return member;
}

void LeadDirectory::Refresh(const std::vector<std::string>& leads) {
    std::vector<std::string> groups;
    std::copy_if(leads.begin(), leads.end(), std::back_inserter(groups),
                 [](const std::string& id) { return IsGroupId(id); });
    groups_.Prefetch(groups);
}

}  // namespace escbot::commands::escalation
