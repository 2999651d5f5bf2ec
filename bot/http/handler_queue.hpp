#pragma once

// Internal to the HTTP server: handlers run off the I/O threads.

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange
#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include "bot/http/http_server.hpp"

namespace escbot::http {

/// Runs the dispatcher on threads of its own (ServerOptions::handler_threads), so that a handler
/// that blocks (SQLite waiting for its lock) stalls neither reading nor writing on the I/O threads,
/// nor the Web API calls that share them.
class HandlerQueue {
public:
    explicit HandlerQueue(int threads);
    HandlerQueue(const HandlerQueue&) = delete;
    HandlerQueue& operator=(const HandlerQueue&) = delete;

    /// Runs `dispatcher(inbound)` on a handler thread and resumes the caller on its own executor
    /// with the ack, or with the dispatcher's exception. (optional: Ack has no default.)
    boost::asio::awaitable<std::optional<routing::Ack>> Dispatch(const Dispatcher& dispatcher,
                                                                 const routing::Inbound& inbound);

    /// Waits for the handlers queued or running. Then the queue takes no more.
    void Join();

private:
    boost::asio::thread_pool pool_;
};

}  // namespace escbot::http
