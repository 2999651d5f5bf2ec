#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/slack/slack_api.hpp"

namespace escbot::commands::access {

/// The members of Slack user groups (S...), for the roles that a group confers (the people paged
/// for a ladder tier). Asks Slack's usergroups.users.list (`{"ok":true,"users":["U..."]}`,
/// scope usergroups:read) and keeps each answer for `ttl` on the injected Clock, so that a group
/// edited in Slack counts within a minute; a failed answer (no_such_subteam, missing_scope, no
/// network) keeps the last good list, is logged with Slack's code, and is asked again after
/// `retry_after_failure`. Thread-safe; Slack's callbacks only touch the cache.
class GroupDirectory {
public:
    static constexpr Seconds kDefaultTtl{60};
    static constexpr Seconds kDefaultRetryAfterFailure{10};

    GroupDirectory(slack::SlackApi& slack, const Clock& clock, Seconds ttl = kDefaultTtl,
                   Seconds retry_after_failure = kDefaultRetryAfterFailure);

    /// Whether `user` is a member of `group`. A fresh cache answers at once; otherwise Slack is
    /// asked and the answer awaited for at most `wait`, after which the last good list answers
    /// (empty when there was none). With `wait` > 0 it blocks: never inside a store transaction
    /// nor on an I/O thread (the bot's handlers may run on the one that carries Slack's answers,
    /// so they pass 0 and rely on Prefetch at start-up).
    bool IsMember(std::string_view group, std::string_view user, std::chrono::milliseconds wait);

    /// Starts fetching the groups whose cache is stale, without waiting (when a tier is paged,
    /// so that the first click finds the list ready).
    void Prefetch(const std::vector<std::string>& groups);

    /// Calls of usergroups.users.list made so far (for tests and metrics).
    int Fetches() const;

private:
    struct Group {
        std::set<std::string, std::less<>> members;
        TimePoint fetched_at{};
        bool fetched = false;  // an answer (good or not) arrived
        bool ok = false;       // the last answer was good
        bool in_flight = false;
        int generation = 0;  // answers received so far
    };
    struct State {
        std::mutex mutex;
        std::condition_variable answered;
        std::map<std::string, Group, std::less<>> groups;
        int fetches = 0;
    };

    /// Under the lock: whether `group` needs asking now.
    bool Stale(const Group& group, TimePoint now) const;
    // Under state_->mutex: whether the caller must fetch the group (it is now in flight).
    bool MarkInFlightIfStale(Group& group) const;
    /// Starts usergroups.users.list for `group_id` (the caller marked it in flight).
    void Fetch(const std::string& group_id);

    slack::SlackApi& slack_;
    const Clock& clock_;
    Seconds ttl_;
    Seconds retry_after_failure_;
    std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace escbot::commands::access
