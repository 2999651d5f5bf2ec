#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/bench/ledger.hpp"

namespace escbot::bench {

struct LoadOptions {
    std::uint16_t port = 0;
    std::string signing_secret;
    std::string path = "/slack/events";
    int users = 50;  // requests cycle through U0000001 ... like the shared harness
    std::chrono::seconds io_timeout{10};
    /// > 0: requests a second over all connections, each connection sending on its own schedule
    /// (open loop while the bot keeps up); 0: each sends as soon as its previous one is answered.
    double rate = 0;
};

/// What one closed-loop run measured on the client side.
struct LoadResult {
    std::uint64_t first_seq = 0;  // the run's requests are [first_seq, end_seq) in the ledger
    std::uint64_t end_seq = 0;
    double seconds = 0;            // from the first request to the last answer
    std::uint64_t answered = 0;    // responses read (any status)
    std::uint64_t accepted = 0;    // empty 200
    std::uint64_t refused = 0;     // 200 with a message (the bot's "busy" ephemeral)
    std::uint64_t errors = 0;      // other statuses, connection failures, timeouts
    std::vector<std::uint32_t> ack_us;  // write of the request -> whole response read
};

/// Sends signed `/escalate` slash commands, form-encoded and signed exactly as Slack does (the
/// shared harness's fields), over `connections` keep-alive connections in a closed loop: each
/// connection sends its next request as soon as the previous one is answered. trigger_id is
/// `<seq>.<sent_us>.<tag>` so that the fake Web API can measure the arrival of views.open. Runs on
/// the calling thread; not thread-safe.
class LoadGenerator {
public:
    LoadGenerator(LoadOptions options, Ledger& ledger);

    /// Runs for `duration`, then lets each connection finish its request in flight.
    LoadResult Run(int connections, std::chrono::milliseconds duration);

private:
    LoadOptions options_;
    Ledger& ledger_;
    std::string tag_;
};

}  // namespace escbot::bench
