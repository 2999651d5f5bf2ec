#pragma once

// Did every timer fire exactly once? One line per firing the bots owed, by timer key and stage
// ("case:7:ladder@2", "case:9:follow_up@due_soon", "installer:3:chase@1",
// "installer:3:owner_reminder"), with the firings the database recorded (the audit log and the
// installer complaints' events) and the posts the fake Slack holds for it.
//
// What is owed comes from records the firing does not write: each paged rung (audit
// ladder.paged, its deadline) owes its timeout; each case with a promise (its follow_up_due)
// owes the due-soon and due reminders; each installer complaint (its created_at) owes chase 1
// and the owner reminder. Only firings due at least 2 s before `until` are owed.

#include <map>
#include <string>
#include <vector>

#include "tests/replicas/replica_fixture.hpp"
#include "tests/replicas/replica_flows.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::replicas {

struct Firing {
    std::string key;        // timer key @ stage
    long long due_at = 0;   // Unix seconds
    long long fired_at = 0; // the first recorded firing (0: never)
    int recorded = 0;       // firings in the database
    int posts = 0;          // its posts in Slack
};

struct LedgerSummary {
    int owed = 0;
    int once = 0;         // recorded once and posted once
    int never = 0;        // not recorded
    int twice = 0;        // recorded or posted more than once
    int post_missing = 0; // recorded once, not in Slack
    std::map<std::string, int> owed_by_kind;  // "ladder", "follow_up", "chase", "owner_reminder"
    std::vector<std::string> problems;
    bool Clean() const { return owed == once; }
};

/// The firings owed by `until` (Unix seconds), as the database and `slack` show them.
std::vector<Firing> ReadLedger(const Schema& schema, const test::FakeSlackServer& slack,
                               const ShortTimers& timers, long long until);
LedgerSummary Summarize(const std::vector<Firing>& firings);
/// "ladder", "follow_up", "chase" or "owner_reminder": the kind of timer a Firing key names.
std::string FiringKind(const std::string& key);

/// A timer row as it stood at one moment (see PendingTimers).
struct PendingTimer {
    std::string firing;     // its Firing key
    long long due_at = 0;
    bool claimed_by_victim = false;  // under a live claim of the process given to PendingTimers
};
/// The short-cadence timers in the database now (ladder rungs, promises, installer chases and
/// owner reminders), noting those `victim_pid` holds a live claim on.
std::vector<PendingTimer> PendingTimers(const Schema& schema, int victim_pid);

/// For the timers pending at a kill at `killed_at`: the longest wait, in seconds, between when
/// each became fireable (its due time, or the kill when already due) and when it fired; -1
/// when one of them never fired.
double LongestTakeover(const std::vector<PendingTimer>& pending,
                       const std::vector<Firing>& firings, long long killed_at);

}  // namespace escbot::replicas
