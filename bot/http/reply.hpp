#pragma once

// Internal to the HTTP server: the answer a session writes, and the conversions Beast needs.

#include <string>
#include <string_view>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>

namespace escbot::http {

inline constexpr std::string_view kJsonType = "application/json";
inline constexpr std::string_view kTextType = "text/plain; charset=utf-8";
inline constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

/// A response about to be written.
struct Reply {
    boost::beast::http::status status = boost::beast::http::status::ok;
    std::string_view content_type;  // none when empty
    std::string_view allow;         // the Allow header of a 405
    std::string body;
    bool close = false;    // close the connection after writing
    bool drain = false;    // request bytes may be left unread: linger before closing
    bool abandon = false;  // the connection is gone (timeout, reset): nothing can be written
};

inline Reply MakeReply(boost::beast::http::status status, std::string_view content_type,
                       std::string_view body) {
    Reply reply;
    reply.status = status;
    reply.content_type = content_type;
    reply.body.assign(body);
    return reply;
}

/// An error answer after which the connection cannot be trusted to be in sync.
inline Reply MakeClosingReply(boost::beast::http::status status, std::string_view body) {
    Reply reply = MakeReply(status, kTextType, body);
    reply.close = true;
    reply.drain = true;
    return reply;
}

inline Reply Abandoned() {
    Reply reply;
    reply.abandon = true;
    return reply;
}

// Boost 1.74's Beast speaks boost::string_view.
inline boost::beast::string_view ToBeast(std::string_view text) {
    return {text.data(), text.size()};
}
inline std::string_view FromBeast(boost::beast::string_view text) {
    return {text.data(), text.size()};
}

}  // namespace escbot::http
