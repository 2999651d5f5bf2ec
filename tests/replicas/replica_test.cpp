// escbot-replica-test: two replicas on one database survive the loss of one (issue 21).
//
// Runs two real `escalation-bot serve` processes (HTTP mode, a port each) on one PostgreSQL
// database, against a fake Slack that answers a seeded mix of ok, 429, 500 and slow answers,
// while agents, leads and Concert contacts stream every flow through both (escalations that wait,
// live ladders answered on the page, Concert requests confirmed). Halfway, the instant a post
// reaches Slack, it SIGKILLs replica A and never restarts it: B alone must take over A's claimed
// outbox items and timers once their leases ran out. Then it stops the load and the faults, lets B
// drain, stops it, and counts: posts lost or twice, bot messages naming no outbox item,
// acknowledged actions without their effect, timers left overdue. Exit 0 only when all are 0;
// 77 (skipped) without a PostgreSQL server.
//
//   deploy/with-postgres.sh build/tests/replicas/escbot-replica-test [--seconds 12] [--seed 1]

#include <signal.h>
#include <stdlib.h>

#include <atomic>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "storage/postgres/postgres_store.hpp"
#include "tests/kill/kill_count.hpp"
#include "tests/kill/kill_flows.hpp"
#include "tests/replicas/replica_fixture.hpp"
#include "tests/support/paths.hpp"

namespace escbot::replicas {
namespace {

using namespace std::chrono_literals;

struct Options {
    std::string bot = test::BotBinary().string();
    int seconds = 12;  // load before the kill and after it, each half
    unsigned seed = 1;
    int threads = 2;   // flows at once per replica
};

int Run(const Options& options, const std::string& url) {
    test::TempDir dir;
    const auto config = WriteConfig(dir.path(), nullptr);
    const Schema schema(url);

    test::FakeSlackOptions slack_options;
    slack_options.clock = [] { return std::chrono::system_clock::now(); };
    test::FakeSlackServer slack(slack_options);
    test::FaultPlan faults;
    faults.seed = options.seed;
    faults.rate429 = 0.03;
    faults.rate500 = 0.03;
    faults.rate_slow = 0.05;
    faults.slow = 1'500ms;  // past the bot's 1 s timeout: the outcome is unknown
    faults.methods = {"chat.postMessage", "chat.update", "chat.postEphemeral"};
    slack.SetFaults(faults);

    Replica replica_a(options.bot, config, dir.path() / "a", schema.BotUrl(), slack);
    Replica replica_b(options.bot, config, dir.path() / "b", schema.BotUrl(), slack);
    const std::uint16_t port_a = replica_a.port(), port_b = replica_b.port();
    test::ChildProcess* const a = &replica_a.process();
    test::ChildProcess* const b = &replica_b.process();

    kill::FlowRunner runner_a(port_a, kSecret, slack, 0);
    kill::FlowRunner runner_b(port_b, kSecret, slack, 1'000'000);
    std::atomic<bool> stop_a{false}, stop_b{false};
    std::vector<std::thread> load;
    for (int t = 0; t < options.threads; ++t) {
        load.emplace_back([&, t] { runner_a.Run(options.seed * 100 + t + 1, stop_a); });
        load.emplace_back([&, t] { runner_b.Run(options.seed * 100 + t + 51, stop_b); });
    }

    std::this_thread::sleep_for(std::chrono::seconds(options.seconds));
    // The instant a post reaches Slack: its answer is on its way, or lost with the replica.
    const auto posts = slack.CallCount("chat.postMessage");
    slack.WaitForCalls("chat.postMessage", posts + 1, 3s);
    a->Signal(SIGKILL);
    a->Wait(10s);
    const auto killed_at = std::chrono::steady_clock::now();
    // A's live claims (its claimer name holds its process id): B must wait them out.
    const std::string by_a = " claimed_by LIKE '%:" + std::to_string(a->pid()) +
                             ":%' AND claimed_until > CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";
    const long long claimed_by_dead =
        schema.Count("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND" + by_a) +
        schema.Count("SELECT COUNT(*) FROM timers WHERE" + by_a);
    stop_a = true;  // A's agents go away with it; B's keep going
    // Taken over: nothing pending still held by A (B's claim replaced it, or it is done).
    const std::string held_by_a = " claimed_by LIKE '%:" + std::to_string(a->pid()) + ":%'";
    double taken_over_after = -1;
    const auto load_until = killed_at + std::chrono::seconds(options.seconds);
    while (std::chrono::steady_clock::now() < load_until || taken_over_after < 0) {
        if (taken_over_after < 0 &&
            schema.Count("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND" + held_by_a) +
                    schema.Count("SELECT COUNT(*) FROM timers WHERE" + held_by_a) ==
                0) {
            taken_over_after =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - killed_at).count();
        }
        if (std::chrono::steady_clock::now() > killed_at + 60s) break;
        std::this_thread::sleep_for(200ms);
    }
    stop_b = true;
    for (auto& thread : load) thread.join();

    // B alone drains what is owed, A's claimed items included, without faults.
    slack.ClearFaults();
    double drained_after = -1;
    const std::string owed =
        "SELECT COUNT(*) FROM outbox WHERE status = 'pending'";
    const std::string overdue_timers =
        "SELECT COUNT(*) FROM timers WHERE due_at <= CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) - 2";
    for (auto give_up = std::chrono::steady_clock::now() + 180s;
         std::chrono::steady_clock::now() < give_up;) {
        if (schema.Count(owed) == 0 && schema.Count(overdue_timers) == 0) {
            drained_after = std::chrono::duration<double>(std::chrono::steady_clock::now() - killed_at).count();
            break;
        }
        std::this_thread::sleep_for(200ms);
    }
    std::this_thread::sleep_for(2s);  // answers still on their way are applied
    b->Signal(SIGTERM);
    b->Wait(20s);
    const long long timers_overdue = schema.Count(overdue_timers);

    kill::Acked acked = runner_a.acked();
    const kill::Acked acked_b = runner_b.acked();
    const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(acked.cases, acked_b.cases);
    append(acked.claims, acked_b.claims);
    append(acked.ladder_answers, acked_b.ladder_answers);
    append(acked.concert_homeowners, acked_b.concert_homeowners);
    append(acked.concert_confirms, acked_b.concert_confirms);

    auto store = storage::postgres::OpenPostgresStore(url, {.schema = schema.name(), .pool_size = 2});
    const kill::Tally tally = kill::Count(*store, slack, acked);
    const long long ladders = schema.Count("SELECT COUNT(*) FROM escalation_ladders");

    std::cout << "replica test: seed " << options.seed << ", replicas A (SIGKILLed after "
              << options.seconds << " s, never restarted) and B\n"
              << "  flows started A " << runner_a.flows_started() << " B "
              << runner_b.flows_started() << ", cut short A " << runner_a.flows_abandoned()
              << " B " << runner_b.flows_abandoned() << "; live ladders " << ladders
              << "; Slack calls " << slack.CallCount() << "\n"
              << "  live claims A held when killed (outbox items + timers) " << claimed_by_dead << ", taken over by B " << taken_over_after
              << " s after the kill; everything owed drained " << drained_after
              << " s after the kill\n"
              << "  posts (outbox items) " << tally.posts << ": lost " << tally.lost
              << ", duplicates " << tally.duplicates << " (pending " << tally.posts_pending
              << ", failed " << tally.posts_failed << "), untracked messages " << tally.untracked
              << "\n"
              << "  other items " << tally.other_items << ": unsent " << tally.other_unsent << "\n"
              << "  acknowledged actions " << tally.acked << ": effect missing "
              << tally.missing_effects << "\n"
              << "  timers overdue at the end " << timers_overdue << "\n";
    for (const auto& line : tally.problems) std::cout << "  problem: " << line << "\n";
    bool pass = tally.Clean() && timers_overdue == 0 && drained_after >= 0 &&
                taken_over_after >= 0 && taken_over_after <= 30;
    if (tally.posts == 0 || tally.acked == 0 || runner_a.acked().cases.empty() ||
        acked_b.cases.empty()) {
        std::cout << "FAIL: the load produced too little to check (both replicas must take cases)\n";
        pass = false;
    }
    std::cout << (pass ? "PASS" : "FAIL") << "\n";
    return pass ? 0 : 1;
}

}  // namespace
}  // namespace escbot::replicas

int main(int argc, char** argv) {
    escbot::replicas::Options options;
    CLI::App app{"escbot-replica-test: two replicas on one PostgreSQL database, one SIGKILLed"};
    app.add_option("--bot", options.bot, "the escalation-bot binary");
    app.add_option("--seconds", options.seconds, "load before the kill, and after it");
    app.add_option("--seed", options.seed, "seeds the faults and the flows");
    app.add_option("--threads", options.threads, "flows running at once per replica");
    CLI11_PARSE(app, argc, argv);
    return escbot::replicas::RunBesideTestServer(
        "escbot-replica-test", {"ESCBOT_TEST_POSTGRES_URL"},
        [&](const std::vector<std::string>& env) { return escbot::replicas::Run(options, env[0]); });
}
