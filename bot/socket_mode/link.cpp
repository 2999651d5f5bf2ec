#include "bot/socket_mode/link.hpp"

#include <deque>
#include <utility>  // before Asio: its awaitable.hpp uses std::exchange
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "bot/core/logging.hpp"

namespace escbot::socket_mode::detail {
namespace {

namespace net = boost::asio;          // from <boost/asio.hpp>
namespace beast = boost::beast;       // from <boost/beast.hpp>
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

const std::shared_ptr<spdlog::logger>& Log() {
    static const auto log = logging::Get("socket_mode");
    return log;
}

// The completion token for `co_await op(..., Into(ec))`: errors land in `ec` instead of throwing.
auto Into(boost::system::error_code& ec) { return net::redirect_error(net::use_awaitable, ec); }

bool IsIpLiteral(const std::string& host) {
    boost::system::error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

// One connection. Coroutines (Run, WriteLoop, PingLoop) and callers all run on the single I/O
// thread, so the members need no locking; each coroutine holds a shared_ptr to keep it alive.
template <class Ws>
class WsLink final : public Link, public std::enable_shared_from_this<WsLink<Ws>> {
public:
    static constexpr bool kTls = std::is_same_v<Ws, TlsWs>;

    template <class... StreamArgs>
    WsLink(int id, net::io_context& io, WsUrl url, const LinkSettings& settings,
           LinkHandlers handlers, StreamArgs&&... stream_args)
        : Link(id),
          io_(io),
          ws_(std::forward<StreamArgs>(stream_args)...),
          resolver_(io),
          ping_timer_(io),
          url_(std::move(url)),
          settings_(settings),
          handlers_(std::move(handlers)) {}

    void Start() {
        auto self = this->shared_from_this();
        net::co_spawn(io_, Run(self), [self](std::exception_ptr error) {
            if (error) self->FinishAfterException(error, "run");
        });
    }

    bool Open() const override { return open_ && !closing_ && !finished_; }

    bool Send(std::string text) override {
        if (!Open()) return false;
        queue_.push_back(std::move(text));
        if (!writing_) {
            writing_ = true;
            auto self = this->shared_from_this();
            net::co_spawn(io_, WriteLoop(self), [self](std::exception_ptr error) {
                if (error) self->FinishAfterException(error, "write");
            });
        }
        return true;
    }

    void Close() override {
        if (finished_ || closing_) return;
        if (!open_) {
            Finish(LinkEnd::kClosedByUs, "closed before the upgrade");
            return;
        }
        closing_ = true;
        ping_timer_.cancel();
        if (!writing_) StartCloseHandshake();  // otherwise WriteLoop starts it once drained
    }

    void Abort() override {
        auto keep = this->shared_from_this();
        Finish(LinkEnd::kClosedByUs, "aborted");
    }

private:
    net::awaitable<void> Run(std::shared_ptr<WsLink> self) {
        beast::error_code ec;

        const auto endpoints = co_await resolver_.async_resolve(url_.host, url_.port, Into(ec));
        if (ec || finished_) {
            Finish(LinkEnd::kRefused, "resolve: " + ec.message());
            co_return;
        }
        auto& tcp_layer = beast::get_lowest_layer(ws_);
        tcp_layer.expires_after(settings_.handshake_timeout);
        co_await tcp_layer.async_connect(endpoints, Into(ec));
        if (ec || finished_) {
            Finish(LinkEnd::kRefused, "connect: " + ec.message());
            co_return;
        }
        // Acks are small frames sent while earlier ones may be unacknowledged: without this,
        // Nagle's algorithm can hold one back for a delayed-ACK period (40 ms on Linux).
        tcp_layer.socket().set_option(tcp::no_delay(true), ec);

        if constexpr (kTls) {
            // SNI for host names (not IP literals, RFC 6066), and the certificate must name the
            // host: verify_peer alone would accept any certificate a public CA signed.
            if (!IsIpLiteral(url_.host) &&
                !SSL_set_tlsext_host_name(ws_.next_layer().native_handle(), url_.host.c_str())) {
                Finish(LinkEnd::kRefused, "tls: cannot set SNI");
                co_return;
            }
            ws_.next_layer().set_verify_callback(net::ssl::host_name_verification(url_.host));
            co_await ws_.next_layer().async_handshake(net::ssl::stream_base::client, Into(ec));
            if (ec || finished_) {
                Finish(LinkEnd::kRefused, "tls: " + ec.message());
                co_return;
            }
        }

        // From here the WebSocket layer keeps its own handshake timer (Beast's rule: never both).
        tcp_layer.expires_never();
        ws_.set_option(websocket::stream_base::timeout{
            settings_.handshake_timeout, websocket::stream_base::none(), false});
        ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
            request.set(beast::http::field::user_agent, "escalation-bot");
        }));
        ws_.read_message_max(settings_.max_frame_bytes);
        ws_.control_callback([this](websocket::frame_type, beast::string_view) {
            last_traffic_ = SteadyClock::now();  // pongs and server pings count as traffic
        });
        websocket::response_type response;
        co_await ws_.async_handshake(response, url_.HostHeader(), url_.target, Into(ec));
        if (ec || finished_) {
            Finish(LinkEnd::kRefused, "upgrade: " + ec.message() + " (HTTP " +
                                          std::to_string(response.result_int()) + ")");
            co_return;
        }

        open_ = true;
        last_traffic_ = SteadyClock::now();
        net::co_spawn(io_, PingLoop(self), [self](std::exception_ptr error) {
            if (error) self->FinishAfterException(error, "ping");
        });

        beast::flat_buffer buffer;
        for (;;) {
            co_await ws_.async_read(buffer, Into(ec));
            if (ec || finished_) break;
            last_traffic_ = SteadyClock::now();
            if (ws_.got_text()) handlers_.on_text(id(), beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
            if (finished_) co_return;  // the handler aborted us
        }
        if (ec == websocket::error::closed) {
            Finish(closing_ ? LinkEnd::kClosedByUs : LinkEnd::kClosedByServer, "");
        } else {
            Finish(closing_ ? LinkEnd::kClosedByUs : LinkEnd::kLost, "read: " + ec.message());
        }
    }

    net::awaitable<void> WriteLoop(std::shared_ptr<WsLink> /*keep_alive*/) {
        beast::error_code ec;
        while (!queue_.empty() && !finished_) {
            ws_.text(true);
            co_await ws_.async_write(net::buffer(queue_.front()),
                                     Into(ec));
            if (ec || finished_) {
                Finish(LinkEnd::kLost, "write: " + ec.message());
                co_return;
            }
            queue_.pop_front();
        }
        writing_ = false;
        if (closing_ && !finished_) StartCloseHandshake();
    }

    // Every ping_interval: send a ping unless one is outstanding; if the outstanding one has had
    // no pong (nor any other frame) for ping_timeout, the connection is dead.
    net::awaitable<void> PingLoop(std::shared_ptr<WsLink> self) {
        beast::error_code ec;
        for (;;) {
            ping_timer_.expires_after(settings_.ping_interval);
            co_await ping_timer_.async_wait(Into(ec));
            if (ec || finished_ || closing_) co_return;

            const auto now = SteadyClock::now();
            if (ping_sent_at_ && last_traffic_ < *ping_sent_at_) {
                if (now - *ping_sent_at_ >= settings_.ping_timeout) {
                    Finish(LinkEnd::kPingTimeout, "no pong");
                    co_return;
                }
                continue;
            }
            if (!ping_in_flight_) {
                ping_in_flight_ = true;
                ping_sent_at_ = now;
                ws_.async_ping({}, [self](beast::error_code) { self->ping_in_flight_ = false; });
            }
        }
    }

    void StartCloseHandshake() {
        auto self = this->shared_from_this();
        ws_.async_close(websocket::close_code::normal, [self](beast::error_code ec) {
            // Success: the pending read completes with error::closed and finishes the link.
            if (ec) self->Finish(LinkEnd::kClosedByUs, "close: " + ec.message());
        });
    }

    void FinishAfterException(const std::exception_ptr& error, const char* where) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            Log()->error("link {}: {} failed: {}", id(), where, e.what());
        } catch (...) {
            Log()->error("link {}: {} failed", id(), where);
        }
        Finish(LinkEnd::kLost, "internal error");
    }

    void Finish(LinkEnd end, const std::string& detail) {
        if (finished_) return;
        finished_ = true;
        open_ = false;
        queue_.clear();
        resolver_.cancel();
        ping_timer_.cancel();
        beast::get_lowest_layer(ws_).close();  // aborts whatever is pending
        if (handlers_.on_closed) handlers_.on_closed(id(), end, detail);
    }

    net::io_context& io_;
    Ws ws_;
    tcp::resolver resolver_;
    net::steady_timer ping_timer_;
    WsUrl url_;
    LinkSettings settings_;
    LinkHandlers handlers_;

    std::deque<std::string> queue_;
    bool open_ = false;
    bool closing_ = false;
    bool finished_ = false;
    bool writing_ = false;
    bool ping_in_flight_ = false;
    std::optional<SteadyClock::time_point> ping_sent_at_;
    SteadyClock::time_point last_traffic_ = SteadyClock::now();
};

}  // namespace

const char* LinkEndName(LinkEnd end) {
    switch (end) {
        case LinkEnd::kClosedByUs: return "closed_by_us";
        case LinkEnd::kClosedByServer: return "closed_by_server";
        case LinkEnd::kRefused: return "refused";
        case LinkEnd::kPingTimeout: return "ping_timeout";
        case LinkEnd::kLost: return "lost";
    }
    return "unknown";
}

std::shared_ptr<Link> StartLink(int id, net::io_context& io, net::ssl::context& tls,
                                const WsUrl& url, const LinkSettings& settings,
                                LinkHandlers handlers) {
    if (url.tls) {
        auto link = std::make_shared<WsLink<TlsWs>>(id, io, url, settings, std::move(handlers), io,
                                                    tls);
        link->Start();
        return link;
    }
    auto link = std::make_shared<WsLink<PlainWs>>(id, io, url, settings, std::move(handlers), io);
    link->Start();
    return link;
}

net::ssl::context MakeVerifyingTlsContext() {
    net::ssl::context tls(net::ssl::context::tls_client);
    tls.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                    net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                    net::ssl::context::no_tlsv1_1);
    tls.set_default_verify_paths();
    tls.set_verify_mode(net::ssl::verify_peer);
    return tls;
}

}  // namespace escbot::socket_mode::detail
