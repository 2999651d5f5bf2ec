#pragma once

// Internal to the HTTP server: the listening socket, the I/O threads and the live connections.

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange
#include <atomic>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "bot/http/handler_queue.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/intake_gate.hpp"
#include "bot/http/request_log.hpp"
#include "bot/http/session.hpp"

namespace escbot::http {

/// HttpServer's implementation: binds and listens, accepts connections and hands each to a
/// Session on an I/O thread (round-robin), keeps the list of live connections for Stop(), and
/// owns what the sessions share (SessionContext). Start, Stop and the destructor are for one
/// controlling thread; port() is thread-safe.
class Listener {
public:
    Listener(ServerOptions options, const Clock& clock, Dispatcher dispatcher, HealthProbe health,
             metrics::Registry& registry);
    ~Listener() { Stop(std::chrono::seconds(1)); }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    void Start();
    void Stop(std::chrono::milliseconds grace);
    std::uint16_t port() const { return port_.load(); }

private:
    boost::asio::awaitable<void> AcceptLoop();
    boost::asio::awaitable<void> Serve(std::shared_ptr<Connection> conn);
    void Listen(const boost::asio::ip::tcp::endpoint& endpoint, const std::string& where);
    bool Register(const std::shared_ptr<Connection>& conn);
    void Unregister(Connection* conn);
    std::vector<std::shared_ptr<Connection>> LiveConnections();
    void StopOnSharedIoContext(std::unique_lock<std::mutex>& lock);
    void RunIoThread(boost::asio::io_context& io);

    const ServerOptions options_;
    const Clock& clock_;
    const Dispatcher dispatcher_;
    const HealthProbe health_;
    metrics::Registry& registry_;
    RequestLog log_;
    std::atomic<bool> stopping_{false};
    const std::unique_ptr<HandlerQueue> handlers_;  // when options_.handler_threads > 0
    const SessionContext context_;

    std::mutex connections_mutex_;
    std::condition_variable connections_done_;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;

    std::atomic<std::uint16_t> port_{0};
    bool started_ = false;
    bool stopped_ = false;

    // Declared last so that they are destroyed first (Stop resets them explicitly as well):
    // coroutine frames still parked in an io_context unregister their connections on the way.
    // One io_context per I/O thread, run by that thread alone: a connection lives on one of them
    // (round-robin), so its handlers need no strand and never wake another thread.
    std::vector<std::unique_ptr<boost::asio::io_context>> own_ios_;
    std::vector<boost::asio::io_context*> ios_;  // own_ios_, or options_.io_context alone
    std::vector<std::unique_ptr<IntakeGate>> gates_;  // one per io_context, same index; they
                                                      // go first (their timers are in ios_)
    std::optional<boost::asio::ip::tcp::acceptor> acceptor_;  // on ios_[0]
    std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::size_t next_io_ = 0;  // the accept loop's round-robin position
    std::vector<std::thread> threads_;
    std::promise<void> accept_loop_ended_;
};

}  // namespace escbot::http
