// page-delay-bench: how long a live-ladder page waits before Slack takes it, at a busy hour.
//
// The real outbox (SQLite file, OutboxWorker with production pacing: one chat.postMessage per
// channel per second, 16 in flight) sends through the real CurlSlackApi to the fake Slack, which
// answers a share of chat.postMessage calls with 429 + Retry-After. A load thread enqueues, in
// the shapes and lanes the flows use: ladders (a page in the live-escalation channel, the agent's
// status DM, a second page and the first one's closing update 30 s later), agreed-to-wait cases
// (a root post and three thread replies in the Resolution Team channel, a DM), and Concert
// requests (a post, a thread reply, a DM). Prints the page delay (enqueued -> Slack's answer)
// p50/p90/p99/max, and the same for case posts. --no-priority gives pages the priority of any
// other post (the behaviour before ladder pages went first). Not a test: it asserts nothing.
//
//   build/tests/bench/page-delay-bench [--duration 60] [--ladders-per-min 12]
//       [--cases-per-min 30] [--concert-per-min 30] [--rate429 0.05] [--retry-after 2]
//       [--latency-ms 20] [--no-priority] [--seed 1]

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "bot/core/logging.hpp"
#include "bot/slack/curl_slack_api.hpp"
#include "bot/slack/outbox_worker.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/paths.hpp"

namespace escbot::bench {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* kLiveChannel = "C0LIVEESC01";
constexpr const char* kCaseChannel = "C0RESOLUTN1";
constexpr const char* kConcertChannel = "C0SUPPORTCS";

struct Options {
    double duration_s = 60;
    double ladders_per_min = 12;
    double cases_per_min = 30;
    double concert_per_min = 30;
    double rate429 = 0.05;
    int retry_after_s = 2;
    int latency_ms = 20;
    bool no_priority = false;
    unsigned seed = 1;
    double drain_max_s = 300;
};

storage::OutboxItem Post(std::string channel, std::string text, std::string lane,
                         std::string result_key = "", std::string thread_key = "") {
    storage::OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", std::move(channel)}, {"text", std::move(text)}};
    item.lane = std::move(lane);
    item.result_key = std::move(result_key);
    item.thread_key = std::move(thread_key);
    return item;
}

/// Enqueues the busy hour's outbox items and remembers when each measured post was queued.
class Load {
public:
    Load(storage::Store& store, const Clock& clock, const Options& options)
        : store_(store), clock_(clock), options_(options), rng_(options.seed) {}

    void Run() {
        const auto start = SteadyClock::now();
        const auto end = start + std::chrono::duration<double>(options_.duration_s);
        double ladders = 0, cases = 0, concerts = 0;
        constexpr double kTick = 0.1;  // seconds
        for (auto now = start; now < end; now = SteadyClock::now()) {
            ladders += Arrivals(options_.ladders_per_min, kTick);
            cases += Arrivals(options_.cases_per_min, kTick);
            concerts += Arrivals(options_.concert_per_min, kTick);
            std::vector<storage::OutboxItem> items;
            for (; ladders >= 1; ladders -= 1) StartLadder(items);
            for (; cases >= 1; cases -= 1) NewCase(items);
            for (; concerts >= 1; concerts -= 1) NewConcert(items);
            SecondSteps(items, now);
            Enqueue(items);
            std::this_thread::sleep_until(now + std::chrono::duration_cast<SteadyClock::duration>(
                                                    std::chrono::duration<double>(kTick)));
        }
    }

    std::map<std::string, SteadyClock::time_point> queued() {
        std::lock_guard lock(mutex_);
        return queued_;
    }

private:
    double Arrivals(double per_min, double tick_s) {
        // Poisson-ish: the expected count plus jitter, so arrivals bunch as they do.
        std::uniform_real_distribution<double> jitter(0.0, 2.0);
        return per_min / 60.0 * tick_s * jitter(rng_);
    }

    storage::OutboxItem Page(long long ladder, int step) {
        const std::string key = "case:" + std::to_string(ladder) + ":ping:" + std::to_string(step);
        storage::OutboxItem page = Post(kLiveChannel, "page#" + std::to_string(ladder) + "." + std::to_string(step), key, key);
        page.priority = options_.no_priority ? 0 : storage::kPagePriority;
        page.notify_user = "U0AGENT001";
        return page;
    }

    void StartLadder(std::vector<storage::OutboxItem>& items) {
        const long long id = ++ladders_;
        items.push_back(Page(id, 1));
        items.push_back(Post("U0AGENT" + std::to_string(id % 40), "status " + std::to_string(id),
                             "case:" + std::to_string(id) + ":agent"));
        std::lock_guard lock(mutex_);
        second_steps_.push_back({SteadyClock::now() + 30s, id});
    }

    void SecondSteps(std::vector<storage::OutboxItem>& items, SteadyClock::time_point now) {
        std::lock_guard lock(mutex_);
        while (!second_steps_.empty() && second_steps_.front().first <= now) {
            const long long id = second_steps_.front().second;
            second_steps_.erase(second_steps_.begin());
            storage::OutboxItem closed;
            closed.method = "chat.update";
            closed.args = {{"channel", kLiveChannel}, {"text", "page closed"}};
            closed.lane = "case:" + std::to_string(id) + ":ping:1";
            closed.ts_key = closed.lane;
            items.push_back(closed);
            items.push_back(Page(id, 2));
        }
    }

    void NewCase(std::vector<storage::OutboxItem>& items) {
        const long long id = 100000 + ++cases_;
        const std::string lane = "case:" + std::to_string(id);
        const std::string root = lane + ":root";
        items.push_back(Post(kCaseChannel, "case " + std::to_string(id), lane, root));
        for (int i = 1; i <= 3; ++i) {
            items.push_back(Post(kCaseChannel, "reply " + std::to_string(i), lane, "", root));
        }
        items.push_back(Post("U0AGENT" + std::to_string(id % 40), "crm text", lane + ":agent"));
    }

    void NewConcert(std::vector<storage::OutboxItem>& items) {
        const long long id = ++concerts_;
        const std::string lane = "concert:" + std::to_string(id);
        items.push_back(Post(kConcertChannel, "concert " + std::to_string(id), lane, lane + ":root"));
        items.push_back(Post(kConcertChannel, "tagged", lane, "", lane + ":root"));
        items.push_back(Post("U0AGENT" + std::to_string(id % 40), "requested", "dm:U0AGENT" + std::to_string(id % 40)));
    }

    void Enqueue(const std::vector<storage::OutboxItem>& items) {
        if (items.empty()) return;
        const auto at = SteadyClock::now();
        store_.Write([&](storage::UnitOfWork& u) {
            for (const auto& item : items) u.Outbox().Enqueue(item, clock_.Now());
        });
        std::lock_guard lock(mutex_);
        for (const auto& item : items) {
            const std::string text = item.args.value("text", "");
            if (text.rfind("page#", 0) == 0 || text.rfind("case ", 0) == 0) queued_[text] = at;
        }
    }

    storage::Store& store_;
    const Clock& clock_;
    const Options& options_;
    std::minstd_rand rng_;
    long long ladders_ = 0, cases_ = 0, concerts_ = 0;
    std::mutex mutex_;
    std::vector<std::pair<SteadyClock::time_point, long long>> second_steps_;
    std::map<std::string, SteadyClock::time_point> queued_;
};

struct Delays {
    std::vector<double> seconds;
    std::size_t expected = 0;

    double Percentile(double p) const {
        if (seconds.empty()) return 0;
        std::vector<double> sorted = seconds;
        std::sort(sorted.begin(), sorted.end());
        const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
        return sorted[std::min(index, sorted.size() - 1)];
    }
    void Print(const char* what) const {
        std::printf("%-11s %5zu/%-5zu taken   p50 %6.1f s   p90 %6.1f s   p99 %6.1f s   max %6.1f s\n",
                    what, seconds.size(), expected, Percentile(0.5), Percentile(0.9), Percentile(0.99),
                    Percentile(1.0));
    }
};

/// Enqueued -> Slack's first ok answer, for the posts whose text starts with `prefix`.
Delays Measure(const test::FakeSlackServer& slack,
               const std::map<std::string, SteadyClock::time_point>& queued, std::string_view prefix) {
    Delays delays;
    std::map<std::string, SteadyClock::time_point> taken;
    for (const auto& call : slack.Calls("chat.postMessage")) {
        if (!call.answered || call.status != 200 || !call.response.value("ok", false)) continue;
        const std::string text = call.args.value("text", "");
        if (text.rfind(prefix, 0) != 0) continue;
        taken.emplace(text, call.answered_at);
    }
    for (const auto& [text, at] : queued) {
        if (text.rfind(prefix, 0) != 0) continue;
        ++delays.expected;
        if (const auto it = taken.find(text); it != taken.end()) {
            delays.seconds.push_back(std::chrono::duration<double>(it->second - at).count());
        }
    }
    return delays;
}

/// The fake's answers to chat.postMessage: a share of 429s at random, the rest after `latency`.
void ScriptFaults(test::FakeSlackServer& slack, const Options& options, std::size_t calls) {
    std::minstd_rand rng(options.seed * 7919u);
    std::bernoulli_distribution fault(options.rate429);
    for (std::size_t i = 0; i < calls; ++i) {
        slack.Script("chat.postMessage",
                     fault(rng) ? test::ScriptedAnswer::RateLimited(options.retry_after_s)
                                : test::ScriptedAnswer::Delayed(std::chrono::milliseconds(options.latency_ms)));
    }
}

int Run(const Options& options) {
    logging::Init(logging::Format::kText, "error");
    test::TempDir dir;
    test::FakeSlackServer slack;
    const double minutes = options.duration_s / 60.0;
    const double posts = minutes * (options.ladders_per_min * 4 + options.cases_per_min * 5 +
                                    options.concert_per_min * 3);
    ScriptFaults(slack, options, static_cast<std::size_t>(posts * 2 + 1000));

    SystemClock clock;
    metrics::Registry registry;
    auto store = storage::sqlite::OpenSqliteStore((dir / "bench.sqlite3").string());
    slack::CurlSlackApiOptions api_options;
    api_options.base_url = slack.BaseUrl();
    api_options.bot_token = slack.options().bot_token;
    slack::CurlSlackApi api(api_options, registry);
    slack::OutboxWorker worker(*store, api, clock, registry);  // production options
    store->SetOnOutboxCommit([&] { worker.Notify(); });
    worker.Start();

    std::printf("page-delay-bench: %.0f s at %.0f ladders, %.0f cases, %.0f Concert requests a minute; "
                "%.0f%% of chat.postMessage answered 429 (Retry-After %d s); pages %s\n",
                options.duration_s, options.ladders_per_min, options.cases_per_min,
                options.concert_per_min, options.rate429 * 100, options.retry_after_s,
                options.no_priority ? "at the priority of any post (before)" : "first (after)");
    std::fflush(stdout);
    Load load(*store, clock, options);
    load.Run();

    // Wait until every page was taken (or the bound passes); case posts may still queue.
    const auto queued = load.queued();
    const auto give_up = SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(
                                                  std::chrono::duration<double>(options.drain_max_s));
    while (SteadyClock::now() < give_up) {
        const Delays pages = Measure(slack, queued, "page#");
        if (pages.seconds.size() >= pages.expected) break;
        std::this_thread::sleep_for(200ms);
    }
    worker.Stop();
    api.Stop();
    store->SetOnOutboxCommit({});

    Measure(slack, queued, "page#").Print("pages");
    Measure(slack, queued, "case ").Print("case posts");
    std::size_t limited = 0;
    for (const auto& call : slack.Calls("chat.postMessage")) limited += call.status == 429 ? 1 : 0;
    std::printf("chat.postMessage calls %zu, of which 429: %zu\n", slack.CallCount("chat.postMessage"), limited);
    return 0;
}

}  // namespace
}  // namespace escbot::bench

int main(int argc, char** argv) {
    escbot::bench::Options options;
    CLI::App app{"Live-ladder page delay under a busy hour's outbox load (see the file's header)."};
    app.add_option("--duration", options.duration_s, "Seconds of load");
    app.add_option("--ladders-per-min", options.ladders_per_min, "Live ladders started a minute");
    app.add_option("--cases-per-min", options.cases_per_min, "Agreed-to-wait cases a minute");
    app.add_option("--concert-per-min", options.concert_per_min, "Concert requests a minute");
    app.add_option("--rate429", options.rate429, "Share of chat.postMessage answered 429");
    app.add_option("--retry-after", options.retry_after_s, "Retry-After of the 429s, seconds");
    app.add_option("--latency-ms", options.latency_ms, "The fake's answer delay");
    app.add_flag("--no-priority", options.no_priority, "Pages at the priority of any post (before)");
    app.add_option("--seed", options.seed, "Random seed");
    app.add_option("--drain-max", options.drain_max_s, "Seconds to wait for the last pages");
    CLI11_PARSE(app, argc, argv);
    return escbot::bench::Run(options);
}
