#pragma once

// Internal to the HTTP server: one client connection, request after request.

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange
#include <atomic>
#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>

#include "bot/http/buffered_io.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/inbound_parser.hpp"
#include "bot/http/reply.hpp"
#include "bot/http/request_log.hpp"

namespace escbot::http {

class HandlerQueue;
class IntakeGate;

/// One client connection. `idle` (touched only on the connection's I/O thread) is true while the
/// connection waits for a request to begin, which is when Stop() may close it at once.
struct Connection {
    Connection(boost::asio::ip::tcp::socket socket, IntakeGate& intake)
        : stream(std::move(socket)), gate(intake) {}
    boost::beast::tcp_stream stream;
    bool idle = true;
    IntakeGate& gate;  // its I/O thread's
};

/// What every session shares: owned by the listener, which outlives its sessions.
struct SessionContext {
    const ServerOptions& options;
    const Clock& clock;
    const Dispatcher& dispatcher;
    const HealthProbe& health;
    metrics::Registry& registry;
    RequestLog& log;
    const std::atomic<bool>& stopping;  // Stop() was called: answer with Connection: close
    HandlerQueue* handlers;  // null: the dispatcher and the health probe run on the I/O thread
};

/// Serves one connection on its I/O thread: reads a request (waiting at the intake gate first),
/// verifies the signature on the raw body, parses it, dispatches it, and writes the answer; then
/// the next request on the same connection, in order, until the client closes, a timeout, an
/// error that leaves the connection out of sync, or Stop(). Never throws for what a client sends.
class Session {
public:
    Session(const SessionContext& context, Connection& conn);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Returns once the connection is closed.
    boost::asio::awaitable<void> Run();

private:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;

    boost::asio::awaitable<bool> HandleRequest();
    boost::asio::awaitable<Reply> HandleSlack(RequestParser& parser, Exchange& exchange);
    std::optional<Reply> VerifyAndParse(const Request& request, Exchange& exchange,
                                        ParsedInbound& parsed);
    boost::asio::awaitable<Reply> Dispatch(routing::Inbound& inbound, Exchange& exchange);
    bool Healthy() const;
    boost::asio::awaitable<bool> Finish(unsigned version, bool keep_alive, Reply reply,
                                        const Exchange& exchange);
    boost::asio::awaitable<void> Close(bool drain);

    const SessionContext& context_;
    Connection& conn_;
    boost::beast::flat_buffer buffer_;
    // The current request's, kept here rather than in the coroutine frames of HandleRequest and
    // HandleSlack: a frame over 1 KiB is malloc'ed afresh per request (Asio recycles only smaller
    // ones) and makes glibc consolidate its free lists. Tuning: HandleRequest's frame (1,257
    // bytes) was 3.8 % of the CPU per request at c=64, then HandleSlack's (1,097) 6 % (perf).
    std::optional<Exchange> exchange_;
    std::optional<RequestParser> parser_;
    std::optional<ParsedInbound> parsed_;
};

}  // namespace escbot::http
