// Prints what the HTTP server costs per Slack request: throughput and server-side CPU (process
// CPU minus the client threads' CPU) for signed slash commands, interactions and events on
// keep-alive connections over loopback, plus peak RSS. Not a test: it asserts nothing.
//   build-x/tests/http/http_bench [requests=30000] [clients=4] [io_threads=2]

#include <sys/resource.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/sinks/null_sink.h>

#include "bot/core/logging.hpp"
#include "bot/http/http_server.hpp"
#include "tests/support/http_client/slack_http_client.hpp"

namespace {

using namespace std::chrono_literals;

constexpr std::string_view kSecret = "0123456789abcdef0123456789abcdef";

struct Cpu {
    double user = 0;
    double system = 0;
};

double Seconds(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

Cpu CpuNow(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return {Seconds(usage.ru_utime), Seconds(usage.ru_stime)};
}

long PeakRssKib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace escbot;
    const int requests = argc > 1 ? std::atoi(argv[1]) : 30'000;
    const int clients = argc > 2 ? std::atoi(argv[2]) : 4;
    const int io_threads = argc > 3 ? std::atoi(argv[3]) : 2;

    // Every request still formats and redacts its log line; only the final write is skipped.
    logging::Init(logging::Format::kText, "info", std::make_shared<spdlog::sinks::null_sink_mt>());

    ManualClock clock(FromUnix(1'700'000'000));
    metrics::Registry registry;
    http::ServerOptions options;
    options.signing_secret = std::string(kSecret);
    options.threads = io_threads;
    http::HttpServer server(
        options, clock,
        [](const routing::Inbound& in) {
            if (!std::holds_alternative<routing::SlashCommand>(in.payload))
                return routing::Ack::Errors({{"homeowner", "Please fill this in"}});
            return routing::Ack::Empty();
        },
        [] { return true; }, registry);
    server.Start();

    const std::string ts = std::to_string(ToUnix(clock.Now()));
    const std::vector<test::SignedRequest> mix = {
        test::SlashCommandRequest(kSecret, ts, "/escalate", "case 12345 callback requested"),
        test::InteractionRequest(kSecret, ts,
                                 test::ViewSubmissionPayload({.callback_id = "qualify"})),
        test::InteractionRequest(kSecret, ts, test::BlockActionPayload({.action_id = "claim"})),
        test::EventRequest(kSecret, ts,
                           test::EventCallback({{"type", "app_home_opened"}, {"user", "U1"}})),
    };

    std::atomic<int> failures{0};
    std::atomic<long long> client_user_us{0};
    std::atomic<long long> client_system_us{0};
    const Cpu process_before = CpuNow(RUSAGE_SELF);
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            test::SlackHttpClient slack(server.port(), std::string(kSecret), clock);
            const Cpu before = CpuNow(RUSAGE_THREAD);
            for (int i = c; i < requests; i += clients) {
                if (slack.Send(mix[static_cast<std::size_t>(i) % mix.size()]).status != 200)
                    ++failures;
            }
            const Cpu after = CpuNow(RUSAGE_THREAD);
            client_user_us += static_cast<long long>((after.user - before.user) * 1e6);
            client_system_us += static_cast<long long>((after.system - before.system) * 1e6);
        });
    }
    for (auto& thread : threads) thread.join();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const Cpu process_after = CpuNow(RUSAGE_SELF);
    const double server_user =
        process_after.user - process_before.user - static_cast<double>(client_user_us.load()) / 1e6;
    const double server_system = process_after.system - process_before.system -
                                 static_cast<double>(client_system_us.load()) / 1e6;
    server.Stop(1s);

    std::printf("requests        %d (%d keep-alive clients, %d I/O threads), failures %d\n",
                requests, clients, io_threads, failures.load());
    std::printf("throughput      %.0f req/s (clients and server share the machine)\n",
                requests / wall);
    std::printf("server CPU      %.1f us/request: user %.1f + kernel %.1f (TCP, epoll)\n",
                (server_user + server_system) / requests * 1e6, server_user / requests * 1e6,
                server_system / requests * 1e6);
    std::printf("peak RSS        %.1f MiB\n", static_cast<double>(PeakRssKib()) / 1024.0);
    return failures.load() == 0 ? 0 : 1;
}
