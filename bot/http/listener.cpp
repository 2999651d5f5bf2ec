#include "bot/http/listener.hpp"

#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/logger.h>

namespace escbot::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// How often a held intake gate asks whether it may open again.
constexpr std::chrono::microseconds kIntakePoll{250};

}  // namespace

Listener::Listener(ServerOptions options, const Clock& clock, Dispatcher dispatcher,
                   HealthProbe health, metrics::Registry& registry)
    : options_(std::move(options)),
      clock_(clock),
      dispatcher_(std::move(dispatcher)),
      health_(std::move(health)),
      registry_(registry),
      log_(registry),
      handlers_(options_.handler_threads > 0
                    ? std::make_unique<HandlerQueue>(options_.handler_threads)
                    : nullptr),
      context_{options_, clock_, dispatcher_, health_, registry_, log_, stopping_,
               handlers_.get()} {}

void Listener::Start() {
    if (started_) throw std::logic_error("HttpServer::Start called twice");
    if (options_.signing_secret.empty())
        throw std::invalid_argument("HTTP server: the Slack signing secret is empty");
    const bool shared = options_.io_context != nullptr;
    if (options_.threads < 1 && !shared)
        throw std::invalid_argument("HTTP server: threads must be >= 1");
    const std::string where = options_.bind_address + ":" + std::to_string(options_.port);
    boost::system::error_code ec;
    const net::ip::address address = net::ip::make_address(options_.bind_address, ec);
    if (ec) throw std::runtime_error("HTTP server: invalid bind address '" + where + "'");

    if (shared) {
        ios_.push_back(options_.io_context);
    } else {
        for (int i = 0; i < options_.threads; ++i) {
            own_ios_.push_back(std::make_unique<net::io_context>(1));
            ios_.push_back(own_ios_.back().get());
        }
    }
    for (net::io_context* io : ios_) {
        gates_.push_back(std::make_unique<IntakeGate>(*io, options_.hold_intake, kIntakePoll,
                                                      options_.max_intake_hold));
    }
    Listen(tcp::endpoint(address, options_.port), where);
    started_ = true;

    net::co_spawn(*ios_.front(), AcceptLoop(), [this](const std::exception_ptr& error) {
        LogFailure{"accept loop"}(error);
        accept_loop_ended_.set_value();
    });
    for (auto& io : own_ios_) work_.emplace_back(io->get_executor());
    threads_.reserve(own_ios_.size());
    for (auto& io : own_ios_) threads_.emplace_back([this, &io = *io] { RunIoThread(io); });
    if (shared) {
        HttpLog()->info("listening on {}:{} on the shared I/O thread", options_.bind_address,
                        port_.load());
    } else {
        HttpLog()->info("listening on {}:{} threads={}", options_.bind_address, port_.load(),
                        options_.threads);
    }
}

// Binds the acceptor on ios_[0]; on failure undoes Start's work so far and throws.
void Listener::Listen(const tcp::endpoint& endpoint, const std::string& where) {
    boost::system::error_code ec;
    acceptor_.emplace(*ios_.front());
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec) acceptor_->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(net::socket_base::max_listen_connections, ec);
    if (!ec) {
        port_ = acceptor_->local_endpoint().port();
        return;
    }
    acceptor_.reset();
    gates_.clear();  // their timers before the io_contexts they belong to
    ios_.clear();
    own_ios_.clear();
    throw std::runtime_error("HTTP server: cannot listen on " + where + ": " + ec.message());
}

void Listener::RunIoThread(net::io_context& io) {
    for (;;) {
        try {
            io.run();
            return;
        } catch (const std::exception& e) {
            HttpLog()->error("I/O thread: unexpected exception: {}", e.what());
        } catch (...) {
            HttpLog()->error("I/O thread: unexpected exception");
        }
    }
}

void Listener::Stop(std::chrono::milliseconds grace) {
    if (!started_ || stopped_) return;
    stopped_ = true;
    {
        std::lock_guard lock(connections_mutex_);
        stopping_ = true;  // under the lock: no connection registers after this
    }

    net::post(acceptor_->get_executor(), [this] {
        boost::system::error_code ignored;
        acceptor_->close(ignored);
    });
    for (auto& conn : LiveConnections()) {
        net::post(conn->stream.get_executor(), [conn] {
            if (conn->idle) conn->stream.close();
        });
    }

    std::unique_lock lock(connections_mutex_);
    if (!connections_done_.wait_for(lock, grace, [this] { return connections_.empty(); })) {
        lock.unlock();
        for (auto& conn : LiveConnections())
            net::post(conn->stream.get_executor(), [conn] { conn->stream.close(); });
        lock.lock();
        connections_done_.wait_for(lock, std::chrono::milliseconds(500),
                                   [this] { return connections_.empty(); });
    }
    if (options_.io_context != nullptr) return StopOnSharedIoContext(lock);
    const std::size_t left = connections_.size();
    lock.unlock();

    work_.clear();
    // With every connection gone the threads run out of work and return by themselves; stop()
    // is for a connection stuck past both deadlines (its coroutine is destroyed with ios_).
    if (left > 0) {
        for (auto& io : own_ios_) io->stop();
    }
    for (auto& thread : threads_) thread.join();
    threads_.clear();
    if (handlers_) handlers_->Join();  // a handler still running finishes first
    acceptor_.reset();
    gates_.clear();  // their timers before the io_contexts they belong to
    ios_.clear();
    own_ios_.clear();  // destroys any coroutine still parked (a connection closed at the deadline)
    if (left > 0) HttpLog()->warn("stopped with {} connection(s) still busy", left);
    HttpLog()->info("stopped");
}

// The io_context is not ours to stop: wait for the connections closed by Stop() to end (a
// dispatcher call still running is waited for, as a thread join would), then drop what lives on
// it from its own thread.
void Listener::StopOnSharedIoContext(std::unique_lock<std::mutex>& lock) {
    if (!connections_.empty())
        HttpLog()->warn("waiting for {} connection(s)", connections_.size());
    connections_done_.wait(lock, [this] { return connections_.empty(); });
    lock.unlock();
    accept_loop_ended_.get_future().wait();
    std::promise<void> released;
    net::post(*ios_.front(), [this, &released] {
        gates_.clear();
        acceptor_.reset();
        released.set_value();
    });
    released.get_future().wait();
    if (handlers_) handlers_->Join();
    ios_.clear();
    HttpLog()->info("stopped");
}

bool Listener::Register(const std::shared_ptr<Connection>& conn) {
    std::lock_guard lock(connections_mutex_);
    if (stopping_) return false;
    connections_.emplace(conn.get(), conn);
    return true;
}

void Listener::Unregister(Connection* conn) {
    std::lock_guard lock(connections_mutex_);
    connections_.erase(conn);
    if (connections_.empty()) connections_done_.notify_all();
}

std::vector<std::shared_ptr<Connection>> Listener::LiveConnections() {
    std::lock_guard lock(connections_mutex_);
    std::vector<std::shared_ptr<Connection>> live;
    live.reserve(connections_.size());
    for (auto& [raw, weak] : connections_) {
        if (auto conn = weak.lock()) live.push_back(std::move(conn));
    }
    return live;
}

net::awaitable<void> Listener::AcceptLoop() {
    for (;;) {
        boost::system::error_code ec;
        const std::size_t io_index = next_io_++ % ios_.size();
        tcp::socket socket(*ios_[io_index]);
        co_await acceptor_->async_accept(socket, net::redirect_error(net::use_awaitable, ec));
        if (stopping_ || !acceptor_->is_open()) co_return;
        if (ec) {
            // Typically EMFILE: back off briefly instead of spinning on the failing accept.
            HttpLog()->warn("accept failed: {}", ec.message());
            net::steady_timer pause(acceptor_->get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(net::redirect_error(net::use_awaitable, ec));
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);  // best effort
        // WriteAvailable writes without waiting only on a non-blocking socket; on any other it
        // would stall the I/O thread, so a socket that refuses is not served.
        if (socket.non_blocking(true, ec); ec) {
            HttpLog()->warn("cannot make a connection non-blocking: {}", ec.message());
            continue;
        }
        auto conn = std::make_shared<Connection>(std::move(socket), *gates_[io_index]);
        if (!Register(conn)) co_return;
        // A new connection has read_timeout for its whole first request, first byte included.
        conn->stream.expires_after(options_.read_timeout);
        auto executor = conn->stream.get_executor();
        net::co_spawn(executor, Serve(std::move(conn)), LogFailure{"connection"});
    }
}

net::awaitable<void> Listener::Serve(std::shared_ptr<Connection> conn) {
    struct Unregistering {
        Listener* listener;
        Connection* conn;
        ~Unregistering() { listener->Unregister(conn); }
    } unregister{this, conn.get()};
    Session session(context_, *conn);
    co_await session.Run();
}

}  // namespace escbot::http
