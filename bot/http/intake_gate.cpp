#include "bot/http/intake_gate.hpp"

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace escbot::http {

namespace net = boost::asio;

IntakeGate::IntakeGate(net::io_context& io, std::function<bool()> held,
                       std::chrono::microseconds poll_interval, std::chrono::milliseconds max_hold)
    : held_(std::move(held)),
      poll_interval_(poll_interval),
      max_hold_(max_hold),
      poll_timer_(io) {}

net::awaitable<bool> IntakeGate::Pass() {
    if (!held_ || !held_()) co_return false;
    const auto executor = co_await net::this_coro::executor;
    net::steady_timer wake(executor, max_hold_);
    waiting_.push_back(&wake);
    if (!polling_) {
        polling_ = true;
        net::co_spawn(executor, Poll(), net::detached);
    }
    boost::system::error_code ignored;  // operation_aborted: released by Poll
    co_await wake.async_wait(net::redirect_error(net::use_awaitable, ignored));
    std::erase(waiting_, &wake);
    co_return true;
}

net::awaitable<void> IntakeGate::Poll() {
    while (!waiting_.empty()) {
        poll_timer_.expires_after(poll_interval_);
        boost::system::error_code ignored;
        co_await poll_timer_.async_wait(net::redirect_error(net::use_awaitable, ignored));
        if (!held_()) {
            for (net::steady_timer* waiter : waiting_) waiter->cancel();
            break;  // the waiters remove themselves when they resume
        }
    }
    polling_ = false;
}

}  // namespace escbot::http
