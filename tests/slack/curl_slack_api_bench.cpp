// Prints what one views.open costs CurlSlackApi: CPU on the caller's thread (Call) and on the API
// thread, with many calls in flight against the loopback fake. Not a test: it asserts nothing.
//   build-x/tests/slack/slack_bench [calls=20000] [view_blocks=20] [max_in_flight]
//   [max_connections]

#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>

#include "bot/slack/curl_slack_api.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace {

double ThreadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

nlohmann::json Modal(int blocks) {
    nlohmann::json view = {{"type", "modal"},
                           {"callback_id", "escalation.qualify"},
                           {"private_metadata", "{\"draft\":12345,\"sop\":\"2024-05\"}"},
                           {"title", {{"type", "plain_text"}, {"text", "Escalate a case"}}},
                           {"submit", {{"type", "plain_text"}, {"text", "Next"}}},
                           {"blocks", nlohmann::json::array()}};
    for (int i = 0; i < blocks; ++i) {
        view["blocks"].push_back(
            {{"type", "input"},
             {"block_id", "b" + std::to_string(i)},
             {"label", {{"type", "plain_text"}, {"text", "Did the homeowner ask for a lead?"}}},
             {"element",
              {{"type", "static_select"},
               {"action_id", "a" + std::to_string(i)},
               {"options",
                {{{"text", {{"type", "plain_text"}, {"text", "Yes"}}}, {"value", "yes"}},
                 {{"text", {{"type", "plain_text"}, {"text", "No"}}}, {"value", "no"}}}}}}});
    }
    return view;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace std::chrono_literals;
    const int calls = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int blocks = argc > 2 ? std::atoi(argv[2]) : 20;

    escbot::test::FakeSlackServer slack;
    escbot::metrics::Registry registry;
    escbot::slack::CurlSlackApiOptions options;
    options.base_url = slack.BaseUrl();
    options.bot_token = slack.options().bot_token;
    options.max_queued = static_cast<std::size_t>(calls) + 1;
    if (argc > 3) options.max_in_flight = static_cast<std::size_t>(std::atoi(argv[3]));
    if (argc > 4) options.max_connections = std::atol(argv[4]);
    escbot::slack::CurlSlackApi api(options, registry);
    const nlohmann::json view = Modal(blocks);
    const bool small = blocks == 0;  // 0 blocks: small chat.postMessage calls instead

    // Warm up: connections open, handles pooled.
    for (int i = 0; i < 200; ++i)
        api.CallAndWait("views.open", {{"trigger_id", "1.2.3"}, {"view", view}});

    std::atomic<int> done{0};
    std::atomic<int> failed{0};
    std::atomic<double> api_thread_cpu_end{0};
    std::promise<void> all_done;
    double api_thread_cpu_start = 0;
    api.CallAndWait("auth.test", {}, {});
    std::promise<double> start_cpu;
    api.Call("auth.test", {}, {},
             [&](const escbot::slack::ApiResult&) { start_cpu.set_value(ThreadCpuSeconds()); });
    api_thread_cpu_start = start_cpu.get_future().get();

    const auto wall_start = std::chrono::steady_clock::now();
    const double caller_cpu_start = ThreadCpuSeconds();
    for (int i = 0; i < calls; ++i) {
        nlohmann::json args = {{"trigger_id", "1.2.3"}, {"view", view}};
        if (small) args = {{"channel", "C1"}, {"text", "hi"}};
        api.Call(small ? "chat.postMessage" : "views.open", std::move(args), {},
                 [&](const escbot::slack::ApiResult& result) {
                     if (!result.ok()) failed.fetch_add(1);
                     if (done.fetch_add(1) + 1 == calls) {
                         api_thread_cpu_end.store(ThreadCpuSeconds());
                         all_done.set_value();
                     }
                 });
    }
    const double caller_cpu = ThreadCpuSeconds() - caller_cpu_start;
    all_done.get_future().wait();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    const double api_cpu = api_thread_cpu_end.load() - api_thread_cpu_start;

    if (small) {
        std::printf("chat.postMessage x%d (small args), failed %d\n", calls, failed.load());
    } else {
        std::printf("views.open x%d, view of %d blocks (%zu bytes), failed %d\n", calls, blocks,
                    view.dump().size(), failed.load());
    }
    std::printf("  wall %.2f s (%.0f calls/s; the single-threaded fake is the bottleneck)\n", wall,
                calls / wall);
    std::printf("  caller thread CPU %.1f us/call (args JSON building + Call)\n",
                caller_cpu / calls * 1e6);
    std::printf("  API thread CPU    %.1f us/call (libcurl + answer parsing + callback)\n",
                api_cpu / calls * 1e6);
    return 0;
}
