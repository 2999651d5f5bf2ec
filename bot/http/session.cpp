#include "bot/http/session.hpp"

#include <limits>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/logger.h>

#include "bot/http/handler_queue.hpp"
#include "bot/http/intake_gate.hpp"
#include "bot/routing/router.hpp"
#include "bot/verify/signature.hpp"

// GCC 12 at -O2 inlines Asio's recycling allocator for coroutine frames and then misreports its
// matching operator delete as mismatched (a known false positive, as in tests/bench).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace escbot::http {
namespace {

namespace beast = boost::beast;
namespace bh = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

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

constexpr std::string_view kInvalidRequestBody = R"({"error":"invalid request"})";
constexpr std::string_view kBadRequestBody = R"({"error":"bad request"})";
constexpr std::string_view kInternalErrorBody = R"({"error":"internal error"})";

}  // namespace

Session::Session(const SessionContext& context, Connection& conn)
    : context_(context), conn_(conn), buffer_(kMaxBuffered) {}

net::awaitable<void> Session::Run() {
    bool first = true;
    for (;;) {
        if (co_await conn_.gate.Pass()) context_.log.IntakeHeld();
        if (buffer_.size() == 0) {
            if (context_.stopping) break;
            if (!first) conn_.stream.expires_after(context_.options.idle_timeout);
            conn_.idle = true;
            beast::error_code ec;
            const std::size_t n = co_await conn_.stream.async_read_some(
                buffer_.prepare(kReadChunk), net::redirect_error(net::use_awaitable, ec));
            conn_.idle = false;
            if (ec) break;  // closed by the client, idle timeout, or Stop()
            buffer_.commit(n);
        }
        if (!first) conn_.stream.expires_after(context_.options.read_timeout);
        first = false;
        if (!co_await HandleRequest()) co_return;  // HandleRequest closed it
    }
    beast::error_code ignored;
    conn_.stream.socket().close(ignored);
}

net::awaitable<bool> Session::HandleRequest() {
    Exchange& exchange = exchange_.emplace();
    RequestParser& parser = parser_.emplace();
    parser.header_limit(kHeaderLimit);
    // No limit while reading the header, so that an oversized Content-Length still yields a
    // complete header (and a 413 that says which request it was); the real limit follows.
    // (Not boost::none: Beast 1.74 compares the length with the optional, and none is smaller.)
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    beast::error_code ec = ParseBuffered(parser, buffer_, ParseUntil::kHeader);
    if (!ec && !parser.is_header_done()) {
        co_await bh::async_read_header(conn_.stream, buffer_, parser,
                                       net::redirect_error(net::use_awaitable, ec));
    }
    if (ec) {
        exchange.route = "malformed";
        exchange.note = "malformed headers";
        if (!IsHttpParseError(ec)) {
            HttpLog()->debug("connection dropped while reading headers: {}", ec.message());
            co_return co_await Finish(11, false, Abandoned(), exchange);
        }
        Reply reply = ec == bh::error::header_limit
                          ? MakeClosingReply(bh::status::request_header_fields_too_large,
                                             "request headers too large\n")
                          : MakeClosingReply(bh::status::bad_request, "bad request\n");
        co_return co_await Finish(11, false, std::move(reply), exchange);
    }

    parser.body_limit(context_.options.body_limit);
    const auto& request = parser.get();
    const std::string_view target = FromBeast(request.target());
    exchange.SetTarget(FromBeast(request.method_string()), target.substr(0, target.find('?')));

    const bool slack = exchange.endpoint == Endpoint::kSlack;
    Reply reply;
    if (exchange.endpoint == Endpoint::kUnknown) {
        reply = MakeReply(bh::status::not_found, kTextType, "not found\n");
    } else if (request.method() != (slack ? bh::verb::post : bh::verb::get)) {
        reply = MakeReply(bh::status::method_not_allowed, kTextType, "method not allowed\n");
        reply.allow = slack ? "POST" : "GET";
    } else if (slack) {
        reply = co_await HandleSlack(parser, exchange);
    } else if (exchange.endpoint == Endpoint::kHealth) {
        // The probe asks the database: off the I/O thread when handlers are.
        bool healthy = false;
        if (context_.handlers) {
            healthy = (co_await context_.handlers->Run([this] { return Healthy(); })).value();
        } else {
            healthy = Healthy();
        }
        std::string body = healthy ? "ok" : "unavailable";
        if (context_.options.health_detail) {
            try {
                if (const std::string detail = context_.options.health_detail(); !detail.empty())
                    body += "\n" + detail + "\n";
            } catch (const std::exception& e) {
                HttpLog()->error("health detail threw: {}", e.what());
            }
        }
        reply = MakeReply(healthy ? bh::status::ok : bh::status::service_unavailable, kTextType,
                          body);
    } else {
        reply = MakeReply(bh::status::ok, kPrometheusType, context_.registry.RenderText());
    }

    if (!parser.is_done()) {
        // An unread body would be taken for the next request: close after answering.
        reply.close = true;
        reply.drain = true;
    }
    const bool keep_alive = request.keep_alive() && !reply.close && !context_.stopping;
    co_return co_await Finish(request.version(), keep_alive, std::move(reply), exchange);
}

bool Session::Healthy() const {
    try {
        return !context_.health || context_.health();
    } catch (const std::exception& e) {
        HttpLog()->error("health probe threw: {}", e.what());
    } catch (...) {
        HttpLog()->error("health probe threw");
    }
    return false;
}

net::awaitable<Reply> Session::HandleSlack(RequestParser& parser, Exchange& exchange) {
    // Refuse an announced oversized body before reading a byte of it.
    const std::size_t limit = context_.options.body_limit;
    if (const auto length = parser.content_length(); length && *length > limit) {
        exchange.note = "body over limit";
        co_return MakeClosingReply(bh::status::payload_too_large, "payload too large\n");
    }

    beast::error_code ec = ParseBuffered(parser, buffer_, ParseUntil::kMessage);
    if (!ec && !parser.is_done()) {
        const auto expect = parser.get()[bh::field::expect];
        if (beast::iequals(expect, "100-continue")) {
            bh::response<bh::empty_body> go_on(bh::status::continue_, parser.get().version());
            co_await bh::async_write(conn_.stream, go_on,
                                     net::redirect_error(net::use_awaitable, ec));
            if (ec) co_return Abandoned();
        }
        co_await bh::async_read(conn_.stream, buffer_, parser,
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
            HttpLog()->debug("connection dropped while reading a body: {}", ec.message());
            co_return Abandoned();
        }
        co_return MakeClosingReply(bh::status::bad_request, "bad request\n");
    }

    ParsedInbound& parsed = parsed_.emplace();
    if (std::optional<Reply> refusal = VerifyAndParse(parser.get(), exchange, parsed))
        co_return *std::move(refusal);
    co_return co_await Dispatch(parsed.inbound, exchange);
}

std::optional<Reply> Session::VerifyAndParse(const Request& request, Exchange& exchange,
                                             ParsedInbound& parsed) {
    const std::string& body = request.body();
    const auto header = [&request](bh::field name) { return FromBeast(request[name]); };
    const auto custom_header = [&request](std::string_view name) {
        return FromBeast(request[ToBeast(name)]);
    };

    if (IsSslCheck(header(bh::field::content_type), body)) {
        exchange.route = "ssl_check";
        return MakeReply(bh::status::ok, "", "");
    }
    // The signature covers the raw bytes: nothing else is decoded or parsed before it passes.
    const verify::VerifyError verdict = verify::VerifySignature(
        context_.options.signing_secret, custom_header("X-Slack-Request-Timestamp"),
        custom_header("X-Slack-Signature"), body, context_.clock.Now());
    if (verdict != verify::VerifyError::kOk) {
        exchange.note = verify::ToString(verdict);
        return MakeReply(bh::status::unauthorized, kJsonType, kInvalidRequestBody);
    }

    parsed =
        ParseInbound(header(bh::field::content_type), body, custom_header("X-Slack-Retry-Num"),
                     exchange.started);
    if (parsed.status == ParseStatus::kBadRequest) {
        exchange.note = parsed.error;
        return MakeReply(bh::status::bad_request, kJsonType, kBadRequestBody);
    }
    return std::nullopt;
}

net::awaitable<Reply> Session::Dispatch(routing::Inbound& inbound, Exchange& exchange) {
    exchange.route = routing::RouteName(inbound);
    exchange.user = routing::UserId(inbound);
    exchange.channel = routing::ChannelId(inbound);
    try {
        std::optional<routing::Ack> ack;
        if (context_.handlers) {
            ack = co_await context_.handlers->Run([&] { return context_.dispatcher(inbound); });
        } else {
            ack = context_.dispatcher(inbound);
        }
        if (ack->IsEmpty() || ack->payload().is_null()) co_return MakeReply(bh::status::ok, "", "");
        Reply reply;
        reply.content_type = kJsonType;
        reply.body = ack->payload().dump();
        co_return reply;
    } catch (const std::exception& e) {
        HttpLog()->error("dispatcher threw: route={} user={} error={}", exchange.route,
                         exchange.user, e.what());
    } catch (...) {
        HttpLog()->error("dispatcher threw: route={} user={}", exchange.route, exchange.user);
    }
    exchange.note = "dispatcher failed";
    co_return MakeReply(bh::status::internal_server_error, kJsonType, kInternalErrorBody);
}

net::awaitable<bool> Session::Finish(unsigned version, bool keep_alive, Reply reply,
                                     const Exchange& exchange) {
    if (reply.abandon) {
        co_await Close(false);
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
    conn_.stream.expires_after(context_.options.read_timeout);
    beast::error_code ec;
    // Yield once first: the acks of requests read together then leave together, after all
    // their handlers, so the client wakes once for many responses; work the handlers started
    // waits behind the acks. Tuning: 81 us per request against 90 at c=64 (553551d).
    co_await net::post(conn_.stream.get_executor(), net::use_awaitable);
    ResponseSerializer serializer(response);
    WriteAvailable(conn_.stream.socket(), serializer, ec);
    if (!ec && !serializer.is_done()) {
        co_await bh::async_write(conn_.stream, serializer,
                                 net::redirect_error(net::use_awaitable, ec));
    }
    context_.log.Record(exchange, static_cast<unsigned>(reply.status));
    if (ec) HttpLog()->debug("response not delivered: {}", ec.message());
    if (ec || !keep_alive) {
        co_await Close(reply.drain && !ec);
        co_return false;
    }
    co_return true;
}

net::awaitable<void> Session::Close(bool drain) {
    beast::error_code ec;
    auto& socket = conn_.stream.socket();
    socket.shutdown(tcp::socket::shutdown_send, ec);
    if (drain && !ec) {
        conn_.idle = true;  // nothing in flight any more: Stop() may cut the linger short
        conn_.stream.expires_after(kLingerTime);
        buffer_.clear();
        std::size_t drained = 0;
        while (!ec && drained < kLingerBytes) {
            drained += co_await conn_.stream.async_read_some(
                buffer_.prepare(kReadChunk), net::redirect_error(net::use_awaitable, ec));
        }
    }
    socket.close(ec);
}

}  // namespace escbot::http
