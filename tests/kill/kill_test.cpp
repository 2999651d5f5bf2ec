// escbot-kill-test: nothing lost, nothing twice, whatever kills the bot (issue 20).
//
// Runs the real `escalation-bot serve` (a child process) against a fake Slack that answers a
// seeded mix of ok, 429, 500, slow answers (past the bot's timeout), lost answers (the post is
// taken, the answer never comes back) and resets, while agents, leads and Concert contacts
// stream in every flow over signed HTTP: escalations that wait (case thread, then a Claim) and
// that do not (the live ladder, then an Answer click on the page), Concert requests (then a
// Confirm click). It kills the bot with SIGKILL at random moments, half of them the instant a
// chat.postMessage reaches Slack, and starts it again on the same database each time. Then it
// stops the load and the faults, lets the last life drain the outbox, stops it, and counts:
// posts lost, posts twice, bot messages that name no outbox item, acknowledged actions whose
// effect is missing from the database. Exit 0 only when all are 0.
//
//   build/tests/kill/escbot-kill-test [--kills 50] [--seed 1] [--threads 3] [--keep]
//       [--rate429 0.05] [--rate500 0.05] [--rate-slow 0.03] [--rate-lost 0.05]
//       [--rate-reset 0.03] [--bot PATH]
//
// tests/kill/run-kill-test wraps it; ctest runs a 10-kill version (kill_test_short).

#include <signal.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "tests/kill/kill_count.hpp"
#include "tests/kill/kill_flows.hpp"
#include "tests/support/http_client/http_client.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::kill {
namespace {

using namespace std::chrono_literals;

struct Options {
    std::string bot = test::BotBinary().string();
    int kills = 50;
    unsigned seed = 1;
    int threads = 3;
    bool keep = false;
    double rate429 = 0.05;
    double rate500 = 0.05;
    double rate_slow = 0.03;
    double rate_lost = 0.05;
    double rate_reset = 0.03;
};

constexpr const char* kSecret = "kill-test-signing-secret";

void ReplaceOnce(std::string& text, std::string_view from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("example config has no " + std::string(from));
    text.replace(at, from.size(), to);
}

// The example config with a fresh database in `dir`, a 1 s Slack timeout (so that slow answers
// time out: their outcome is unknown) and rotations on duty around the clock, so that every flow
// pages someone whatever the hour the test runs at.
std::filesystem::path WriteConfig(const std::filesystem::path& dir) {
    const std::filesystem::path source = test::SourceDir();
    std::string config = test::ReadFile(source / "config" / "escalation-bot.example.toml");
    ReplaceOnce(config, "path = \"data/escalation-bot.sqlite3\"",
                "path = \"" + (dir / "bot.sqlite3").string() + "\"");
    ReplaceOnce(config, "sop_file = \"config/sop/",
                "sop_file = \"" + (source / "config" / "sop").string() + "/");
    ReplaceOnce(config, "timeout_ms = 10000", "timeout_ms = 1000");
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
    const auto path = dir / "kill.toml";
    std::ofstream(path) << config;
    return path;
}

using test::FreePort;

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

// escbot_outbox_depth from /metrics; -1 when it cannot be read.
double OutboxDepth(std::uint16_t port) {
    try {
        test::HttpClient client(port, "127.0.0.1", 2s);
        const std::string body = client.Get("/metrics").body;
        const std::string name = "\nescbot_outbox_depth ";
        const auto at = body.find(name);
        if (at == std::string::npos) return -1;
        return std::stod(body.substr(at + name.size()));
    } catch (const std::exception&) {
        return -1;
    }
}

class WorkDir {
public:
    explicit WorkDir(bool keep) : keep_(keep) {
        char name[] = "/tmp/escbot-kill-XXXXXX";
        if (mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = name;
    }
    ~WorkDir() {
        std::error_code ignored;
        if (!keep_) std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    bool keep_;
    std::filesystem::path path_;
};

int Run(const Options& options) {
    WorkDir dir(options.keep);
    const auto config = WriteConfig(dir.path());
    const std::uint16_t port = FreePort();

    test::FakeSlackOptions slack_options;
    slack_options.clock = [] { return std::chrono::system_clock::now(); };
    test::FakeSlackServer slack(slack_options);
    test::FaultPlan faults;
    faults.seed = options.seed;
    faults.rate429 = options.rate429;
    faults.rate500 = options.rate500;
    faults.rate_slow = options.rate_slow;
    faults.rate_lost_answer = options.rate_lost;
    faults.rate_reset = options.rate_reset;
    faults.slow = 1'500ms;  // past the bot's 1 s timeout
    faults.methods = {"chat.postMessage",      "chat.update",          "chat.postEphemeral",
                      "conversations.history", "conversations.replies", "conversations.open"};
    slack.SetFaults(faults);

    int life = 0;
    auto start_bot = [&] {
        const auto life_dir = dir.path() / ("life-" + std::to_string(++life));
        std::filesystem::create_directories(life_dir);
        auto bot = std::make_unique<test::ChildProcess>(
            std::vector<std::string>{options.bot, "--config", config.string(), "serve"},
            std::map<std::string, std::string>{{"PORT", std::to_string(port)},
                                               {"SLACK_SIGNING_SECRET", kSecret},
                                               {"SLACK_BOT_TOKEN", slack.options().bot_token},
                                               {"SLACK_APP_TOKEN", ""},
                                               {"SLACK_API_BASE_URL", slack.BaseUrl()}},
            life_dir.string());
        if (!WaitHealthy(port, *bot, 30s)) {
            std::cerr << "the bot did not start (life " << life << "):\n" << bot->Stderr();
            throw std::runtime_error("bot did not start");
        }
        return bot;
    };

    const auto started = std::chrono::steady_clock::now();
    auto bot = start_bot();
    FlowRunner runner(port, kSecret, slack);
    std::atomic<bool> stop{false};
    std::vector<std::thread> load;
    for (int t = 0; t < options.threads; ++t) {
        load.emplace_back([&, t] { runner.Run(options.seed * 100 + t + 1, stop); });
    }

    std::mt19937 rng(options.seed);
    int during_sends = 0;
    for (int kill = 1; kill <= options.kills; ++kill) {
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 1500)(rng)));
        if (std::bernoulli_distribution(0.5)(rng)) {
            // The instant a post reaches Slack: its answer is on its way, or lost with the bot.
            const auto posts = slack.CallCount("chat.postMessage");
            if (slack.WaitForCalls("chat.postMessage", posts + 1, 3s)) ++during_sends;
        }
        bot->Signal(SIGKILL);
        bot->Wait(10s);
        bot = start_bot();
    }
    stop = true;
    for (auto& thread : load) thread.join();

    // The last life drains what is owed, without faults.
    // The depth gauge is refreshed at least every idle poll (5 s): empty twice, 6 s apart.
    slack.ClearFaults();
    const auto drain_until = std::chrono::steady_clock::now() + 180s;
    for (int empty = 0; empty < 2 && std::chrono::steady_clock::now() < drain_until;) {
        if (OutboxDepth(port) == 0) {
            if (++empty < 2) std::this_thread::sleep_for(6s);
        } else {
            empty = 0;
            std::this_thread::sleep_for(200ms);
        }
    }
    bot->Signal(SIGTERM);
    bot->Wait(20s);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const Tally tally = Count((dir.path() / "bot.sqlite3").string(), slack, runner.acked());
    // Posts Slack had taken while their answer was lost: each would have been a duplicate.
    int found = 0;
    for (int i = 1; i <= life; ++i) {
        const std::string log = test::ReadFile(dir.path() / ("life-" + std::to_string(i)) / "stderr.log");
        for (auto at = log.find("found in Slack"); at != std::string::npos;
             at = log.find("found in Slack", at + 1)) {
            ++found;
        }
    }
    std::cout << "kill test: seed " << options.seed << ", " << options.kills << " SIGKILLs ("
              << during_sends << " the instant a post reached Slack), " << life << " lives, "
              << seconds << " s\n"
              << "  flows started " << runner.flows_started() << ", cut short "
              << runner.flows_abandoned() << "; Slack calls " << slack.CallCount() << "\n"
              << "  posts (outbox items) " << tally.posts << ": lost " << tally.lost
              << ", duplicates " << tally.duplicates << " (pending " << tally.posts_pending
              << ", failed " << tally.posts_failed << "), untracked messages " << tally.untracked
              << "\n"
              << "  other items " << tally.other_items << ": unsent " << tally.other_unsent << "\n"
              << "  acknowledged actions " << tally.acked << ": effect missing "
              << tally.missing_effects << "\n"
              << "  lookups: conversations.history " << slack.CallCount("conversations.history")
              << ", conversations.replies " << slack.CallCount("conversations.replies")
              << "; posts found by a lookup instead of sent again " << found << "\n";
    for (const auto& line : tally.problems) std::cout << "  problem: " << line << "\n";
    if (options.keep) std::cout << "  kept " << dir.path() << "\n";
    if (tally.posts == 0 || tally.acked == 0) {
        std::cout << "FAIL: the load produced nothing to check\n";
        return 1;
    }
    std::cout << (tally.Clean() ? "PASS" : "FAIL") << "\n";
    return tally.Clean() ? 0 : 1;
}

}  // namespace
}  // namespace escbot::kill

int main(int argc, char** argv) {
    escbot::kill::Options options;
    CLI::App app{"escbot-kill-test: SIGKILL the bot at random moments; count lost and doubled posts"};
    app.add_option("--bot", options.bot, "the escalation-bot binary");
    app.add_option("--kills", options.kills, "SIGKILLs (each followed by a restart)");
    app.add_option("--seed", options.seed, "seeds the faults, the flows and the kill moments");
    app.add_option("--threads", options.threads, "flows running at once");
    app.add_option("--rate429", options.rate429, "share of calls answered 429");
    app.add_option("--rate500", options.rate500, "share of calls answered 500");
    app.add_option("--rate-slow", options.rate_slow, "share answered after the bot's timeout");
    app.add_option("--rate-lost", options.rate_lost, "share taken whose answer is lost");
    app.add_option("--rate-reset", options.rate_reset, "share reset before Slack takes them");
    app.add_flag("--keep", options.keep, "keep the work directory (config, database, logs)");
    CLI11_PARSE(app, argc, argv);
    signal(SIGPIPE, SIG_IGN);
    try {
        return escbot::kill::Run(options);
    } catch (const std::exception& e) {
        std::cerr << "escbot-kill-test: " << e.what() << "\n";
        return 2;
    }
}
