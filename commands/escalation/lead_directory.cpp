#include "commands/escalation/lead_directory.hpp"

#include <algorithm>

#include "bot/core/logging.hpp"

namespace escbot::commands::escalation {
namespace {

constexpr Seconds kMaxAge{600};
constexpr Seconds kRetryAfterFailure{60};

}  // namespace

bool IsGroupId(std::string_view id) {
    return id.size() > 1 && id[0] == 'S';
}

LeadDirectory::LeadDirectory(slack::SlackApi& slack, const Clock& clock)
    : slack_(slack), clock_(clock) {}

bool LeadDirectory::IsLead(std::string_view user, const std::vector<std::string>& leads) {
    if (user.empty()) return false;
    if (std::find(leads.begin(), leads.end(), user) != leads.end()) return true;
    bool member = false;
    std::vector<std::string> stale;
    {
        std::lock_guard lock(state_->mutex);
        const TimePoint now = clock_.Now();
        for (const std::string& id : leads) {
            if (!IsGroupId(id)) continue;
            Group& group = state_->groups[id];
            if (group.members.contains(std::string(user))) member = true;
            const Seconds max_age = group.ok ? kMaxAge : kRetryAfterFailure;
            if (!group.in_flight && (!group.fetched || now - group.fetched_at >= max_age)) {
                stale.push_back(id);
            }
        }
    }
    for (const std::string& id : stale) Fetch(id);
    return member;
}

void LeadDirectory::Refresh(const std::vector<std::string>& leads) {
    for (const std::string& id : leads) {
        if (IsGroupId(id)) Fetch(id);
    }
}

void LeadDirectory::Fetch(const std::string& group_id) {
    {
        std::lock_guard lock(state_->mutex);
        Group& group = state_->groups[group_id];
        if (group.in_flight) return;
        group.in_flight = true;
    }
    slack::CallOptions options;
    options.max_attempts = 2;
    slack_.Call("usergroups.users.list", {{"usergroup", group_id}}, options,
                [state = state_, group_id, &clock = clock_](const slack::ApiResult& result) {
                    std::lock_guard lock(state->mutex);
                    Group& group = state->groups[group_id];
                    group.in_flight = false;
                    if (result.error == "shutdown") return;  // the clock may be gone
                    group.fetched = true;
                    group.fetched_at = clock.Now();
                    if (!result.ok()) {
                        group.ok = false;
                        logging::Get("escalation")
                            ->warn("lead group {} not listed: {}", group_id, result.error);
                        return;
                    }
                    group.ok = true;
                    group.members.clear();
                    const auto users = result.body.find("users");
                    if (users != result.body.end() && users->is_array()) {
                        for (const auto& id : *users) {
                            if (id.is_string()) group.members.insert(id.get<std::string>());
                        }
                    }
                });
}

}  // namespace escbot::commands::escalation
