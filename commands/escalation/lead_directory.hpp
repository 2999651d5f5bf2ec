#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commands/access/group_directory.hpp"

namespace escbot::commands::escalation {

/// Who counts as a lead (settings groups.leads: user ids U…/W… and user group ids S…) without a
/// Slack call on the ack path. User ids match directly; group members come from the one user
/// group cache of the authorization table (access::GroupDirectory: usergroups.users.list, kept a
/// minute, the last good list kept while Slack cannot answer), so a lead group is asked once
/// for both. IsLead answers from the cache as it is (a person just added to a group may be
/// refused until the next answer lands; a group Slack cannot list counts as empty) and starts a
/// background fetch of stale groups. Thread-safe.
class LeadDirectory {
public:
    /// `groups` must outlive this.
    explicit LeadDirectory(access::GroupDirectory& groups) : groups_(groups) {}

    /// True when `user` is listed in `leads` or is a cached member of a group listed there.
    /// Never blocks on Slack.
    bool IsLead(std::string_view user, const std::vector<std::string>& leads);

    /// Fetches the members of every group id in `leads` now (in the background).
    void Refresh(const std::vector<std::string>& leads);

private:
    access::GroupDirectory& groups_;
};

/// True for a user group id (S…).
bool IsGroupId(std::string_view id);

}  // namespace escbot::commands::escalation
