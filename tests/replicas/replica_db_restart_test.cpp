// escbot-replica-db-restart-test: PostgreSQL stopped and started under load with two replicas
// (issue 21).
//
// Two real `escalation-bot serve` processes on one database, against the fake Slack, with the
// seconds-long test SOP (replica_fixture.hpp), take a steady stream of escalations (ladders left
// ringing, promises), installer complaints, Concert requests and Home tab events. Midway the
// server is stopped (`pg_ctl stop -m fast`: every connection is cut), kept down a few seconds,
// and started again; the load goes on throughout. Then the load stops and the replicas fire and
// send what is owed. Checked:
//  - while the database is down, every request is answered at once, either with a 5xx (an Events
//    API delivery: Slack redelivers it) or with a 200 that tells the person "Nothing was saved
//    ... please try again" (slash commands and interactions, which Slack never redelivers);
//    never with a success that loses the work, never left without an answer;
//  - both replicas report healthy again (GET /healthz checks the database) and serve requests;
//  - every event acknowledged after its redeliveries has its effect once, and a redelivery to
//    the other replica after a 2xx changes nothing;
//  - no post lost or twice, every acknowledged action's effect present, every owed timer firing
//    recorded once and posted once.
//
// Needs deploy/with-postgres.sh (ESCBOT_TEST_POSTGRES_URL, _DATA and _PG_CTL); skips without.
//
//   deploy/with-postgres.sh build/tests/replicas/escbot-replica-db-restart-test [--down 3]

#include <signal.h>
#include <stdlib.h>

#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "tests/replicas/replica_fixture.hpp"
#include "tests/replicas/replica_flows.hpp"
#include "tests/replicas/replica_verdict.hpp"
#include "tests/support/http_client/http_client.hpp"
#include "tests/support/paths.hpp"

namespace escbot::replicas {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Options {
    std::string bot = test::BotBinary().string();
    int seconds = 6;  // load before the restart, and after it
    int down = 3;     // seconds the server stays stopped
    unsigned seed = 2;
    int threads = 2;  // flows at once per replica
    int pause_ms = 1200;  // between two flows of a thread
};

double Since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

bool Healthy(std::uint16_t port) {
    try {
        test::HttpClient client(port, "127.0.0.1", 1s);
        return client.Get("/healthz").status == 200;
    } catch (const std::exception&) {
        return false;
    }
}

int PgCtl(const std::string& pg_ctl, const std::string& data, const std::string& what) {
    const std::string command =
        pg_ctl + " -D '" + data + "' " + what + " > /dev/null 2>&1";
    return std::system(command.c_str());
}

int Run(const Options& options, const std::string& url, const std::string& pg_ctl,
        const std::string& data) {
    test::TempDir dir;
    const ShortTimers timers;
    const auto config = WriteConfig(dir.path(), &timers);
    const Schema schema(url);

    test::FakeSlackOptions slack_options;
    slack_options.clock = [] { return std::chrono::system_clock::now(); };
    test::FakeSlackServer slack(slack_options);

    Replica a(options.bot, config, dir.path() / "a", schema.BotUrl(), slack);
    Replica b(options.bot, config, dir.path() / "b", schema.BotUrl(), slack);
    ReplicaFlows flows_a(a.port(), b.port(), slack, 0);
    ReplicaFlows flows_b(b.port(), a.port(), slack, 1'000'000);
    std::atomic<bool> stop{false};
    std::vector<std::thread> load;
    const std::chrono::milliseconds pause(options.pause_ms);
    for (int t = 0; t < options.threads; ++t) {
        load.emplace_back([&, t] { flows_a.Run(options.seed * 100 + t + 1, stop, pause); });
        load.emplace_back([&, t] { flows_b.Run(options.seed * 100 + t + 51, stop, pause); });
    }
    std::this_thread::sleep_for(std::chrono::seconds(options.seconds));

    // The restart: answers given from the stop until the server is back are counted apart.
    flows_a.set_window(true);
    flows_b.set_window(true);
    const auto stopping = Clock::now();
    const int stopped = PgCtl(pg_ctl, data, "-m fast -w -t 60 stop");
    const double stop_took = Since(stopping);
    std::this_thread::sleep_for(std::chrono::seconds(options.down));
    const int started = PgCtl(pg_ctl, data, "-l '" + data + "/server.log' -w -t 60 start");
    const auto back = Clock::now();
    const double down_for = Since(stopping);
    flows_a.set_window(false);
    flows_b.set_window(false);
    if (stopped != 0 || started != 0) {
        std::cout << "FAIL: pg_ctl stop answered " << stopped << ", start " << started << "\n";
        stop = true;
        for (auto& thread : load) thread.join();
        return 1;
    }
    double healthy_a = -1, healthy_b = -1;
    while (Since(back) < 60 && (healthy_a < 0 || healthy_b < 0)) {
        if (healthy_a < 0 && Healthy(a.port())) healthy_a = Since(back);
        if (healthy_b < 0 && Healthy(b.port())) healthy_b = Since(back);
        std::this_thread::sleep_for(100ms);
    }
    const auto ok = [](const ReplicaFlows& flows) {
        int n = 0;
        for (const auto& [kind, by_answer] : flows.answers()) {
            const auto it = by_answer.find(Answer::kOk);
            n += it == by_answer.end() ? 0 : it->second;
        }
        return n;
    };
    const int ok_before_a = ok(flows_a), ok_before_b = ok(flows_b);
    std::this_thread::sleep_for(std::chrono::seconds(options.seconds));
    const int ok_after_a = ok(flows_a) - ok_before_a, ok_after_b = ok(flows_b) - ok_before_b;
    stop = true;
    for (auto& thread : load) thread.join();

    const double quiet_after = WaitForQuiet(schema, 150s);
    std::this_thread::sleep_for(2s);  // answers still on their way are applied
    const bool both_alive = a.process().Running() && b.process().Running();
    for (Replica* r : {&a, &b}) r->process().Signal(SIGTERM);
    for (Replica* r : {&a, &b}) r->process().Wait(20s);

    flows_a.SettleClicks();
    flows_b.SettleClicks();
    const ReplicaAcked acked = Merge(flows_a.acked(), flows_b.acked());
    const Verdict verdict = Judge(schema, slack, acked, timers);
    auto window = flows_a.answers_in_window();
    for (const auto& [kind, by_answer] : flows_b.answers_in_window()) {
        for (const auto& [answer, n] : by_answer) window[kind][answer] += n;
    }
    auto all = flows_a.answers();
    for (const auto& [kind, by_answer] : flows_b.answers()) {
        for (const auto& [answer, n] : by_answer) all[kind][answer] += n;
    }
    EventStats events = flows_a.events();
    const EventStats events_b = flows_b.events();
    events.sent += events_b.sent;
    events.retries += events_b.retries;
    events.duplicates += events_b.duplicates;
    events.given_up += events_b.given_up;

    std::cout << "replica database restart test: seed " << options.seed << ", two replicas, "
              << options.seconds << " s of load, PostgreSQL stopped (-m fast, took " << stop_took
              << " s) and started again " << down_for << " s later, " << options.seconds
              << " s more load\n"
              << "  flows started A " << flows_a.flows_started() << " B "
              << flows_b.flows_started() << " (cut short A " << flows_a.flows_abandoned() << " B "
              << flows_b.flows_abandoned() << "); Slack calls " << slack.CallCount() << "\n";
    PrintAnswers(std::cout, "answers while the database was down", window);
    PrintAnswers(std::cout, "answers over the whole run", all);
    std::cout << "  events " << events.sent << ": redelivered after a failed answer "
              << events.retries << ", delivered again to the other replica after a 2xx "
              << events.duplicates << ", never acknowledged " << events.given_up << "\n"
              << "  healthy again after the start: A " << healthy_a << " s, B " << healthy_b
              << " s; successful answers after it: A " << ok_after_a << ", B " << ok_after_b
              << "; all owed fired and sent " << quiet_after << " s after the load stopped\n";
    Print(std::cout, verdict);

    bool pass = verdict.Clean() && quiet_after >= 0 && both_alive && healthy_a >= 0 &&
                healthy_b >= 0 && ok_after_a > 0 && ok_after_b > 0 && events.given_up == 0;
    int in_window = 0;
    for (const auto& [kind, by_answer] : window) {
        for (const auto& [answer, n] : by_answer) {
            in_window += n;
            if (answer == Answer::kNoAnswer || answer == Answer::kOther) {
                std::cout << "FAIL: " << n << " " << kind << " request(s) got " << AnswerName(answer)
                          << " while the database was down\n";
                pass = false;
            }
            if (kind == "event" && answer == Answer::kRefused) pass = false;  // would be lost
        }
    }
    if (in_window == 0) {
        std::cout << "FAIL: no request arrived while the database was down\n";
        pass = false;
    }
    if (!both_alive) std::cout << "FAIL: a replica died\n";
    if (acked.base.cases.empty() || acked.installer.empty() || acked.home_users.empty()) {
        std::cout << "FAIL: the load produced too little to check\n";
        pass = false;
    }
    std::cout << (pass ? "PASS" : "FAIL") << "\n";
    return pass ? 0 : 1;
}

}  // namespace
}  // namespace escbot::replicas

int main(int argc, char** argv) {
    escbot::replicas::Options options;
    CLI::App app{"escbot-replica-db-restart-test: PostgreSQL restarted under two replicas"};
    app.add_option("--bot", options.bot, "the escalation-bot binary");
    app.add_option("--seconds", options.seconds, "load before the restart, and after it");
    app.add_option("--down", options.down, "seconds the server stays stopped");
    app.add_option("--seed", options.seed, "seeds the flows");
    app.add_option("--threads", options.threads, "flows running at once per replica");
    app.add_option("--pause-ms", options.pause_ms, "pause between two flows of a thread");
    CLI11_PARSE(app, argc, argv);
    return escbot::replicas::RunBesideTestServer(
        "escbot-replica-db-restart-test",
        {"ESCBOT_TEST_POSTGRES_URL", "ESCBOT_TEST_POSTGRES_PG_CTL", "ESCBOT_TEST_POSTGRES_DATA"},
        [&](const std::vector<std::string>& env) {
            return escbot::replicas::Run(options, env[0], env[1], env[2]);
        });
}
