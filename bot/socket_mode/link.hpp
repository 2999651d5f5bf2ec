#pragma once

// Internal to bot/socket_mode: one WebSocket connection to a Socket Mode URL. Asio and OpenSSL
// types appear here, so only this folder's .cpp files include it.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include "bot/socket_mode/ws_url.hpp"

namespace escbot::socket_mode::detail {

/// Why a link ended.
enum class LinkEnd {
    kClosedByUs,      // our Close() finished (or Abort() was called)
    kClosedByServer,  // the server sent a close frame
    kRefused,         // TCP connect, TLS or the WebSocket upgrade failed
    kPingTimeout,     // no pong or other traffic within the ping timeout
    kLost,            // read/write error or end of stream after the upgrade
};

const char* LinkEndName(LinkEnd end);

struct LinkSettings {
    /// Bounds TCP connect + TLS + upgrade, and the close handshake.
    std::chrono::milliseconds handshake_timeout{10'000};
    std::chrono::milliseconds ping_interval{5'000};
    std::chrono::milliseconds ping_timeout{5'000};
    std::size_t max_frame_bytes = 4 * 1024 * 1024;
};

/// Callbacks, each invoked on the I/O thread.
struct LinkHandlers {
    std::function<void(int link_id, std::string text)> on_text;
    /// Called exactly once, when the link is finished; `detail` is an error description.
    std::function<void(int link_id, LinkEnd end, const std::string& detail)> on_closed;
};

/// One WebSocket connection: connects (TLS with certificate and host name verification for wss),
/// upgrades, then reads text frames, sends client pings and watches for pongs. Every member is
/// called on the I/O thread only.
class Link {
public:
    virtual ~Link() = default;

    int id() const { return id_; }
    /// True once the WebSocket upgrade succeeded and until Close()/Abort() or the end.
    virtual bool Open() const = 0;
    /// Queues a text frame; frames queued before Close() are still written. Dropped once the link
    /// is closing or finished (returns false).
    virtual bool Send(std::string text) = 0;
    /// Sends the queued frames, then a close frame, and waits for the server's (bounded by the
    /// handshake timeout). Before the upgrade it is the same as Abort().
    virtual void Close() = 0;
    /// Shuts the socket at once.
    virtual void Abort() = 0;

protected:
    explicit Link(int id) : id_(id) {}

private:
    int id_;
};

/// Creates a link and starts connecting. `tls` is used for wss:// only and must outlive the link.
std::shared_ptr<Link> StartLink(int id, boost::asio::io_context& io, boost::asio::ssl::context& tls,
                                const WsUrl& url, const LinkSettings& settings,
                                LinkHandlers handlers);

/// A TLS client context with certificate verification on against the system CA store and TLS 1.2+.
/// Throws boost::system::system_error when the store cannot be loaded (a start-up failure).
boost::asio::ssl::context MakeVerifyingTlsContext();

}  // namespace escbot::socket_mode::detail
