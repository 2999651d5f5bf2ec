#include "tests/support/http_client/http_client.hpp"

#include <optional>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace escbot::test {
namespace {

namespace beast = boost::beast;
namespace bh = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

bool SameName(std::string_view a, std::string_view b) {
    return beast::iequals(beast::string_view(a.data(), a.size()),
                          beast::string_view(b.data(), b.size()));
}

beast::string_view ToBeast(std::string_view text) { return {text.data(), text.size()}; }

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (SameName(key, name)) return value;
    }
    return "";
}

bool HttpResponse::HasHeader(std::string_view name) const {
    for (const auto& header : headers) {
        if (SameName(header.first, name)) return true;
    }
    return false;
}

nlohmann::json HttpResponse::Json() const { return nlohmann::json::parse(body); }

class HttpClient::Impl {
public:
    Impl(std::uint16_t port, std::string host, std::chrono::milliseconds timeout)
        : port_(port), host_(std::move(host)), timeout_(timeout) {}

    HttpResponse Send(const HttpRequest& request) {
        const bool reused = stream_.has_value();
        bh::request<bh::string_body> message(bh::string_to_verb(ToBeast(request.method)),
                                             ToBeast(request.target), 11);
        if (message.method() == bh::verb::unknown) message.method_string(ToBeast(request.method));
        message.set(bh::field::host, host_ + ":" + std::to_string(port_));
        for (const auto& [name, value] : request.headers) message.set(ToBeast(name), value);
        message.body() = request.body;
        if (!request.body.empty() || message.method() == bh::verb::post) message.prepare_payload();

        EnsureConnected();
        beast::error_code ec =
            Run([&](auto handler) { bh::async_write(*stream_, message, std::move(handler)); });
        std::optional<HttpResponse> response;
        if (!ec) response = TryRead(ec);
        if (!response && reused && IsClosedByPeer(ec)) {
            // The server closed the idle connection before our request reached it: reopen once.
            Close();
            EnsureConnected();
            ec = Run([&](auto handler) { bh::async_write(*stream_, message, std::move(handler)); });
            if (!ec) response = TryRead(ec);
        }
        if (!response) Fail("request " + request.method + " " + request.target, ec);
        return *std::move(response);
    }

    void SendRaw(std::string_view bytes) {
        EnsureConnected();
        const beast::error_code ec = Run([&](auto handler) {
            net::async_write(*stream_, net::buffer(bytes.data(), bytes.size()), std::move(handler));
        });
        if (ec) Fail("raw send", ec);
    }

    HttpResponse ReadResponse() {
        if (!stream_) throw std::runtime_error("HttpClient: ReadResponse without a connection");
        beast::error_code ec;
        std::optional<HttpResponse> response = TryRead(ec);
        if (!response) Fail("read response", ec);
        return *std::move(response);
    }

    bool WaitForClose(std::chrono::milliseconds timeout) {
        if (!stream_) return true;
        stream_->expires_after(timeout);
        char scratch[4096];
        for (;;) {
            beast::error_code ec;
            bool done = false;
            stream_->async_read_some(net::buffer(scratch), [&](beast::error_code e, std::size_t) {
                ec = e;
                done = true;
            });
            RunUntil(done);
            if (!ec) continue;
            const bool closed = ec != beast::error::timeout;
            Close();
            return closed;
        }
    }

    void Close() {
        if (!stream_) return;
        beast::error_code ignored;
        stream_->socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_->close();
        stream_.reset();
        buffer_.clear();
    }

    bool connected() const { return stream_.has_value(); }
    int connections_opened() const { return connections_opened_; }
    std::uint16_t port() const { return port_; }

private:
    void EnsureConnected() {
        if (stream_) return;
        stream_.emplace(io_);
        buffer_.clear();
        const tcp::endpoint endpoint(net::ip::make_address(host_), port_);
        const beast::error_code ec = Run([&](auto handler) {
            stream_->async_connect(
                endpoint, [h = std::move(handler)](beast::error_code e) mutable { h(e, 0); });
        });
        if (ec) {
            stream_.reset();
            Fail("connect to " + host_ + ":" + std::to_string(port_), ec);
        }
        ++connections_opened_;
    }

    std::optional<HttpResponse> TryRead(beast::error_code& ec) {
        bh::response_parser<bh::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        ec = Run(
            [&](auto handler) { bh::async_read(*stream_, buffer_, parser, std::move(handler)); });
        if (ec) return std::nullopt;
        const auto& message = parser.get();
        HttpResponse response;
        response.status = static_cast<int>(message.result_int());
        for (const auto& field : message) {
            response.headers.emplace_back(std::string(field.name_string()),
                                          std::string(field.value()));
        }
        response.body = message.body();
        response.keep_alive = message.keep_alive();
        if (!response.keep_alive) Close();
        return response;
    }

    // Starts one asynchronous operation and runs the io_context until it completes; the
    // stream's deadline guarantees that it does.
    template <class Start>
    beast::error_code Run(Start&& start) {
        beast::error_code result;
        bool done = false;
        stream_->expires_after(timeout_);
        start([&](beast::error_code ec, std::size_t) {
            result = ec;
            done = true;
        });
        RunUntil(done);
        return result;
    }

    void RunUntil(const bool& done) {
        io_.restart();
        while (!done && io_.run_one() > 0) {
        }
    }

    static bool IsClosedByPeer(const beast::error_code& ec) {
        return ec == bh::error::end_of_stream || ec == net::error::connection_reset ||
               ec == net::error::broken_pipe || ec == net::error::eof;
    }

    [[noreturn]] void Fail(const std::string& what, const beast::error_code& ec) {
        Close();
        throw std::runtime_error("HttpClient: " + what + " failed: " + ec.message());
    }

    const std::uint16_t port_;
    const std::string host_;
    const std::chrono::milliseconds timeout_;
    net::io_context io_;
    std::optional<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
    int connections_opened_ = 0;
};

HttpClient::HttpClient(std::uint16_t port, std::string host, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(port, std::move(host), timeout)) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::Send(const HttpRequest& request) { return impl_->Send(request); }

HttpResponse HttpClient::Get(std::string target) {
    HttpRequest request;
    request.target = std::move(target);
    return Send(request);
}

HttpResponse HttpClient::Post(std::string target, std::string content_type, std::string body,
                              HeaderList headers) {
    HttpRequest request;
    request.method = "POST";
    request.target = std::move(target);
    request.headers = std::move(headers);
    request.headers.emplace_back("Content-Type", std::move(content_type));
    request.body = std::move(body);
    return Send(request);
}

void HttpClient::SendRaw(std::string_view bytes) { impl_->SendRaw(bytes); }
HttpResponse HttpClient::ReadResponse() { return impl_->ReadResponse(); }
bool HttpClient::WaitForClose(std::chrono::milliseconds timeout) {
    return impl_->WaitForClose(timeout);
}
void HttpClient::Close() { impl_->Close(); }
bool HttpClient::connected() const { return impl_->connected(); }
int HttpClient::connections_opened() const { return impl_->connections_opened(); }
std::uint16_t HttpClient::port() const { return impl_->port(); }

}  // namespace escbot::test
