#include "commands/access/group_directory.hpp"

#include "bot/core/logging.hpp"

namespace escbot::commands::access {

GroupDirectory::GroupDirectory(slack::SlackApi& slack, const Clock& clock, Seconds ttl,
                               Seconds retry_after_failure)
    : slack_(slack), clock_(clock), ttl_(ttl), retry_after_failure_(retry_after_failure) {}

bool GroupDirectory::Stale(const Group& group, TimePoint now) const {
    if (group.in_flight) return false;
    if (!group.fetched) return true;
    return now - group.fetched_at >= (group.ok ? ttl_ : retry_after_failure_);
}

bool GroupDirectory::MarkInFlightIfStale(Group& group) const {
    if (!Stale(group, clock_.Now())) return false;
    group.in_flight = true;
    return true;
}

bool GroupDirectory::IsMember(std::string_view group_id, std::string_view user,
                              std::chrono::milliseconds wait) {
    if (group_id.empty() || user.empty()) return false;
    const std::string id(group_id);
    int generation = 0;
    bool start = false;
    {
        std::lock_guard lock(state_->mutex);
        Group& group = state_->groups[id];
        start = MarkInFlightIfStale(group);
        if (!group.in_flight) return group.members.contains(user);
        generation = group.generation;
    }
    if (start) Fetch(id);
    std::unique_lock lock(state_->mutex);
    // Real time, not the Clock: this waits for Slack's answer on the network.
    state_->answered.wait_for(lock, wait, [&] {
        const Group& group = state_->groups[id];
        return group.generation != generation || !group.in_flight;
    });
    return state_->groups[id].members.contains(user);
}

void GroupDirectory::Prefetch(const std::vector<std::string>& groups) {
    for (const std::string& id : groups) {
        bool start = false;
        {
            std::lock_guard lock(state_->mutex);
            start = MarkInFlightIfStale(state_->groups[id]);
        }
        if (start) Fetch(id);
    }
}

int GroupDirectory::Fetches() const {
    std::lock_guard lock(state_->mutex);
    return state_->fetches;
}

void GroupDirectory::Fetch(const std::string& group_id) {
    {
        std::lock_guard lock(state_->mutex);
        ++state_->fetches;
    }
    slack::CallOptions options;
    options.max_attempts = 2;
    // The answer is read whole: its "users" array is what we came for.
    slack_.Call(
        "usergroups.users.list", {{"usergroup", group_id}}, options,
        [state = state_, group_id, &clock = clock_](const slack::ApiResult& result) {
            {
                std::lock_guard lock(state->mutex);
                Group& group = state->groups[group_id];
                group.in_flight = false;
                ++group.generation;
                if (result.error != "shutdown") {  // at shutdown the clock may be gone
                    group.fetched = true;
                    group.fetched_at = clock.Now();
                    group.ok = result.ok();
                    if (result.ok()) {
                        group.members.clear();
                        const auto users = result.body.find("users");
                        if (users != result.body.end() && users->is_array()) {
                            for (const auto& id : *users) {
                                if (id.is_string()) group.members.insert(id.get<std::string>());
                            }
                        }
                    }
                }
            }
            state->answered.notify_all();
            if (!result.ok() && result.error != "shutdown") {
                // Ids and Slack's code only: "missing_scope" means the app lacks
                // usergroups:read, "no_such_subteam" a group id that does not exist.
                logging::Get("access")->warn("user group {} not listed: {}", group_id,
                                             result.error);
            }
        });
}

}  // namespace escbot::commands::access
