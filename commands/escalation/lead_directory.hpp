#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/slack/slack_api.hpp"

namespace escbot::commands::escalation {

/// Who counts as a lead (settings groups.leads: user ids U…/W… and user group ids S…) without a
/// Slack call on the ack path. User ids match directly. Group members come from a cache filled by
/// usergroups.users.list in the background: Refresh() at start-up, and again whenever IsLead
/// finds a group's members older than `max_age` (10 minutes; 1 minute after a failed fetch).
/// IsLead answers from the cache as it is, so a person just added to a group may be refused until
/// the next refresh lands, and a group Slack cannot list (no usergroups:read scope, deleted
/// group) counts as empty; the last good list is kept while Slack is unreachable.
/// Thread-safe; callbacks from the Slack API thread only touch the cache.
class LeadDirectory {
public:
    LeadDirectory(slack::SlackApi& slack, const Clock& clock);

    /// True when `user` is listed in `leads` or is a cached member of a group listed there.
    /// Starts a background refresh of listed groups whose cache is stale. Never blocks on Slack.
    bool IsLead(std::string_view user, const std::vector<std::string>& leads);

    /// Fetches the members of every group id in `leads` now (in the background).
    void Refresh(const std::vector<std::string>& leads);

private:
    struct Group {
        std::set<std::string> members;
        TimePoint fetched_at{};
        bool fetched = false;
        bool ok = false;
        bool in_flight = false;
    };
    struct State {
        std::mutex mutex;
        std::map<std::string, Group, std::less<>> groups;
    };

    void Fetch(const std::string& group_id);

    slack::SlackApi& slack_;
    const Clock& clock_;
    std::shared_ptr<State> state_ = std::make_shared<State>();
};

/// True for a user group id (S…).
bool IsGroupId(std::string_view id);

}  // namespace escbot::commands::escalation
