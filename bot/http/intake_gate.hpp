#pragma once

#include <chrono>
#include <functional>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace escbot::http {

/// Back-pressure for the connections of one I/O thread. While `held()` says the work already
/// accepted is not keeping up (calls to Slack queue up), a connection waits at the gate before
/// it reads its next request, for at most `max_hold`; so the bot takes in no more than it can
/// pass on while a trigger_id is still fresh, and Slack still gets every ack in time.
/// One poll timer serves all waiters. Used only from the thread that runs `io`.
/// Figure: with it, views.open arrives within ~20 ms at c=64 (escbot-bench, a0772f7).
class IntakeGate {
public:
    IntakeGate(boost::asio::io_context& io, std::function<bool()> held,
               std::chrono::microseconds poll_interval, std::chrono::milliseconds max_hold);
    IntakeGate(const IntakeGate&) = delete;
    IntakeGate& operator=(const IntakeGate&) = delete;

    /// Returns at once (false) when not held; otherwise once released or after max_hold (true).
    boost::asio::awaitable<bool> Pass();

private:
    boost::asio::awaitable<void> Poll();

    std::function<bool()> held_;
    const std::chrono::microseconds poll_interval_;
    const std::chrono::milliseconds max_hold_;
    boost::asio::steady_timer poll_timer_;
    std::vector<boost::asio::steady_timer*> waiting_;  // the waiters' own timers
    bool polling_ = false;
};

}  // namespace escbot::http
