// escbot-replica-timers-test: a replica SIGKILLed inside a ladder window and a cadence wait;
// every timer fires exactly once (issue 21).
//
// Two real `escalation-bot serve` processes on one PostgreSQL database, against the fake Slack
// (seeded 429s, 500s and slow answers), with a test copy of the SOP whose windows and cadences
// are seconds long (rung windows 8 s, promise reminders 6 s / 12 s, installer chase 6 s and owner
// reminder 10 s; business time all day, every day). Agents on both replicas leave live ladders
// ringing, open cases that wait on their promise, open installer complaints, request Concert
// confirmations and open the Home tab. Then, while rung timers and cadence timers are pending
// (checked: the test fails if either kind is not), replica A is SIGKILLed, at the moment it is
// seen holding a timer claim when that happens within 4 s, and never restarted. B keeps taking
// requests, then alone fires what is owed. Checked, by timer key and stage: each owed firing is
// recorded once in the database and posted once in Slack; the timers pending at the kill fired
// within 30 s of being fireable; no post lost or twice; every acknowledged action's effect there.
//
//   deploy/with-postgres.sh build/tests/replicas/escbot-replica-timers-test [--seconds 8]

#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "storage/postgres/connection.hpp"
#include "tests/replicas/replica_fixture.hpp"
#include "tests/replicas/replica_flows.hpp"
#include "tests/replicas/replica_verdict.hpp"
#include "tests/replicas/timer_ledger.hpp"
#include "tests/support/paths.hpp"

namespace escbot::replicas {
namespace {

using namespace std::chrono_literals;

struct Options {
    std::string bot = test::BotBinary().string();
    int seconds = 8;  // load before the kill, and after it
    unsigned seed = 1;
    int threads = 1;  // flows at once per replica
    int pause_ms = 1200;  // between two flows of a thread
};

double Since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int Run(const Options& options, const std::string& url) {
    test::TempDir dir;
    const ShortTimers timers;
    const auto config = WriteConfig(dir.path(), &timers);
    const Schema schema(url);

    test::FakeSlackOptions slack_options;
    slack_options.clock = [] { return std::chrono::system_clock::now(); };
    test::FakeSlackServer slack(slack_options);
    test::FaultPlan faults;
    faults.seed = options.seed;
    faults.rate429 = 0.02;
    faults.rate500 = 0.02;
    faults.rate_slow = 0.03;
    faults.slow = 1'500ms;  // past the bot's 1 s timeout: the outcome is unknown
    faults.methods = {"chat.postMessage", "chat.update", "chat.postEphemeral"};
    slack.SetFaults(faults);

    Replica a(options.bot, config, dir.path() / "a", schema.BotUrl(), slack);
    Replica b(options.bot, config, dir.path() / "b", schema.BotUrl(), slack);
    ReplicaFlows flows_a(a.port(), b.port(), slack, 0);
    ReplicaFlows flows_b(b.port(), a.port(), slack, 1'000'000);
    std::atomic<bool> stop_a{false}, stop_b{false};
    std::vector<std::thread> load;
    const std::chrono::milliseconds pause(options.pause_ms);
    for (int t = 0; t < options.threads; ++t) {
        load.emplace_back([&, t] { flows_a.Run(options.seed * 100 + t + 1, stop_a, pause); });
        load.emplace_back([&, t] { flows_b.Run(options.seed * 100 + t + 51, stop_b, pause); });
    }
    std::this_thread::sleep_for(std::chrono::seconds(options.seconds));

    // Kill A the moment it holds a timer claim (mid-firing), else after 4 s of looking.
    const std::string a_claims = "SELECT COUNT(*) FROM timers WHERE" + ClaimedBy(a.pid()) +
                                 " AND claimed_until > CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";
    {
        // A claim lives for the milliseconds a firing takes: look as fast as one connection can.
        storage::postgres::Connection poll(url, schema.name());
        const auto look_until = std::chrono::steady_clock::now() + 4s;
        while (std::chrono::steady_clock::now() < look_until) {
            auto q = poll.Prepare(a_claims);
            if (q->executeStep() && q->getColumn(0).getInt64() > 0) break;
        }
    }
    a.process().Signal(SIGKILL);
    a.process().Wait(10s);
    const auto killed = std::chrono::steady_clock::now();
    const long long killed_at = UnixNow();
    stop_a = true;  // A's agents go away with it; B's keep going
    const std::vector<PendingTimer> pending = PendingTimers(schema, a.pid());
    std::map<std::string, int> pending_by_kind;
    int claimed_by_a = 0;
    for (const PendingTimer& p : pending) {
        ++pending_by_kind[FiringKind(p.firing)];
        claimed_by_a += p.claimed_by_victim ? 1 : 0;
    }
    const long long outbox_by_a = schema.Count(
        "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND" + ClaimedBy(a.pid()) +
        " AND claimed_until > CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)");

    // A's claims taken over: nothing pending still held by A.
    double outbox_taken_over = -1;
    const auto load_until = killed + std::chrono::seconds(options.seconds);
    while (std::chrono::steady_clock::now() < load_until || outbox_taken_over < 0) {
        if (outbox_taken_over < 0 &&
            schema.Count("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND" +
                         ClaimedBy(a.pid())) +
                    schema.Count("SELECT COUNT(*) FROM timers WHERE" + ClaimedBy(a.pid())) ==
                0) {
            outbox_taken_over = Since(killed);
        }
        if (Since(killed) > 60) break;
        std::this_thread::sleep_for(200ms);
    }
    stop_b = true;
    for (auto& thread : load) thread.join();

    // B alone fires and sends what is owed, without faults.
    slack.ClearFaults();
    const double quiet_after = WaitForQuiet(schema, 150s);
    std::this_thread::sleep_for(2s);  // answers still on their way are applied
    b.process().Signal(SIGTERM);
    b.process().Wait(20s);

    flows_a.SettleClicks();
    flows_b.SettleClicks();
    const ReplicaAcked acked = Merge(flows_a.acked(), flows_b.acked());
    const Verdict verdict = Judge(schema, slack, acked, timers);
    const std::vector<Firing> ledger = ReadLedger(schema, slack, timers, UnixNow());
    const double takeover = LongestTakeover(pending, ledger, killed_at);
    std::string mid_firing;  // the timers A was firing when killed, and when B fired them
    for (const PendingTimer& p : pending) {
        if (!p.claimed_by_victim) continue;
        for (const Firing& f : ledger) {
            if (f.key != p.firing) continue;
            mid_firing += " " + f.key + " (fired by B " +
                          std::to_string(f.fired_at - std::max(f.due_at, killed_at)) +
                          " s after it could fire, " + std::to_string(f.recorded) + " time(s))";
        }
    }

    std::cout << "replica timers test: seed " << options.seed << ", A SIGKILLed after "
              << options.seconds << " s of load on both, never restarted; B alone after\n"
              << "  flows started A " << flows_a.flows_started() << " B " << flows_b.flows_started()
              << " (cut short A " << flows_a.flows_abandoned() << " B "
              << flows_b.flows_abandoned() << "); ladders left ringing " << acked.ladders.size()
              << ", promises " << acked.follow_ups.size() << ", installer complaints "
              << acked.installer.size() << "; Slack calls " << slack.CallCount() << "\n"
              << "  pending at the kill:";
    for (const auto& [kind, n] : pending_by_kind) std::cout << " " << kind << " " << n;
    std::cout << "; timers A was firing (live claims) " << claimed_by_a
              << mid_firing << ", outbox items A was sending " << outbox_by_a << "\n"
              << "  B took over A's claims " << outbox_taken_over
              << " s after the kill; longest wait of a timer pending at the kill past its due "
                 "time "
              << takeover << " s; all owed fired and sent " << quiet_after
              << " s after the load stopped\n";
    Print(std::cout, verdict);

    bool pass = verdict.Clean() && quiet_after >= 0 && outbox_taken_over >= 0 &&
                outbox_taken_over <= 30 && takeover >= 0 && takeover <= 30;
    if (pending_by_kind["ladder"] == 0 ||
        pending_by_kind["follow_up"] + pending_by_kind["chase"] + pending_by_kind["owner_reminder"] == 0) {
        std::cout << "FAIL: the kill fell outside a ladder window or a cadence wait\n";
        pass = false;
    }
    if (verdict.timers.owed_by_kind.size() < 4 || flows_a.acked().base.cases.empty() ||
        flows_b.acked().base.cases.empty()) {
        std::cout << "FAIL: the load produced too little to check (every timer kind, both replicas)\n";
        pass = false;
    }
    std::cout << (pass ? "PASS" : "FAIL") << "\n";
    return pass ? 0 : 1;
}

}  // namespace
}  // namespace escbot::replicas

int main(int argc, char** argv) {
    escbot::replicas::Options options;
    CLI::App app{"escbot-replica-timers-test: a replica SIGKILLed inside timer windows"};
    app.add_option("--bot", options.bot, "the escalation-bot binary");
    app.add_option("--seconds", options.seconds, "load before the kill, and after it");
    app.add_option("--seed", options.seed, "seeds the faults and the flows");
    app.add_option("--threads", options.threads, "flows running at once per replica");
    app.add_option("--pause-ms", options.pause_ms, "pause between two flows of a thread");
    CLI11_PARSE(app, argc, argv);
    return escbot::replicas::RunBesideTestServer(
        "escbot-replica-timers-test", {"ESCBOT_TEST_POSTGRES_URL"},
        [&](const std::vector<std::string>& env) { return escbot::replicas::Run(options, env[0]); });
}
