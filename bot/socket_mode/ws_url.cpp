#include "bot/socket_mode/ws_url.hpp"

#include <algorithm>

namespace escbot::socket_mode {

std::string WsUrl::HostHeader() const {
    const bool default_port = port == (tls ? "443" : "80");
    const std::string bracketed = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return default_port ? bracketed : bracketed + ":" + port;
}

std::optional<WsUrl> ParseWsUrl(std::string_view url) {
    WsUrl out;
    if (url.starts_with("wss://")) {
        url.remove_prefix(6);
    } else if (url.starts_with("ws://")) {
        out.tls = false;
        url.remove_prefix(5);
    } else {
        return std::nullopt;
    }

    const std::size_t path_start = url.find_first_of("/?");
    std::string_view authority = url.substr(0, path_start);
    out.target = path_start == std::string_view::npos ? "/" : std::string(url.substr(path_start));
    if (out.target.front() == '?') out.target.insert(0, "/");
    if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no userinfo

    std::string_view port;
    if (authority.starts_with("[")) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        out.host = std::string(authority.substr(1, close - 1));
        std::string_view rest = authority.substr(close + 1);
        if (rest.starts_with(":")) port = rest.substr(1);
        else if (!rest.empty()) return std::nullopt;
    } else {
        const std::size_t colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    }
    if (out.host.empty()) return std::nullopt;
    if (port.empty()) {
        out.port = out.tls ? "443" : "80";
    } else {
        if (port.size() > 5 || !std::all_of(port.begin(), port.end(),
                                            [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        out.port = std::string(port);
    }
    return out;
}

}  // namespace escbot::socket_mode
