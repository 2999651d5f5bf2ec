#pragma once

// The replica failover tests' verdict, once the bots are stopped: posts lost or doubled,
// acknowledged actions without their effect, timers not fired exactly once, events lost or
// handled twice; printed as the report's figures.

#include <iosfwd>
#include <string>

#include "tests/kill/kill_count.hpp"
#include "tests/replicas/replica_fixture.hpp"
#include "tests/replicas/replica_flows.hpp"
#include "tests/replicas/timer_ledger.hpp"

namespace escbot::replicas {

struct Verdict {
    kill::Tally tally;            // posts, acknowledged escalations, claims, Concert requests
    LedgerSummary timers;         // every owed firing once
    int installer_acked = 0;
    int installer_missing = 0;    // acknowledged installer complaints not in the database
    int events_acked = 0;
    int events_missing = 0;       // acknowledged app_home_opened without its Home tab publish
    int events_twice = 0;         // extra publishes: a redelivery handled again
    long long timers_overdue = 0; // short-cadence timers still due at the end

    bool Clean() const {
        return tally.Clean() && timers.Clean() && installer_missing == 0 && events_missing == 0 &&
               events_twice == 0 && timers_overdue == 0;
    }
};

/// Reads the stopped bots' database and the fake Slack. `acked` merges both runners'.
Verdict Judge(const Schema& schema, const test::FakeSlackServer& slack, const ReplicaAcked& acked,
              const ShortTimers& timers);

/// Both runners' acknowledgements in one.
ReplicaAcked Merge(const ReplicaAcked& a, const ReplicaAcked& b);

/// Waits (at most `limit`) until nothing short-cadence is pending within the next hour and the
/// outbox is empty; the seconds it took, or -1.
double WaitForQuiet(const Schema& schema, std::chrono::seconds limit);

/// SQL: short-cadence timers due by `by` (an SQL expression of Unix seconds).
std::string ShortTimersDueBy(const std::string& by);

void Print(std::ostream& out, const Verdict& verdict);
void PrintAnswers(std::ostream& out, const std::string& title,
                  const std::map<std::string, std::map<Answer, int>>& answers);

}  // namespace escbot::replicas
