#include "bot/http/http_server.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/logger.h>

#include "bot/core/logging.hpp"
#include "bot/http/inbound_parser.hpp"
#include "bot/http/intake_gate.hpp"
#include "bot/routing/router.hpp"
#include "bot/verify/signature.hpp"

namespace escbot::http {
namespace {

namespace beast = boost::beast;
namespace bh = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kReadChunk = 16 * 1024;
// Bytes read but not yet parsed. Body bytes leave the buffer as they are parsed, so this bounds
// what nothing else does: Beast sets no limit on a chunk-size line (an endless chunk extension).
constexpr std::size_t kMaxBuffered = 64 * 1024;
// After an error response on a request whose body was left unread, keep reading (and dropping)
// for a moment before closing: closing with unread bytes makes the kernel send RST, which can
// destroy the response before the client has read it.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kLingerBytes = 1024 * 1024;
// Unknown paths are attacker-chosen: log only a short, printable prefix.
constexpr std::size_t kMaxLoggedPath = 80;
// How often a held intake gate asks whether it may open again.
constexpr std::chrono::microseconds kIntakePoll{250};

constexpr std::string_view kInvalidRequestBody = R"({"error":"invalid request"})";
constexpr std::string_view kBadRequestBody = R"({"error":"bad request"})";
constexpr std::string_view kInternalErrorBody = R"({"error":"internal error"})";
constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kTextType = "text/plain; charset=utf-8";
constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

enum class Endpoint { kSlack, kHealth, kMetrics, kUnknown };

Endpoint Classify(std::string_view path) {
    if (path == "/slack/events" || path == "/slack/commands" || path == "/slack/interactivity")
        return Endpoint::kSlack;
    if (path == "/healthz") return Endpoint::kHealth;
    if (path == "/metrics") return Endpoint::kMetrics;
    return Endpoint::kUnknown;
}

std::string_view EndpointLabel(Endpoint endpoint) {
    switch (endpoint) {
        case Endpoint::kSlack: return "slack";
        case Endpoint::kHealth: return "healthz";
        case Endpoint::kMetrics: return "metrics";
        case Endpoint::kUnknown: return "unknown";
    }
    return "unknown";
}

std::string PrintablePrefix(std::string_view text, std::size_t limit) {
    std::string out(text.substr(0, limit));
    for (char& c : out) {
        if (c <= ' ' || c >= 0x7f) c = '?';
    }
    if (text.size() > limit) out += "...";
    return out;
}

const std::shared_ptr<spdlog::logger>& Log() {
    static const std::shared_ptr<spdlog::logger> log = logging::Get("http");
    return log;
}

// The co_spawn completion handler: an exception that escaped a coroutine is logged, never
// rethrown into the io_context's run loop.
struct LogFailure {
    const char* what;
    void operator()(const std::exception_ptr& error) const {
        if (!error) return;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            Log()->error("{} failed: {}", what, e.what());
        } catch (...) {
            Log()->error("{} failed: unknown exception", what);
        }
    }
};

// One client connection. `idle` (touched only on the connection's I/O thread) is true while the
// connection waits for a request to begin, which is when Stop() may close it at once.
struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    bool idle = true;
    IntakeGate* gate = nullptr;  // its I/O thread's
};

// What one request/response leaves in the log line and the metrics.
struct Exchange {
    SteadyClock::time_point started = SteadyClock::now();
    std::string_view method = "-";
    std::string_view path = "-";
    std::string owned_path;  // a sanitised copy when the path is not one of ours
    Endpoint endpoint = Endpoint::kUnknown;
    std::string route;
    std::string user;
    std::string channel;
    std::string_view note;  // a code, never request content (verify failure, parse error, ...)
};

// A response about to be written.
struct Reply {
    bh::status status = bh::status::ok;
    std::string_view content_type;  // none when empty
    std::string_view allow;         // the Allow header of a 405
    std::string body;
    bool close = false;    // close the connection after writing
    bool drain = false;    // request bytes may be left unread: linger before closing
    bool abandon = false;  // the connection is gone (timeout, reset): nothing can be written
};

Reply MakeReply(bh::status status, std::string_view content_type, std::string_view body) {
    Reply reply;
    reply.status = status;
    reply.content_type = content_type;
    reply.body.assign(body);
    return reply;
}

// An error answer after which the connection cannot be trusted to be in sync.
Reply MakeClosingReply(bh::status status, std::string_view body) {
    Reply reply = MakeReply(status, kTextType, body);
    reply.close = true;
    reply.drain = true;
    return reply;
}

Reply Abandoned() {
    Reply reply;
    reply.abandon = true;
    return reply;
}

// Boost 1.74's Beast speaks boost::string_view.
beast::string_view ToBeast(std::string_view text) { return {text.data(), text.size()}; }
std::string_view FromBeast(beast::string_view text) { return {text.data(), text.size()}; }

bool IsHttpParseError(const beast::error_code& ec) {
    return &ec.category() == &bh::make_error_code(bh::error::bad_method).category() &&
           ec != bh::error::end_of_stream && ec != bh::error::partial_message;
}

// Feeds the parser what the buffer already holds, until `done()`. Beast's read operations do
// the same, but complete through a round of the I/O loop even when they read nothing, and a
// request usually arrives whole in one read. Needing more bytes is not an error here: the
// caller's read operation goes on from where this stopped.
template <class Done>
beast::error_code ParseBuffered(bh::request_parser<bh::string_body>& parser,
                                beast::flat_buffer& buffer, Done done) {
    beast::error_code ec;
    while (!done() && buffer.size() > 0) {
        const std::size_t used = parser.put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == bh::error::need_more) return {};
        if (ec || used == 0) break;
    }
    return ec;
}

// Writes as much of the response as the socket takes at once, without waiting (the socket is
// in non-blocking mode): an ack is small, so it almost always leaves whole, with no write
// operation and no trip through the I/O loop. The rest, if any, is for an async_write.
void WriteAvailable(tcp::socket& socket, bh::serializer<false, bh::string_body>& serializer,
                    beast::error_code& ec) {
    while (!ec && !serializer.is_done()) {
        std::size_t written = 0;
        serializer.next(ec, [&](beast::error_code& write_ec, const auto& buffers) {
            written = socket.write_some(buffers, write_ec);
        });
        if (ec == net::error::would_block || ec == net::error::try_again) {
            ec = {};
            return;
        }
        if (!ec) serializer.consume(written);
    }
}

}  // namespace

class HttpServer::Impl {
public:
    Impl(ServerOptions options, const Clock& clock, Dispatcher dispatcher, HealthProbe health,
         metrics::Registry& registry)
        : options_(std::move(options)),
          clock_(clock),
          dispatcher_(std::move(dispatcher)),
          health_(std::move(health)),
          registry_(registry),
          ack_latency_(registry.GetHistogram("escbot_ack_latency_seconds",
                                             "Time from a request's first byte to its response "
                                             "written, in seconds.",
                                             {}, metrics::LatencyBuckets())),
          intake_held_(registry.GetCounter("escbot_http_intake_held_total",
                                           "Requests whose reading waited because calls to "
                                           "Slack were queueing up (back-pressure).",
                                           {})) {}

    ~Impl() { Stop(std::chrono::seconds(1)); }

    void Start();
    void Stop(std::chrono::milliseconds grace);
    std::uint16_t port() const { return port_.load(); }

private:
    net::awaitable<void> AcceptLoop();
    net::awaitable<void> Serve(std::shared_ptr<Connection> conn);
    net::awaitable<bool> HandleRequest(Connection& conn, beast::flat_buffer& buffer);
    net::awaitable<Reply> HandleSlack(Connection& conn, beast::flat_buffer& buffer,
                                      bh::request_parser<bh::string_body>& parser,
                                      Exchange& exchange);
    std::optional<Reply> VerifyAndParse(const bh::request<bh::string_body>& request,
                                        Exchange& exchange, ParsedInbound& parsed);
    net::awaitable<Reply> Dispatch(routing::Inbound& inbound, Exchange& exchange);
    bool Healthy() const;
    net::awaitable<bool> Finish(Connection& conn, beast::flat_buffer& buffer, unsigned version,
                                bool keep_alive, Reply reply, const Exchange& exchange);
    net::awaitable<void> Close(Connection& conn, beast::flat_buffer& buffer, bool drain);
    void Record(const Exchange& exchange, bh::status status);
    metrics::Counter& RequestCounter(std::string_view route, unsigned status);

    bool Register(const std::shared_ptr<Connection>& conn);
    void Unregister(Connection* conn);
    std::vector<std::shared_ptr<Connection>> LiveConnections();
    void RunIoThread(net::io_context& io);

    const ServerOptions options_;
    const Clock& clock_;
    const Dispatcher dispatcher_;
    const HealthProbe health_;
    metrics::Registry& registry_;
    metrics::Histogram& ack_latency_;
    metrics::Counter& intake_held_;

    // escbot_http_requests_total by "route|status", so the registry's lock and label rendering
    // are paid once per label set rather than once per request.
    std::shared_mutex counters_mutex_;
    std::unordered_map<std::string, metrics::Counter*> counters_;

    std::mutex connections_mutex_;
    std::condition_variable connections_done_;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;

    std::atomic<bool> stopping_{false};
    std::atomic<std::uint16_t> port_{0};
    bool started_ = false;
    bool stopped_ = false;

    // Declared last so that they are destroyed first (Stop resets them explicitly as well):
    // coroutine frames still parked in an io_context unregister their connections on the way.
    // One io_context per I/O thread, run by that thread alone: a connection lives on one of them
    // (round-robin), so its handlers need no strand and never wake another thread.
    std::vector<std::unique_ptr<net::io_context>> own_ios_;
    std::vector<net::io_context*> ios_;  // own_ios_, or options_.io_context alone
    std::vector<std::unique_ptr<IntakeGate>> gates_;  // one per io_context, same index; they
                                                      // go first (their timers are in ios_)
    std::optional<tcp::acceptor> acceptor_;  // on ios_[0]
    std::vector<net::executor_work_guard<net::io_context::executor_type>> work_;
    std::size_t next_io_ = 0;  // the accept loop's round-robin position
    std::vector<std::thread> threads_;
    std::optional<net::thread_pool> handler_pool_;  // when options_.handler_threads > 0
    std::promise<void> accept_loop_ended_;
};

void HttpServer::Impl::Start() {
    if (started_) throw std::logic_error("HttpServer::Start called twice");
    if (options_.signing_secret.empty())
        throw std::invalid_argument("HTTP server: the Slack signing secret is empty");
    const bool shared = options_.io_context != nullptr;
    if (options_.threads < 1 && !shared)
        throw std::invalid_argument("HTTP server: threads must be >= 1");

    const std::string where = options_.bind_address + ":" + std::to_string(options_.port);
    beast::error_code ec;
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
        gates_.push_back(std::make_unique<IntakeGate>(*io, options_.hold_intake,
                                                      kIntakePoll, options_.max_intake_hold));
    }
    acceptor_.emplace(*ios_.front());
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec) acceptor_->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        acceptor_.reset();
        gates_.clear();  // their timers before the io_contexts they belong to
        ios_.clear();
        own_ios_.clear();
        throw std::runtime_error("HTTP server: cannot listen on " + where + ": " + ec.message());
    }
    port_ = acceptor_->local_endpoint().port();
    started_ = true;

    if (options_.handler_threads > 0)
        handler_pool_.emplace(static_cast<std::size_t>(options_.handler_threads));
    net::co_spawn(*ios_.front(), AcceptLoop(), [this](const std::exception_ptr& error) {
        LogFailure{"accept loop"}(error);
        accept_loop_ended_.set_value();
    });
    for (auto& io : own_ios_) work_.emplace_back(io->get_executor());
    threads_.reserve(own_ios_.size());
    for (auto& io : own_ios_) threads_.emplace_back([this, &io = *io] { RunIoThread(io); });
    if (shared) {
        Log()->info("listening on {}:{} on the shared I/O thread", options_.bind_address,
                    port_.load());
    } else {
        Log()->info("listening on {}:{} threads={}", options_.bind_address, port_.load(),
                    options_.threads);
    }
}

void HttpServer::Impl::RunIoThread(net::io_context& io) {
    for (;;) {
        try {
            io.run();
            return;
        } catch (const std::exception& e) {
            Log()->error("I/O thread: unexpected exception: {}", e.what());
        } catch (...) {
            Log()->error("I/O thread: unexpected exception");
        }
    }
}

void HttpServer::Impl::Stop(std::chrono::milliseconds grace) {
    if (!started_ || stopped_) return;
    stopped_ = true;
    {
        std::lock_guard lock(connections_mutex_);
        stopping_ = true;  // under the lock: no connection registers after this
    }

    net::post(acceptor_->get_executor(), [this] {
        beast::error_code ignored;
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
    if (options_.io_context != nullptr) {
        // The io_context is not ours to stop: wait for the connections closed above to end
        // (a dispatcher call still running is waited for, as a thread join would), then drop
        // what lives on it from its own thread.
        if (!connections_.empty()) Log()->warn("waiting for {} connection(s)", connections_.size());
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
        if (handler_pool_) handler_pool_->join();
        handler_pool_.reset();
        ios_.clear();
        Log()->info("stopped");
        return;
    }
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
    if (handler_pool_) handler_pool_->join();  // a handler still running finishes first
    handler_pool_.reset();
    acceptor_.reset();
    gates_.clear();  // their timers before the io_contexts they belong to
    ios_.clear();
    own_ios_.clear();  // destroys any coroutine still parked (a connection closed at the deadline)
    if (left > 0) Log()->warn("stopped with {} connection(s) still busy", left);
    Log()->info("stopped");
}

bool HttpServer::Impl::Register(const std::shared_ptr<Connection>& conn) {
    std::lock_guard lock(connections_mutex_);
    if (stopping_) return false;
    connections_.emplace(conn.get(), conn);
    return true;
}

void HttpServer::Impl::Unregister(Connection* conn) {
    std::lock_guard lock(connections_mutex_);
    connections_.erase(conn);
    if (connections_.empty()) connections_done_.notify_all();
}

std::vector<std::shared_ptr<Connection>> HttpServer::Impl::LiveConnections() {
    std::lock_guard lock(connections_mutex_);
    std::vector<std::shared_ptr<Connection>> live;
    live.reserve(connections_.size());
    for (auto& [raw, weak] : connections_) {
        if (auto conn = weak.lock()) live.push_back(std::move(conn));
    }
    return live;
}

net::awaitable<void> HttpServer::Impl::AcceptLoop() {
    for (;;) {
        beast::error_code ec;
        const std::size_t io_index = next_io_++ % ios_.size();
        tcp::socket socket(*ios_[io_index]);
        co_await acceptor_->async_accept(socket, net::redirect_error(net::use_awaitable, ec));
        if (stopping_ || !acceptor_->is_open()) co_return;
        if (ec) {
            // Typically EMFILE: back off briefly instead of spinning on the failing accept.
            Log()->warn("accept failed: {}", ec.message());
            net::steady_timer pause(acceptor_->get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(net::redirect_error(net::use_awaitable, ec));
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);  // best effort
        // WriteAvailable writes without waiting only on a non-blocking socket; on any other it
        // would stall the I/O thread, so a socket that refuses is not served.
        if (socket.non_blocking(true, ec); ec) {
            Log()->warn("cannot make a connection non-blocking: {}", ec.message());
            continue;
        }
        auto conn = std::make_shared<Connection>(std::move(socket));
        conn->gate = gates_[io_index].get();
        if (!Register(conn)) co_return;
        // A new connection has read_timeout for its whole first request, first byte included.
        conn->stream.expires_after(options_.read_timeout);
        auto executor = conn->stream.get_executor();
        net::co_spawn(executor, Serve(std::move(conn)), LogFailure{"connection"});
    }
}

net::awaitable<void> HttpServer::Impl::Serve(std::shared_ptr<Connection> conn) {
    struct Unregistering {
        Impl* impl;
        Connection* conn;
        ~Unregistering() { impl->Unregister(conn); }
    } unregister{this, conn.get()};

    beast::flat_buffer buffer(kMaxBuffered);
    bool first = true;
    for (;;) {
        if (co_await conn->gate->Pass()) intake_held_.Inc();
        if (buffer.size() == 0) {
            if (stopping_) break;
            if (!first) conn->stream.expires_after(options_.idle_timeout);
            conn->idle = true;
            beast::error_code ec;
            const std::size_t n = co_await conn->stream.async_read_some(
                buffer.prepare(kReadChunk), net::redirect_error(net::use_awaitable, ec));
            conn->idle = false;
            if (ec) break;  // closed by the client, idle timeout, or Stop()
            buffer.commit(n);
        }
        if (!first) conn->stream.expires_after(options_.read_timeout);
        first = false;
        if (!co_await HandleRequest(*conn, buffer)) co_return;  // HandleRequest closed it
    }
    beast::error_code ignored;
    conn->stream.socket().close(ignored);
}

net::awaitable<bool> HttpServer::Impl::HandleRequest(Connection& conn, beast::flat_buffer& buffer) {
    Exchange exchange;
    bh::request_parser<bh::string_body> parser;
    parser.header_limit(kHeaderLimit);
    // No limit while reading the header, so that an oversized Content-Length still yields a
    // complete header (and a 413 that says which request it was); the real limit follows.
    // (Not boost::none: Beast 1.74 compares the length with the optional, and none is smaller.)
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());

    beast::error_code ec =
        ParseBuffered(parser, buffer, [&parser] { return parser.is_header_done(); });
    if (!ec && !parser.is_header_done()) {
        co_await bh::async_read_header(conn.stream, buffer, parser,
                                       net::redirect_error(net::use_awaitable, ec));
    }
    if (ec) {
        exchange.route = "malformed";
        exchange.note = "malformed headers";
        if (!IsHttpParseError(ec)) {
            Log()->debug("connection dropped while reading headers: {}", ec.message());
            co_return co_await Finish(conn, buffer, 11, false, Abandoned(), exchange);
        }
        Reply reply = ec == bh::error::header_limit
                          ? MakeClosingReply(bh::status::request_header_fields_too_large,
                                             "request headers too large\n")
                          : MakeClosingReply(bh::status::bad_request, "bad request\n");
        co_return co_await Finish(conn, buffer, 11, false, std::move(reply), exchange);
    }

    parser.body_limit(options_.body_limit);
    const auto& request = parser.get();
    const std::string_view target = FromBeast(request.target());
    const std::string_view path = target.substr(0, target.find('?'));
    exchange.method = FromBeast(request.method_string());
    exchange.endpoint = Classify(path);
    if (exchange.endpoint == Endpoint::kUnknown) {
        exchange.owned_path = PrintablePrefix(path, kMaxLoggedPath);
        exchange.path = exchange.owned_path;
    } else {
        exchange.path = path;
    }
    exchange.route = EndpointLabel(exchange.endpoint);

    const bh::verb allowed = exchange.endpoint == Endpoint::kSlack ? bh::verb::post : bh::verb::get;
    Reply reply;
    if (exchange.endpoint == Endpoint::kUnknown) {
        reply = MakeReply(bh::status::not_found, kTextType, "not found\n");
    } else if (request.method() != allowed) {
        reply = MakeReply(bh::status::method_not_allowed, kTextType, "method not allowed\n");
        reply.allow = exchange.endpoint == Endpoint::kSlack ? "POST" : "GET";
    } else if (exchange.endpoint == Endpoint::kSlack) {
        reply = co_await HandleSlack(conn, buffer, parser, exchange);
    } else if (exchange.endpoint == Endpoint::kHealth) {
        reply = Healthy() ? MakeReply(bh::status::ok, kTextType, "ok")
                          : MakeReply(bh::status::service_unavailable, kTextType, "unavailable");
    } else {
        reply = MakeReply(bh::status::ok, kPrometheusType, registry_.RenderText());
    }

    if (!parser.is_done()) {
        // An unread body would be taken for the next request: close after answering.
        reply.close = true;
        reply.drain = true;
    }
    const bool keep_alive = request.keep_alive() && !reply.close && !stopping_;
    co_return co_await Finish(conn, buffer, request.version(), keep_alive, std::move(reply),
                              exchange);
}

bool HttpServer::Impl::Healthy() const {
    try {
        return !health_ || health_();
    } catch (const std::exception& e) {
        Log()->error("health probe threw: {}", e.what());
    } catch (...) {
        Log()->error("health probe threw");
    }
    return false;
}

net::awaitable<Reply> HttpServer::Impl::HandleSlack(Connection& conn, beast::flat_buffer& buffer,
                                                    bh::request_parser<bh::string_body>& parser,
                                                    Exchange& exchange) {
    // Refuse an announced oversized body before reading a byte of it.
    if (const auto length = parser.content_length(); length && *length > options_.body_limit) {
        exchange.note = "body over limit";
        co_return MakeClosingReply(bh::status::payload_too_large, "payload too large\n");
    }

    beast::error_code ec = ParseBuffered(parser, buffer, [&parser] { return parser.is_done(); });
    if (!ec && !parser.is_done()) {
        const auto expect = parser.get()[bh::field::expect];
        if (beast::iequals(expect, "100-continue")) {
            bh::response<bh::empty_body> go_on(bh::status::continue_, parser.get().version());
            co_await bh::async_write(conn.stream, go_on,
                                     net::redirect_error(net::use_awaitable, ec));
            if (ec) co_return Abandoned();
        }
        co_await bh::async_read(conn.stream, buffer, parser,
                                net::redirect_error(net::use_awaitable, ec));
    }
    if (ec == bh::error::body_limit) {
        // A chunked body, whose size is known only once read, went past the limit.
        exchange.note = "body over limit";
        co_return MakeClosingReply(bh::status::payload_too_large, "payload too large\n");
    }
    if (ec) {
        exchange.note = "body unreadable";
        if (!IsHttpParseError(ec)) {
            Log()->debug("connection dropped while reading a body: {}", ec.message());
            co_return Abandoned();
        }
        co_return MakeClosingReply(bh::status::bad_request, "bad request\n");
    }

    ParsedInbound parsed;
    if (std::optional<Reply> refusal = VerifyAndParse(parser.get(), exchange, parsed))
        co_return *std::move(refusal);
    co_return co_await Dispatch(parsed.inbound, exchange);
}

std::optional<Reply> HttpServer::Impl::VerifyAndParse(const bh::request<bh::string_body>& request,
                                                      Exchange& exchange, ParsedInbound& parsed) {
    const std::string& body = request.body();
    const auto header = [&request](bh::field name) { return FromBeast(request[name]); };
    const auto custom_header = [&request](std::string_view name) {
        return FromBeast(request[ToBeast(name)]);
    };

    // The signature covers the raw bytes: nothing is decoded or parsed before it passes.
    const verify::VerifyError verdict =
        verify::VerifySignature(options_.signing_secret, custom_header("X-Slack-Request-Timestamp"),
                                custom_header("X-Slack-Signature"), body, clock_.Now());
    if (verdict != verify::VerifyError::kOk) {
        exchange.note = verify::ToString(verdict);
        return MakeReply(bh::status::unauthorized, kJsonType, kInvalidRequestBody);
    }

    parsed = ParseInbound(header(bh::field::content_type), body, custom_header("X-Slack-Retry-Num"),
                          exchange.started);
    if (parsed.status == ParseStatus::kSslCheck) {
        exchange.route = "ssl_check";
        return MakeReply(bh::status::ok, "", "");
    }
    if (parsed.status == ParseStatus::kBadRequest) {
        exchange.note = parsed.error;
        return MakeReply(bh::status::bad_request, kJsonType, kBadRequestBody);
    }
    return std::nullopt;
}

net::awaitable<Reply> HttpServer::Impl::Dispatch(routing::Inbound& inbound, Exchange& exchange) {
    exchange.route = routing::RouteName(inbound);
    exchange.user = routing::UserId(inbound);
    exchange.channel = routing::ChannelId(inbound);
    try {
        std::optional<routing::Ack> ack;
        if (handler_pool_) {
            // Resumes on this connection's I/O thread once the handler thread is done. (optional:
            // co_spawn's result type must be default-constructible; Ack is not.)
            ack = co_await net::co_spawn(
                handler_pool_->get_executor(),
                [&]() -> net::awaitable<std::optional<routing::Ack>> {
                    co_return dispatcher_(inbound);
                },
                net::use_awaitable);
        } else {
            ack = dispatcher_(inbound);
        }
        if (ack->IsEmpty() || ack->payload().is_null()) co_return MakeReply(bh::status::ok, "", "");
        Reply reply;
        reply.content_type = kJsonType;
        reply.body = ack->payload().dump();
        co_return reply;
    } catch (const std::exception& e) {
        Log()->error("dispatcher threw: route={} user={} error={}", exchange.route, exchange.user,
                     e.what());
    } catch (...) {
        Log()->error("dispatcher threw: route={} user={}", exchange.route, exchange.user);
    }
    exchange.note = "dispatcher failed";
    co_return MakeReply(bh::status::internal_server_error, kJsonType, kInternalErrorBody);
}

net::awaitable<bool> HttpServer::Impl::Finish(Connection& conn, beast::flat_buffer& buffer,
                                              unsigned version, bool keep_alive, Reply reply,
                                              const Exchange& exchange) {
    if (reply.abandon) {
        co_await Close(conn, buffer, false);
        co_return false;
    }
    bh::response<bh::string_body> response(reply.status, version);
    if (!reply.content_type.empty())
        response.set(bh::field::content_type, ToBeast(reply.content_type));
    if (!reply.allow.empty()) response.set(bh::field::allow, ToBeast(reply.allow));
    response.keep_alive(keep_alive);
    response.body() = std::move(reply.body);
    response.prepare_payload();

    // The read timeout also bounds a client that does not read its response.
    conn.stream.expires_after(options_.read_timeout);
    beast::error_code ec;
    // Yield once first: the acks of requests read together then leave together, after all
    // their handlers, so the client wakes once for many responses (a cross-CPU wakeup is the
    // dearest part of a small write here); work the handlers started waits behind the acks.
    co_await net::post(conn.stream.get_executor(), net::use_awaitable);
    bh::serializer<false, bh::string_body> serializer(response);
    WriteAvailable(conn.stream.socket(), serializer, ec);
    if (!ec && !serializer.is_done()) {
        co_await bh::async_write(conn.stream, serializer,
                                 net::redirect_error(net::use_awaitable, ec));
    }
    Record(exchange, reply.status);
    if (ec) Log()->debug("response not delivered: {}", ec.message());
    if (ec || !keep_alive) {
        co_await Close(conn, buffer, reply.drain && !ec);
        co_return false;
    }
    co_return true;
}

net::awaitable<void> HttpServer::Impl::Close(Connection& conn, beast::flat_buffer& buffer,
                                             bool drain) {
    beast::error_code ec;
    auto& socket = conn.stream.socket();
    socket.shutdown(tcp::socket::shutdown_send, ec);
    if (drain && !ec) {
        conn.idle = true;  // nothing in flight any more: Stop() may cut the linger short
        conn.stream.expires_after(kLingerTime);
        buffer.clear();
        std::size_t drained = 0;
        while (!ec && drained < kLingerBytes) {
            drained += co_await conn.stream.async_read_some(
                buffer.prepare(kReadChunk), net::redirect_error(net::use_awaitable, ec));
        }
    }
    socket.close(ec);
}

void HttpServer::Impl::Record(const Exchange& exchange, bh::status status) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - exchange.started)
            .count();
    const auto code = static_cast<unsigned>(status);
    RequestCounter(exchange.route, code).Inc();
    if (exchange.endpoint == Endpoint::kSlack) ack_latency_.Observe(double(micros) / 1e6);

    // Probes and scrapes arrive every few seconds; they stay out of the info log when healthy.
    const bool routine = exchange.endpoint != Endpoint::kSlack && code == 200;
    const auto level =
        code >= 500 ? spdlog::level::warn : (routine ? spdlog::level::debug : spdlog::level::info);
    Log()->log(level, "{} {} route={} status={} latency_us={} user={} channel={}{}{}",
               exchange.method, exchange.path, exchange.route, code, micros,
               exchange.user.empty() ? "-" : exchange.user,
               exchange.channel.empty() ? "-" : exchange.channel,
               exchange.note.empty() ? "" : " note=", exchange.note);
}

metrics::Counter& HttpServer::Impl::RequestCounter(std::string_view route, unsigned status) {
    thread_local std::string key;
    key.assign(route).push_back('|');
    key.append(std::to_string(status));
    {
        std::shared_lock lock(counters_mutex_);
        if (auto it = counters_.find(key); it != counters_.end()) return *it->second;
    }
    metrics::Counter& counter = registry_.GetCounter(
        "escbot_http_requests_total", "HTTP requests answered, by route and status.",
        {{"route", std::string(route)}, {"status", std::to_string(status)}});
    std::unique_lock lock(counters_mutex_);
    counters_.emplace(key, &counter);
    return counter;
}

HttpServer::HttpServer(ServerOptions options, const Clock& clock, Dispatcher dispatcher,
                       HealthProbe health, metrics::Registry& registry)
    : impl_(std::make_unique<Impl>(std::move(options), clock, std::move(dispatcher),
                                   std::move(health), registry)) {}

HttpServer::~HttpServer() = default;

void HttpServer::Start() { impl_->Start(); }

void HttpServer::Stop(std::chrono::milliseconds grace) { impl_->Stop(grace); }

std::uint16_t HttpServer::port() const { return impl_->port(); }

}  // namespace escbot::http
