// escbot-bench: the bot's own load benchmark. Starts a lean fake Slack Web API and the real
// `escalation-bot serve` (a child process with a temporary database), sends signed `/escalate`
// slash commands at each concurrency for a fixed time, waits for the views.open calls to drain,
// and prints requests/s, ack latency, views.open arrival latency, follow-up calls received vs
// accepted, the bot's CPU time per request and its peak RSS. Loopback only; stops by itself.
// Not a test: it asserts nothing (the exit code is 1 only when the bot cannot be run).
//
//   build-x/tests/bench/escbot-bench [--bot PATH] [--duration 10] [--concurrency 1,16,64]
//       [--rate429 0.01] [--latency-ms 0] [--warmup 3] [--log-level info] [--keep]
//       [--rate 500] [--db-mb 1024 --backup vacuum-into --users 9000000]
//       [--fault429 0.01 --fault500 0.01 --fault-seed 20]
//   (--help lists every option)
//
// With --db-mb the database starts that large (a filler table), and with --backup the sqlite3
// CLI backs it up again and again while each measured run lasts (README's two backups); a large
// --users makes every /escalate a new agent's, hence a write.

#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "tests/bench/backup_loop.hpp"
#include "tests/bench/bench_web_api.hpp"
#include "tests/bench/ledger.hpp"
#include "tests/bench/load_client.hpp"
#include "tests/bench/proc_stats.hpp"
#include "tests/support/http_client/http_client.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::bench {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

struct Options {
    std::string bot = test::BotBinary().string();
    double duration_s = 10;
    std::string concurrency = "1,16,64";
    double rate429 = 0;
    double fault429 = 0;  // any method, seeded (load with faults)
    double fault500 = 0;
    std::uint64_t fault_seed = 20;
    int retry_after_s = 1;
    int latency_ms = 0;
    double warmup_s = 3;
    int users = 50;
    int validate_every = 8;
    std::string log_level = "info";  // the example config's
    int bot_threads = 0;             // 0: the example config's
    int handler_threads = -1;        // -1: the example config's
    double drain_max_s = 20;
    bool keep = false;
    double rate = 0;              // > 0: requests a second (open loop), else closed loop
    int db_mb = 0;                // > 0: the database starts this large
    std::string backup = "none";  // or backup, vacuum-into: run during each measured run
    std::string sqlite3 = "/usr/bin/sqlite3";
};

std::vector<int> ParseList(const std::string& text) {
    std::vector<int> values;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (!item.empty()) values.push_back(std::stoi(item));
    }
    return values;
}

void ReplaceOnce(std::string& text, std::string_view from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("example config has no " + std::string(from));
    text.replace(at, from.size(), to);
}

// The example config with absolute paths, a fresh database in `dir`, and the overrides.
std::filesystem::path WriteConfig(const std::filesystem::path& dir, const Options& options) {
    const std::filesystem::path source = test::SourceDir();
    std::string config = test::ReadFile(source / "config" / "escalation-bot.example.toml");
    ReplaceOnce(config, "path = \"data/escalation-bot.sqlite3\"",
                "path = \"" + (dir / "bot.sqlite3").string() + "\"");
    ReplaceOnce(config, "sop_file = \"config/sop/",
                "sop_file = \"" + (source / "config" / "sop").string() + "/");
    ReplaceOnce(config, "level = \"info\"", "level = \"" + options.log_level + "\"");
    if (options.bot_threads > 0)
        ReplaceOnce(config, "threads = 1", "threads = " + std::to_string(options.bot_threads));
    if (options.handler_threads >= 0)
        ReplaceOnce(config, "handler_threads = 0",
                    "handler_threads = " + std::to_string(options.handler_threads));
    const auto path = dir / "bench.toml";
    std::ofstream(path) << config;
    return path;
}

// A fresh directory for the bot's config, database and log; removed at the end unless kept.
class WorkDir {
public:
    explicit WorkDir(bool keep) : keep_(keep) {
        char name[] = "/tmp/escbot-bench-XXXXXX";
        if (mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = name;
    }
    ~WorkDir() {
        std::error_code ignored;
        if (!keep_) std::filesystem::remove_all(path_, ignored);
    }
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    bool keep_;
};

using test::FreePort;

bool WaitHealthy(std::uint16_t port, test::ChildProcess& bot, std::chrono::seconds timeout) {
    const auto give_up = SteadyClock::now() + timeout;
    while (SteadyClock::now() < give_up && bot.Running()) {
        try {
            test::HttpClient client(port, "127.0.0.1", 1s);
            if (client.Get("/healthz").status == 200) return true;
        } catch (const std::exception&) {
            // not listening yet
        }
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

double Percentile(std::vector<std::uint32_t>& values, double p) {
    if (values.empty()) return -1;
    const auto index = static_cast<std::size_t>(p * double(values.size() - 1) + 0.5);
    std::nth_element(values.begin(), values.begin() + long(index), values.end());
    return values[index] / 1000.0;
}

double Max(const std::vector<std::uint32_t>& values) {
    return values.empty() ? -1 : *std::max_element(values.begin(), values.end()) / 1000.0;
}

double FileMiB(const std::filesystem::path& path) {
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    return ec ? 0 : double(bytes) / (1024.0 * 1024.0);
}

std::string Ms(double value) {
    if (value < 0) return "-";
    char text[32];
    std::snprintf(text, sizeof text, value < 10 ? "%.2f" : (value < 100 ? "%.1f" : "%.0f"), value);
    return text;
}

struct Row {
    int concurrency = 0;
    LoadResult load;
    BenchWebApi::Stats api;
    std::size_t accepted = 0;  // from the ledger (includes requests answered after the timed run)
    std::size_t arrived = 0;   // accepted whose views.open arrived
    std::size_t late = 0;      // ... more than 3 s after being sent
    std::size_t refused_arrived = 0;
    std::size_t duplicated = 0;  // accepted whose views.open was answered ok more than once
    std::size_t faulted = 0;     // accepted whose views.open met a 429 or a 500 at least once
    std::size_t faulted_arrived = 0;  // ... and arrived all the same
    long rss_kib = 0;                 // the bot's RSS after the run (drained)
    double drain_s = 0;
    double bot_cpu_s = 0;
    double bench_cpu_s = 0;
    double busy_cores = 0;
    double wall_s = 0;
    long peak_rss_kib = 0;
    std::optional<BackupLoop::Result> backups;
    double wal_mib = 0;  // the WAL file's size after the run
};

// Waits until every accepted request's views.open arrived, or nothing arrived for `idle`.
double Drain(const Ledger& ledger, const LoadResult& load, const BenchWebApi& api,
             std::chrono::duration<double> max_wait) {
    const auto started = SteadyClock::now();
    std::size_t last = 0;
    auto last_change = started;
    // 429 retries wait Retry-After: allow for two of them before calling it quiet.
    constexpr auto kIdle = 2500ms;
    for (;;) {
        const std::size_t accepted = ledger.Count(load.first_seq, load.end_seq, Ledger::kAccepted);
        const std::size_t arrived = ledger.Count(load.first_seq, load.end_seq,
                                                 Ledger::kAccepted | Ledger::kArrived);
        const auto now = SteadyClock::now();
        if (arrived != last) {
            last = arrived;
            last_change = now;
        }
        if (arrived >= accepted && api.InFlight() == 0) break;
        if (now - last_change > kIdle || now - started > max_wait) break;
        std::this_thread::sleep_for(20ms);
    }
    return std::chrono::duration<double>(SteadyClock::now() - started).count();
}

Row Measure(int concurrency, std::chrono::milliseconds duration, const Options& options,
            LoadGenerator& load, Ledger& ledger, BenchWebApi& api, pid_t bot,
            BackupLoop* backups) {
    Row row;
    row.concurrency = concurrency;
    api.TakeStats();
    const double bot_cpu = ProcessCpuSeconds(bot);
    const double bench_cpu = SelfCpuSeconds();
    const MachineCpu machine = ReadMachineCpu();
    const auto started = SteadyClock::now();

    if (backups) backups->Start();
    row.load = load.Run(concurrency, duration);
    row.drain_s =
        Drain(ledger, row.load, api, std::chrono::duration<double>(options.drain_max_s));
    if (backups) row.backups = backups->Stop();

    row.wall_s = std::chrono::duration<double>(SteadyClock::now() - started).count();
    row.bot_cpu_s = ProcessCpuSeconds(bot) - bot_cpu;
    row.bench_cpu_s = SelfCpuSeconds() - bench_cpu;
    row.busy_cores = BusyCores(machine, ReadMachineCpu(), row.wall_s);
    row.api = api.TakeStats();
    row.accepted = ledger.Count(row.load.first_seq, row.load.end_seq, Ledger::kAccepted);
    row.arrived =
        ledger.Count(row.load.first_seq, row.load.end_seq, Ledger::kAccepted | Ledger::kArrived);
    row.late = ledger.Count(row.load.first_seq, row.load.end_seq,
                            Ledger::kAccepted | Ledger::kArrived | Ledger::kLate);
    row.refused_arrived =
        ledger.Count(row.load.first_seq, row.load.end_seq, Ledger::kRefused | Ledger::kArrived);
    row.duplicated = ledger.Count(row.load.first_seq, row.load.end_seq,
                                  Ledger::kAccepted | Ledger::kDuplicate);
    for (const std::uint8_t fault : {Ledger::kRateLimited, Ledger::kServerError}) {
        // A request that met both is counted once, as a 429.
        const std::uint8_t unless = fault == Ledger::kServerError ? Ledger::kRateLimited : 0;
        row.faulted += ledger.Count(row.load.first_seq, row.load.end_seq,
                                    Ledger::kAccepted | fault, unless);
        row.faulted_arrived += ledger.Count(row.load.first_seq, row.load.end_seq,
                                            Ledger::kAccepted | Ledger::kArrived | fault, unless);
    }
    row.peak_rss_kib = ProcessStatusKib(bot, "VmHWM");
    row.rss_kib = ProcessStatusKib(bot, "VmRSS");
    return row;
}

void PrintHeader() {
    std::printf(
        "| conc | req/s | ack p50 | ack p99 | ack max | arr p50 | arr p99 | arr max | accepted | "
        "busy | err | views.open recv | missing | dup | late >3s | 429s | 500s | bot CPU%% | "
        "bot us/req | RSS MiB | peak RSS MiB | bench CPU%% | busy cores | drain s |\n");
    std::printf(
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        "---:|---:|---:|---:|---:|---:|---:|\n");
}

void PrintRow(Row& row) {
    auto& ack = row.load.ack_us;
    auto& arrival = row.api.arrival_us;
    const double rps = row.load.seconds > 0 ? double(row.load.answered) / row.load.seconds : 0;
    const double us_per_req =
        row.load.answered > 0 ? row.bot_cpu_s * 1e6 / double(row.load.answered) : 0;
    std::printf(
        "| %d | %.0f | %s | %s | %s | %s | %s | %s | %zu | %llu | %llu | %zu | %zu | %zu | %zu | "
        "%llu | %llu | %.0f%% | %.1f | %.1f | %.1f | %.0f%% | %.2f | %.1f |\n",
        row.concurrency, rps, Ms(Percentile(ack, 0.5)).c_str(), Ms(Percentile(ack, 0.99)).c_str(),
        Ms(Max(ack)).c_str(), Ms(Percentile(arrival, 0.5)).c_str(),
        Ms(Percentile(arrival, 0.99)).c_str(), Ms(Max(arrival)).c_str(), row.accepted,
        static_cast<unsigned long long>(row.load.refused),
        static_cast<unsigned long long>(row.load.errors), row.arrived, row.accepted - row.arrived,
        row.duplicated, row.late,
        static_cast<unsigned long long>(row.api.rate_limited + row.api.faulted_429),
        static_cast<unsigned long long>(row.api.faulted_500), 100.0 * row.bot_cpu_s / row.wall_s,
        us_per_req, double(row.rss_kib) / 1024.0, double(row.peak_rss_kib) / 1024.0,
        100.0 * row.bench_cpu_s / row.wall_s, row.busy_cores, row.drain_s);
    std::fflush(stdout);
}

// Every follow-up call over all measured runs: each accepted /escalate owes one views.open
// (a 429 or a 500 must be retried, not lost nor made twice); then every method the fake saw.
void PrintFollowUps(const std::vector<Row>& rows) {
    std::size_t accepted = 0, arrived = 0, duplicated = 0, faulted = 0, faulted_arrived = 0;
    std::map<std::string, BenchWebApi::Stats::PerMethod, std::less<>> methods;
    for (const Row& row : rows) {
        accepted += row.accepted;
        arrived += row.arrived;
        duplicated += row.duplicated;
        faulted += row.faulted;
        faulted_arrived += row.faulted_arrived;
        for (const auto& [method, counts] : row.api.methods) {
            auto& total = methods[method];
            total.calls += counts.calls;
            total.faulted_429 += counts.faulted_429;
            total.faulted_500 += counts.faulted_500;
        }
    }
    std::printf("\nfollow-up views.open over all runs: expected %zu (accepted), arrived %zu, "
                "missing %zu, duplicated %zu; of them %zu met a 429 or 500 first and %zu of "
                "those arrived\n",
                accepted, arrived, accepted - arrived, duplicated, faulted, faulted_arrived);
    // A views.open that cannot be made within the trigger's 3 s (a 429's Retry-After, then
    // another fault) ends in the bot's ephemeral "press again" notice: count those answered.
    const auto notices = methods.find("chat.postEphemeral");
    if (notices != methods.end()) {
        const auto& n = notices->second;
        std::printf("failure notices (chat.postEphemeral answered ok): %llu for %zu requests "
                    "without a modal\n",
                    static_cast<unsigned long long>(n.calls - n.faulted_429 - n.faulted_500),
                    accepted - arrived);
    }
    if (methods.empty()) return;
    std::printf("\n| Web API method | calls received | answered 429 | answered 500 |\n"
                "|---|---:|---:|---:|\n");
    for (const auto& [method, counts] : methods) {
        std::printf("| %s | %llu | %llu | %llu |\n", method.c_str(),
                    static_cast<unsigned long long>(counts.calls),
                    static_cast<unsigned long long>(counts.faulted_429),
                    static_cast<unsigned long long>(counts.faulted_500));
    }
}

int Main(const Options& options) {
    const std::vector<int> levels = ParseList(options.concurrency);
    if (levels.empty()) throw std::invalid_argument("--concurrency: no value");
    const auto duration = std::chrono::milliseconds(static_cast<long>(options.duration_s * 1000));

    WorkDir dir(options.keep);
    const auto db = dir.path() / "bot.sqlite3";
    if (options.db_mb > 0) {
        const double took = FillDatabase(options.sqlite3, db, options.db_mb);
        std::printf("database filled to %.0f MiB in %.1f s\n", FileMiB(db), took);
    }
    std::optional<BackupLoop> backups;
    if (options.backup != "none") {
        backups.emplace(options.sqlite3, db, dir.path() / "backup",
                        ParseBackupKind(options.backup));
    }
    const std::string secret = "bench-signing-secret-0123456789abcdef";
    const std::string token = "xoxb-bench-0000000000-0000000000000-benchtoken000000";
    Ledger ledger;
    BenchWebApiOptions api_options;
    api_options.bot_token = token;
    api_options.rate429 = options.rate429;
    api_options.retry_after_s = options.retry_after_s;
    api_options.fault429 = options.fault429;
    api_options.fault500 = options.fault500;
    api_options.fault_seed = options.fault_seed;
    api_options.latency = std::chrono::milliseconds(options.latency_ms);
    api_options.validate_every = options.validate_every;
    BenchWebApi api(api_options, ledger);

    const std::uint16_t port = FreePort();
    const auto config = WriteConfig(dir.path(), options);
    const auto started = SteadyClock::now();
    test::ChildProcess bot({options.bot, "--config", config.string(), "serve"},
                           {{"PORT", std::to_string(port)},
                            {"SLACK_SIGNING_SECRET", secret},
                            {"SLACK_BOT_TOKEN", token},
                            {"SLACK_APP_TOKEN", ""},
                            {"SLACK_API_BASE_URL", api.BaseUrl()}},
                           dir.path().string());
    if (!WaitHealthy(port, bot, 30s)) {
        std::cerr << "escbot-bench: the bot did not become healthy; its log:\n" << bot.Stderr();
        return 1;
    }
    const double startup_ms =
        std::chrono::duration<double, std::milli>(SteadyClock::now() - started).count();

    std::printf("escbot-bench: bot %s (pid %d), log level %s, %zu s per run, 429 rate %.3g, "
                "faults on every method: 429 %.3g, 500 %.3g (seed %llu), "
                "Web API latency %d ms, %d users, rate %s; load average %.2f\n",
                options.bot.c_str(), bot.pid(), options.log_level.c_str(),
                static_cast<std::size_t>(options.duration_s), options.rate429, options.fault429,
                options.fault500, static_cast<unsigned long long>(options.fault_seed),
                options.latency_ms,
                options.users,
                options.rate > 0 ? (std::to_string(int(options.rate)) + "/s").c_str()
                                 : "closed loop",
                LoadAverage());
    std::printf("healthy %.0f ms after start; RSS %.1f MiB\n", startup_ms,
                double(ProcessStatusKib(bot.pid(), "VmRSS")) / 1024.0);

    LoadOptions load_options;
    load_options.port = port;
    load_options.signing_secret = secret;
    load_options.users = options.users;
    load_options.rate = options.rate;
    LoadGenerator load(load_options, ledger);

    if (options.warmup_s > 0) {
        const int top = *std::max_element(levels.begin(), levels.end());
        const LoadResult warm =
            load.Run(top, std::chrono::milliseconds(static_cast<long>(options.warmup_s * 1000)));
        Drain(ledger, warm, api, std::chrono::duration<double>(options.drain_max_s));
        std::printf("warm-up: %llu requests at concurrency %d; RSS after it %.1f MiB\n",
                    static_cast<unsigned long long>(warm.answered), top,
                    double(ProcessStatusKib(bot.pid(), "VmRSS")) / 1024.0);
    }

    std::printf("\nLatencies in ms. ack: request written -> response read. arr: request sent -> "
                "views.open received by the fake.\naccepted: empty 200; busy: 200 with the bot's "
                "ephemeral refusal; views.open recv: accepted requests whose views.open arrived "
                "(ok); missing = accepted - recv.\n\n");
    PrintHeader();
    std::vector<Row> rows;
    for (const int concurrency : levels) {
        if (!bot.Running()) break;
        rows.push_back(Measure(concurrency, duration, options, load, ledger, api, bot.pid(),
                               backups ? &*backups : nullptr));
        rows.back().wal_mib = FileMiB(dir.path() / "bot.sqlite3-wal");
        PrintRow(rows.back());
    }

    PrintFollowUps(rows);
    const long peak = ProcessStatusKib(bot.pid(), "VmHWM");
    const long rss = ProcessStatusKib(bot.pid(), "VmRSS");
    const BenchWebApi::Stats rest = api.TakeStats();
    bot.Signal(SIGTERM);
    const auto code = bot.Wait(15s);
    std::printf("\nbot: peak RSS %.1f MiB, RSS at the end %.1f MiB, exit code %s after SIGTERM; "
                "fake Web API: %llu auth failures, %llu invalid views over the last run; load "
                "average %.2f\n",
                double(peak) / 1024.0, double(rss) / 1024.0,
                code ? std::to_string(*code).c_str() : "none (killed)",
                static_cast<unsigned long long>(rest.auth_failed),
                static_cast<unsigned long long>(rest.invalid), LoadAverage());
    for (const Row& row : rows) {
        if (row.api.invalid > 0 || row.api.auth_failed > 0 || row.refused_arrived > 0)
            std::printf("conc %d: %llu invalid views, %llu auth failures, %zu views.open for "
                        "refused requests\n",
                        row.concurrency, static_cast<unsigned long long>(row.api.invalid),
                        static_cast<unsigned long long>(row.api.auth_failed), row.refused_arrived);
    }
    for (const Row& row : rows) {
        if (!row.backups) continue;
        std::printf("conc %d: %s during the run: %s; WAL %.1f MiB after it\n", row.concurrency,
                    ToString(ParseBackupKind(options.backup)), Describe(*row.backups).c_str(),
                    row.wal_mib);
        if (!row.backups->last_error.empty())
            std::printf("  last backup error: %s\n", row.backups->last_error.c_str());
    }
    if (options.db_mb > 0 || backups) std::printf("database at the end: %.0f MiB\n", FileMiB(db));
    if (options.keep) std::printf("kept: %s (the bot's log is stderr.log)\n", dir.path().c_str());
    return 0;
}

}  // namespace
}  // namespace escbot::bench

int main(int argc, char** argv) {
    escbot::bench::Options options;
    CLI::App app{"escbot-bench: signed /escalate load against `escalation-bot serve` with a fake "
                 "Slack Web API; prints throughput, latency, CPU per request and peak RSS."};
    app.add_option("--bot", options.bot, "escalation-bot binary")->capture_default_str();
    app.add_option("--duration", options.duration_s, "Seconds per concurrency")
        ->capture_default_str();
    app.add_option("--concurrency", options.concurrency, "Comma-separated connection counts")
        ->capture_default_str();
    app.add_option("--rate429", options.rate429,
                   "Fraction of views.open answered 429 with Retry-After")
        ->capture_default_str();
    app.add_option("--fault429", options.fault429,
                   "Fraction of every Web API call answered 429 with Retry-After (seeded)")
        ->capture_default_str();
    app.add_option("--fault500", options.fault500,
                   "Fraction of every Web API call answered 500 (seeded)")
        ->capture_default_str();
    app.add_option("--fault-seed", options.fault_seed, "Seed of --fault429/--fault500")
        ->capture_default_str();
    app.add_option("--retry-after", options.retry_after_s, "Retry-After seconds of those 429s")
        ->capture_default_str();
    app.add_option("--latency-ms", options.latency_ms, "Delay of every Web API answer")
        ->capture_default_str();
    app.add_option("--warmup", options.warmup_s, "Warm-up seconds at the highest concurrency")
        ->capture_default_str();
    app.add_option("--users", options.users, "Distinct user ids the requests cycle through")
        ->capture_default_str();
    app.add_option("--validate-every", options.validate_every,
                   "Fully check every Nth view the fake receives")
        ->capture_default_str();
    app.add_option("--log-level", options.log_level, "The bot's log level")->capture_default_str();
    app.add_option("--bot-threads", options.bot_threads, "The bot's I/O threads (0: config's)")
        ->capture_default_str();
    app.add_option("--handler-threads", options.handler_threads,
                   "The bot's HTTP handler threads (-1: config's; 0: on the I/O thread)");
    app.add_option("--drain-max", options.drain_max_s, "Longest wait for views.open after a run")
        ->capture_default_str();
    app.add_flag("--keep", options.keep, "Print where the bot's log is");
    app.add_option("--rate", options.rate,
                   "Requests a second over all connections (0: each sends when answered)")
        ->capture_default_str();
    app.add_option("--db-mb", options.db_mb, "Start with a database this large (filler rows)")
        ->capture_default_str();
    app.add_option("--backup", options.backup,
                   "none, backup or vacuum-into: back the database up throughout each run")
        ->capture_default_str();
    app.add_option("--sqlite3", options.sqlite3, "The sqlite3 CLI")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    signal(SIGPIPE, SIG_IGN);
    try {
        return escbot::bench::Main(options);
    } catch (const std::exception& e) {
        std::cerr << "escbot-bench: " << e.what() << "\n";
        return 1;
    }
}
