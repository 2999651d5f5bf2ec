#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/bench/ledger.hpp"

namespace escbot::bench {

struct BenchWebApiOptions {
    std::string bot_token;
    /// Fraction of views.open calls answered HTTP 429 with Retry-After (deterministic: every
    /// 1/rate-th call).
    double rate429 = 0;
    int retry_after_s = 1;
    /// Delay before every answer (Slack's own latency; 0 on loopback).
    std::chrono::milliseconds latency{0};
    /// Fully parse and check every Nth views.open body (1: all of them); the others get the cheap
    /// checks only (token, trigger_id, the view's outline).
    int validate_every = 8;
    /// Faults on every method (the first call of each kind included): each call is answered
    /// HTTP 429 with Retry-After with probability `fault429`, else HTTP 500 with probability
    /// `fault500`, drawn from a generator seeded with `fault_seed` (the order of the calls still
    /// varies from run to run). Neither does the call's work, so the bot must call again.
    double fault429 = 0;
    double fault500 = 0;
    std::uint64_t fault_seed = 20;
};

/// A lean fake of the Slack Web API for the benchmark: HTTP/1.1 keep-alive on 127.0.0.1 (a port
/// the OS picks), one thread. Unlike tests/support's FakeSlackServer it records no call, so that
/// it stays cheap at tens of thousands of calls a second, but it speaks the same wire format:
/// `POST /api/<method>` with `Authorization: Bearer <token>` (`not_authed` / `invalid_auth`
/// otherwise); views.open/push/update answer `{"ok":true,"view":{...}}` echoing the view with
/// Slack's fields added (id, hash, root_view_id, ...), or `invalid_arguments` when the
/// trigger_id or view is missing or malformed; chat.postMessage answers a ts;
/// usergroups.users.list an empty member list; other methods `{"ok":true}`. Rate-limited calls
/// get HTTP 429, `Retry-After` and `{"ok":false,"error":"ratelimited"}`.
///
/// Each views.open whose trigger_id has the load generator's form `<seq>.<sent_us>.<tag>` is
/// marked in the ledger and its arrival latency (now - sent_us) recorded.
/// Thread-safety: all members may be called from any thread.
class BenchWebApi {
public:
    /// Starts listening and serving. Throws std::runtime_error if it cannot bind.
    BenchWebApi(BenchWebApiOptions options, Ledger& ledger);
    /// Stops serving and joins the thread.
    ~BenchWebApi();
    BenchWebApi(const BenchWebApi&) = delete;
    BenchWebApi& operator=(const BenchWebApi&) = delete;

    std::string BaseUrl() const;

    /// Counters since the last TakeStats (which resets them).
    struct Stats {
        std::uint64_t views_open_ok = 0;
        std::uint64_t rate_limited = 0;   // 429s sent
        std::uint64_t invalid = 0;        // answered invalid_arguments (malformed view, no trigger)
        std::uint64_t auth_failed = 0;    // wrong or missing token
        std::uint64_t other_calls = 0;    // any other method
        std::uint64_t validated = 0;      // views fully parsed and checked
        std::vector<std::uint32_t> arrival_us;  // views.open ok: now - send time, in µs
        std::uint64_t faulted_429 = 0;    // fault429 answers, any method
        std::uint64_t faulted_500 = 0;    // fault500 answers, any method
        std::uint64_t duplicates = 0;     // views.open ok for a trigger_id already answered ok
        /// Per Web API method: calls received, and of them answered by a fault.
        struct PerMethod {
            std::uint64_t calls = 0;
            std::uint64_t faulted_429 = 0;
            std::uint64_t faulted_500 = 0;
        };
        std::map<std::string, PerMethod, std::less<>> methods;
    };
    Stats TakeStats();

    /// Calls being answered right now (waiting for the latency, or being written).
    std::uint64_t InFlight() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace escbot::bench
