#pragma once

// Internal to the HTTP server: handlers run off the I/O threads.

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange
#include <optional>
#include <type_traits>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace escbot::http {

/// Threads of their own for what calls into the bot (the dispatcher and the health probe), so
/// that a handler that blocks (SQLite busy, or slow to sync) stalls neither the connections nor
/// the Web API calls that share the I/O thread (ServerOptions::handler_threads). With one thread,
/// handlers run one at a time in the order their requests were read, as they did on the one I/O
/// thread.
class HandlerQueue {
public:
    explicit HandlerQueue(int threads) : pool_(static_cast<std::size_t>(threads)) {}
    HandlerQueue(const HandlerQueue&) = delete;
    HandlerQueue& operator=(const HandlerQueue&) = delete;

    /// Runs `fn()` on a handler thread and resumes the caller on its own executor with the
    /// result, or with fn's exception. (optional: co_spawn's result must have a default, and
    /// routing::Ack has none.)
    template <class Fn>
    boost::asio::awaitable<std::optional<std::invoke_result_t<Fn&>>> Run(Fn fn) {
        using Result = std::optional<std::invoke_result_t<Fn&>>;
        co_return co_await boost::asio::co_spawn(
            pool_.get_executor(), [&fn]() -> boost::asio::awaitable<Result> { co_return fn(); },
            boost::asio::use_awaitable);
    }

    /// Waits for the work queued or running. Then the queue takes no more.
    void Join() { pool_.join(); }

private:
    boost::asio::thread_pool pool_;
};

}  // namespace escbot::http
