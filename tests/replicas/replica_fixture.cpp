#include "tests/replicas/replica_fixture.hpp"

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <thread>

#include "storage/postgres/connection.hpp"
#include "tests/support/http_client/http_client.hpp"
#include "tests/support/paths.hpp"

namespace escbot::replicas {
namespace {

using namespace std::chrono_literals;

void ReplaceOnce(std::string& text, std::string_view from, const std::string& to,
                 const std::string& file) {
    const auto at = text.find(from);
    if (at == std::string::npos) {
        throw std::runtime_error(file + " has no `" + std::string(from) +
                                 "` any more: update the replica test's fixture");
    }
    text.replace(at, from.size(), to);
}

std::string Seconds(int s) { return "\"" + std::to_string(s) + "s\""; }

// The SOP files as test copies: seconds-long ladder windows and cadences.
std::filesystem::path WriteTestSops(const std::filesystem::path& dir, const ShortTimers& t) {
    const std::filesystem::path from = test::SourceDir() / "config" / "sop";
    const std::filesystem::path to = dir / "sop";
    std::filesystem::create_directories(to);
    for (const auto& entry : std::filesystem::directory_iterator(from)) {
        if (entry.path().extension() != ".toml") continue;
        std::string text = test::ReadFile(entry.path());
        const std::string name = entry.path().filename().string();
        if (name == "escalation.toml") {
            ReplaceOnce(text, "window_seconds = 30",
                        "window_seconds = " + std::to_string(t.ladder_window_s), name);
            ReplaceOnce(text, "due_soon = \"24bh\"", "due_soon = " + Seconds(t.due_soon_s), name);
            ReplaceOnce(text, "due = \"48bh\"", "due = " + Seconds(t.due_s), name);
        } else if (name == "installer_complaints.toml") {
            ReplaceOnce(text, "chase_every = \"2bd\"", "chase_every = " + Seconds(t.chase_every_s),
                        name);
            ReplaceOnce(text, "owner_reminder_after = \"1w\"",
                        "owner_reminder_after = " + Seconds(t.owner_reminder_s), name);
        }
        std::ofstream(to / entry.path().filename()) << text;
    }
    return to;
}

}  // namespace

std::filesystem::path WriteConfig(const std::filesystem::path& dir, const ShortTimers* timers) {
    const std::filesystem::path source = test::SourceDir();
    const std::string file = "escalation-bot.example.toml";
    std::string config = test::ReadFile(source / "config" / file);
    ReplaceOnce(config, "path = \"data/escalation-bot.sqlite3\"",
                "path = \"" + (dir / "unused.sqlite3").string() + "\"", file);  // DATABASE_URL wins
    const std::filesystem::path sops =
        timers != nullptr ? WriteTestSops(dir, *timers) : source / "config" / "sop";
    ReplaceOnce(config, "sop_file = \"config/sop/", "sop_file = \"" + sops.string() + "/", file);
    ReplaceOnce(config, "timeout_ms = 10000", "timeout_ms = 1000", file);
    if (timers != nullptr) {
        // Business time around the clock: the cadences run on elapsed seconds whatever the day.
        ReplaceOnce(config,
                    "days = [\"weekdays\"]\nstart = \"09:00\"\nend = \"18:00\"\n"
                    "holiday_calendar = \"us_company\"",
                    "days = [\"daily\"]\nstart = \"00:00\"\nend = \"24:00\"", file);
    }
    config = config.substr(0, config.find("\n[rotations."));
    const auto rotation = [](const std::string& name, const std::string& users) {
        return "\n[rotations." + name + "]\ntime_zone = \"America/New_York\"\n[[rotations." + name +
               ".windows]]\ndays = [\"daily\"]\nstart = \"00:00\"\nend = \"24:00\"\nusers = [" +
               users + "]\n";
    };
    config += rotation("concert_confirmation", "\"U0CONCERT1\", \"U0CONCERT2\"");
    config += rotation("tier2", "\"U0TIER2001\", \"U0TIER2002\"");
    config += rotation("resolution_leads", "\"U0LEAD00001\", \"U0LEAD00002\"");
    config += rotation("supervisors", "\"U0SUPERV001\"");
    const auto path = dir / "replica.toml";
    std::ofstream(path) << config;
    return path;
}

Schema::Schema(std::string url) : url_(std::move(url)) {
    name_ = "replicas_" + std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}());
    storage::postgres::Connection(url_, "").Exec("CREATE SCHEMA " + name_);
}

Schema::~Schema() {
    try {
        storage::postgres::Connection(url_, "").Exec("DROP SCHEMA " + name_ + " CASCADE");
    } catch (const std::exception&) {
    }
}

std::string Schema::BotUrl() const {
    return url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
           "options=-c%20search_path%3D" + name_;
}

long long Schema::Count(const std::string& sql) const {
    storage::postgres::Connection db(url_, name_);
    auto q = db.Prepare(sql);
    q->executeStep();
    return q->getColumn(0).getInt64();
}

std::vector<std::vector<std::string>> Schema::Rows(const std::string& sql, int columns) const {
    storage::postgres::Connection db(url_, name_);
    auto q = db.Prepare(sql);
    std::vector<std::vector<std::string>> rows;
    while (q->executeStep()) {
        std::vector<std::string> row;
        for (int i = 0; i < columns; ++i) row.push_back(q->getColumn(i).getString());
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string ClaimedBy(int pid) { return " claimed_by LIKE '%:" + std::to_string(pid) + ":%'"; }

bool WaitHealthy(std::uint16_t port, test::ChildProcess& bot, std::chrono::seconds timeout) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < give_up) {
        if (!bot.Running()) return false;
        try {
            test::HttpClient client(port, "127.0.0.1", 1s);
            if (client.Get("/healthz").status == 200) return true;
        } catch (const std::exception&) {
        }
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

Replica::Replica(const std::string& bot, const std::filesystem::path& config,
                 const std::filesystem::path& work, const std::string& database_url,
                 const test::FakeSlackServer& slack)
    : port_(test::FreePort()) {
    std::filesystem::create_directories(work);
    process_ = std::make_unique<test::ChildProcess>(
        std::vector<std::string>{bot, "--config", config.string(), "serve"},
        std::map<std::string, std::string>{{"PORT", std::to_string(port_)},
                                           {"DATABASE_URL", database_url},
                                           {"SLACK_SIGNING_SECRET", kSecret},
                                           {"SLACK_BOT_TOKEN", slack.options().bot_token},
                                           {"SLACK_APP_TOKEN", ""},
                                           {"SLACK_API_BASE_URL", slack.BaseUrl()}},
        work.string());
    if (!WaitHealthy(port_, *process_, 30s)) {
        std::cerr << "replica in " << work << " did not start:\n" << process_->Stderr();
        throw std::runtime_error("bot did not start");
    }
}

long long UnixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int RunBesideTestServer(const char* program, const std::vector<const char*>& variables,
                        const std::function<int(const std::vector<std::string>&)>& run) {
    signal(SIGPIPE, SIG_IGN);  // a replica killed mid-request must not end the test
    std::vector<std::string> values;
    for (const char* name : variables) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') {
            std::cout << "skipped: no PostgreSQL server for this test (" << name
                      << " is not set; run through deploy/with-postgres.sh, as deploy/test.sh "
                         "does)\n";
            return 77;
        }
        values.emplace_back(value);
    }
    try {
        return run(values);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 2;
    }
}

}  // namespace escbot::replicas
