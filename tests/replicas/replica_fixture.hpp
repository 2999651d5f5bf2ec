#pragma once

// What the replica tests share: the bots' configuration (optionally with a test SOP whose
// windows and cadences are seconds long), a throwaway PostgreSQL schema, and a replica process.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/process.hpp"

namespace escbot::replicas {

inline constexpr const char* kSecret = "replica-test-signing-secret";

/// The test SOP's seconds-long windows and cadences (see WriteConfig), for the tests' waits.
struct ShortTimers {
    int ladder_window_s = 8;        // escalation.toml [ladder] window_seconds (30 in production)
    int due_soon_s = 6;             // the follow-up promise's due_soon (24bh)
    int due_s = 12;                 // and due (48bh)
    int chase_every_s = 6;          // installer_complaints.toml chase_every (2bd)
    int owner_reminder_s = 10;      // and owner_reminder_after (1w)
};

/// Writes the bots' configuration into `dir` and returns its path: the example config with a 1 s
/// Slack timeout and rotations on duty around the clock. With `timers`, the SOP files are test
/// copies in `dir`/sop whose windows and cadences are those seconds (elapsed time, "6s"), and
/// the business calendar is every day, all day, so that business time never defers them; the
/// production files are untouched. Without, the SOP files are the source tree's.
std::filesystem::path WriteConfig(const std::filesystem::path& dir, const ShortTimers* timers);

/// A throwaway schema on the test server, dropped at the end.
class Schema {
public:
    explicit Schema(std::string url);
    ~Schema();
    Schema(const Schema&) = delete;
    Schema& operator=(const Schema&) = delete;

    /// DATABASE_URL for the bots: the schema through libpq's options parameter.
    std::string BotUrl() const;
    /// The first column of the first row of `sql`, as a number.
    long long Count(const std::string& sql) const;
    /// Every row of `sql`, its first `columns` columns as text ("" for NULL).
    std::vector<std::vector<std::string>> Rows(const std::string& sql, int columns) const;
    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }

private:
    std::string url_;
    std::string name_;
};

/// SQL: "claimed_by names process `pid`" (a claimer name holds its process id).
std::string ClaimedBy(int pid);

/// One `escalation-bot serve` process on its own port, started healthy (throws otherwise).
class Replica {
public:
    Replica(const std::string& bot, const std::filesystem::path& config,
            const std::filesystem::path& work, const std::string& database_url,
            const test::FakeSlackServer& slack);
    std::uint16_t port() const { return port_; }
    test::ChildProcess& process() { return *process_; }
    int pid() const { return process_->pid(); }

private:
    std::uint16_t port_;
    std::unique_ptr<test::ChildProcess> process_;
};

/// True once GET /healthz answers 200 (false when the process ended or `timeout` ran out).
bool WaitHealthy(std::uint16_t port, test::ChildProcess& bot, std::chrono::seconds timeout);

/// Seconds since the Unix epoch, by the system clock (the bots' clock).
long long UnixNow();

/// The replica programs' main once their options are parsed: 77 (ctest's "skipped") when one of
/// the environment `variables` that deploy/with-postgres.sh sets is missing; otherwise `run`
/// with their values, in order. An exception is printed under `program`'s name and gives 2.
int RunBesideTestServer(const char* program, const std::vector<const char*>& variables,
                        const std::function<int(const std::vector<std::string>&)>& run);

}  // namespace escbot::replicas
