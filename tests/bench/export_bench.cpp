// escbot-export-bench: `escalation-bot export` over a large database, measured from outside.
// Fills a fresh SQLite file with N cases (realistic answers, updates, ladders), then runs the
// real binary twice, over a tenth of the cases and over all of them, and prints the wall time,
// the rate and the peak memory (getrusage of the child) of each run: equal peaks mean the
// export streams.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace {

using escbot::test::BotBinary;
using escbot::test::SourceDir;

constexpr int64_t kFirstCreatedAt = 1'767'243'600;  // 2026-01-01 00:00 EST
constexpr int64_t kSpacingSeconds = 30;

void FillDatabase(const std::string& path, long long cases) {
    escbot::storage::sqlite::OpenSqliteStore(path).reset();  // creates the schema
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
    SQLite::Transaction tx(db);
    SQLite::Statement insert(db,
        "INSERT INTO escalation_cases (id, sop_version, status, outcome, homeowner_key, answers,"
        " created_by, created_at, follow_up_due, owner, claimed_at, resolved_at)"
        " VALUES (?1, '2026.12.1', ?2, ?3, ?4, ?5, 'U0AGENT1', ?6, ?7, ?8, ?9, ?10)");
    SQLite::Statement update(db,
        "INSERT INTO escalation_case_updates (case_id, author, kind, text, at)"
        " VALUES (?1, 'U0LEAD1', 'update', 'Called the homeowner back.', ?2)");
    SQLite::Statement ladder(db,
        "INSERT INTO escalation_ladders (case_id, sop_version, tier_id, step, deadline, status,"
        " owner, started_at, ended_at) VALUES (?1, '2026.12.1', 'tier2', 1, ?2, 'accepted',"
        " 'U0TIER2A', ?2, ?2)");
    for (int64_t id = 1; id <= cases; ++id) {
        const int64_t created = kFirstCreatedAt + id * kSpacingSeconds;
        const bool live = id % 10 == 0;
        const std::string answers =
            R"({"homeowner_name":"Homeowner )" + std::to_string(id) +
            R"(","property_address":"12 Main St, Springfield","email":"h)" + std::to_string(id) +
            R"(@example.com","callback_phone":"555-0100","concern_types":["contract","system"],)"
            R"("qualifiers":["legal_counsel"],"key_points_summary":"The homeowner says the )"
            R"(installer promised a rebate that never came and wants the contract reviewed."})";
        insert.bind(1, id);
        insert.bind(2, live ? "transferred" : (id % 3 == 0 ? "resolved" : "claimed"));
        insert.bind(3, live ? "live_ladder" : "follow_up");
        insert.bind(4, "homeowner " + std::to_string(id) + "|12 main st");
        insert.bind(5, answers);
        insert.bind(6, created);
        insert.bind(7, created + int64_t{2 * 86400});
        insert.bind(8, "U0LEAD1");
        insert.bind(9, created + int64_t{3600});
        if (id % 3 == 0) insert.bind(10, created + int64_t{3 * 86400}); else insert.bind(10);
        insert.exec();
        insert.reset();
        if (live) {
            ladder.bind(1, id);
            ladder.bind(2, created + int64_t{10});
            ladder.exec();
            ladder.reset();
        } else {
            update.bind(1, id);
            update.bind(2, created + int64_t{86400});
            update.exec();
            update.reset();
        }
    }
    tx.commit();
}

struct Run {
    double seconds = 0;
    long max_rss_kib = 0;
    std::string err;
    int status = 0;
};

Run RunExport(const std::string& config, const std::string& until, const std::string& dir) {
    const std::string err_path = dir + "/export.err";
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int out = open("/dev/null", O_WRONLY);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, 1);
        dup2(err, 2);
        const std::string binary = BotBinary().string();
        // The example configuration's paths are relative to the repository, as the README runs it.
        if (chdir(SourceDir().c_str()) != 0) _exit(126);
        execl(binary.c_str(), binary.c_str(), "--config", config.c_str(), "export", "--since",
              "2026-01-01", "--until", until.c_str(), "--format", "csv", static_cast<char*>(nullptr));
        _exit(127);
    }
    Run run;
    rusage usage{};
    wait4(pid, &run.status, 0, &usage);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.max_rss_kib = usage.ru_maxrss;
    std::ifstream err(err_path);
    std::getline(err, run.err, '\0');
    while (!run.err.empty() && run.err.back() == '\n') run.err.pop_back();
    return run;
}

std::string IsoAfter(long long cases) {
    const std::time_t t = kFirstCreatedAt + cases * kSpacingSeconds + 1;
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measures escalation-bot export over a large database."};
    long long cases = 1'000'000;
    std::string dir = "/tmp/escbot-export-bench";
    app.add_option("--cases", cases, "How many cases")->capture_default_str();
    app.add_option("--dir", dir, "Scratch directory (the database goes here)")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string db = dir + "/bot.db";
    const auto fill_start = std::chrono::steady_clock::now();
    FillDatabase(db, cases);
    std::printf("filled %lld cases in %.1f s (%.0f MiB)\n", cases,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - fill_start).count(),
                static_cast<double>(std::filesystem::file_size(db)) / (1 << 20));

    std::ifstream example(SourceDir() / "config/escalation-bot.example.toml");
    std::stringstream text;
    text << example.rdbuf();
    std::string config_text = text.str();
    const std::string from = "path = \"data/escalation-bot.sqlite3\"";
    config_text.replace(config_text.find(from), from.size(), "path = \"" + db + "\"");
    const std::string config = dir + "/bot.toml";
    std::ofstream(config) << config_text;

    std::printf("%-12s %10s %12s %14s\n", "cases", "seconds", "cases/s", "peak RSS MiB");
    for (const long long n : {cases / 10, cases}) {
        const Run run = RunExport(config, IsoAfter(n), dir);
        if (run.status != 0) {
            std::fprintf(stderr, "export failed (status %d): %s\n", run.status, run.err.c_str());
            return 1;
        }
        std::printf("%-12lld %10.2f %12.0f %14.1f   (%s)\n", n, run.seconds, n / run.seconds,
                    run.max_rss_kib / 1024.0, run.err.c_str());
    }
    std::filesystem::remove_all(dir);
    return 0;
}
