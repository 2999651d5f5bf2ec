#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace escbot::socket_mode {

/// A WebSocket URL split for connecting: wss://host[:port]/path?query or ws://….
struct WsUrl {
    bool tls = true;
    std::string host;    // without brackets for IPv6 literals
    std::string port;    // "443" / "80" when the URL has none
    std::string target;  // path and query, at least "/"

    /// The Host header: host, plus ":port" when the port is not the scheme's default.
    std::string HostHeader() const;
};

/// Parses a ws:// or wss:// URL; nullopt for any other scheme or an empty host. Pure.
std::optional<WsUrl> ParseWsUrl(std::string_view url);

}  // namespace escbot::socket_mode
