#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// One HTTP response as the client received it.
struct HttpResponse {
    int status = 0;
    HeaderList headers;  // in arrival order, names as sent
    std::string body;
    bool keep_alive = true;  // false when the server said it will close the connection

    /// The first header with this name (case-insensitive); "" when absent.
    std::string Header(std::string_view name) const;
    bool HasHeader(std::string_view name) const;
    /// The body parsed as JSON; throws nlohmann::json::parse_error when it is not JSON.
    nlohmann::json Json() const;
};

/// A request for HttpClient::Send. Host and Content-Length are added by the client.
struct HttpRequest {
    std::string method = "GET";
    std::string target = "/";
    HeaderList headers;
    std::string body;
};

/// A small synchronous HTTP/1.1 client for tests (Boost.Beast underneath): one keep-alive
/// connection, reused across requests and reopened when the server closed it. Every operation
/// is bounded by `timeout` and throws std::runtime_error when it runs out or the connection
/// fails, so a misbehaving server fails a test instead of hanging it. Not thread-safe: one
/// client per thread.
class HttpClient {
public:
    explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1",
                        std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~HttpClient();
    HttpClient(HttpClient&&) noexcept;
    HttpClient& operator=(HttpClient&&) noexcept;

    /// Sends one request and reads its response. On a reused connection that turns out to have
    /// been closed by the server before answering, retries once on a new connection.
    HttpResponse Send(const HttpRequest& request);
    HttpResponse Get(std::string target);
    HttpResponse Post(std::string target, std::string content_type, std::string body,
                      HeaderList headers = {});

    /// Writes bytes as they are (malformed requests, partial requests, slow senders), opening a
    /// connection first if there is none. Follow with ReadResponse() or WaitForClose().
    void SendRaw(std::string_view bytes);
    /// Reads one response from the current connection.
    HttpResponse ReadResponse();
    /// True when the server closes the connection (EOF or reset) within `timeout`; false when it
    /// stays open that long. Whatever the server sends meanwhile is discarded.
    bool WaitForClose(std::chrono::milliseconds timeout);
    /// Closes the connection (the next request opens a new one).
    void Close();

    bool connected() const;
    /// How many TCP connections this client has opened so far (keep-alive tests).
    int connections_opened() const;
    std::uint16_t port() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace escbot::test
