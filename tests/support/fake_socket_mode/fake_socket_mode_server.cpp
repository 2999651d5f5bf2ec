#include "tests/support/fake_socket_mode/fake_socket_mode_server.hpp"

#include <cstdio>
#include <deque>
#include <utility>  // before Asio: its awaitable.hpp uses std::exchange
#include <future>
#include <map>
#include <stdexcept>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace escbot::test {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// The completion token for `co_await op(..., Into(ec))`: errors land in `ec` instead of throwing.
auto Into(boost::system::error_code& ec) { return net::redirect_error(net::use_awaitable, ec); }

struct Conn {
    Conn(int id, beast::tcp_stream stream)
        : id(id), ws(std::move(stream)), park(ws.get_executor()) {}

    int id;
    websocket::stream<beast::tcp_stream> ws;
    net::steady_timer park;  // silent connections wait on it forever
    std::deque<std::string> out;
    bool writing = false;
    bool open = true;
};

}  // namespace

class FakeSocketModeServer::Impl {
public:
    Impl() : acceptor_(io_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
        port_ = acceptor_.local_endpoint().port();
        net::co_spawn(io_, Accept(), net::detached);
        thread_ = std::thread([this] { io_.run(); });
    }

    ~Impl() {
        io_.stop();
        thread_.join();
    }

    // Runs `f` on the server thread and returns its result; exceptions reach the caller.
    template <class F>
    auto Run(F f) const -> decltype(f()) {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto result = task.get_future();
        net::post(io_, [&task] { task(); });
        return result.get();
    }

    unsigned short port_ = 0;
    mutable net::io_context io_{1};
    tcp::acceptor acceptor_;
    std::thread thread_;

    // Server thread only.
    std::map<int, std::shared_ptr<Conn>> conns_;
    std::vector<ConnectionInfo> infos_;  // index id - 1
    std::map<std::string, std::string> envelopes_;  // envelope_id -> frame
    std::map<std::string, TimePoint> sent_at_;
    std::vector<RecordedAck> acks_;
    std::vector<std::string> other_frames_;
    std::vector<int> held_;
    int next_ticket_ = 0;
    int next_envelope_ = 0;
    int refuse_ = 0;
    int refused_ = 0;
    int silence_ = 0;
    bool hold_hello_ = false;

    ConnectionInfo& Info(int id) { return infos_.at(static_cast<std::size_t>(id - 1)); }

    std::shared_ptr<Conn> Pick(int connection) {
        if (connection == kNewest) connection = Newest();
        auto it = conns_.find(connection);
        if (it == conns_.end() || !it->second->open)
            throw std::runtime_error("fake socket mode: connection " + std::to_string(connection) +
                                     " is not open");
        return it->second;
    }

    int Newest() const {
        for (auto it = conns_.rbegin(); it != conns_.rend(); ++it) {
            if (it->second->open && infos_.at(static_cast<std::size_t>(it->first - 1)).hello_at)
                return it->first;
        }
        return 0;
    }

    int OpenCount() const {
        int n = 0;
        for (const auto& [id, conn] : conns_) n += conn->open ? 1 : 0;
        return n;
    }

    void Enqueue(const std::shared_ptr<Conn>& conn, std::string text) {
        conn->out.push_back(std::move(text));
        if (conn->writing) return;
        conn->writing = true;
        net::co_spawn(io_, WriteLoop(conn), net::detached);
    }

    void SendHello(const std::shared_ptr<Conn>& conn) {
        const nlohmann::json hello = {
            {"type", "hello"},
            {"num_connections", OpenCount()},
            {"debug_info",
             {{"host", "applink-fake-1"},
              {"build_number", 10},
              {"approximate_connection_time", 18060}}},
            {"connection_info", {{"app_id", "A111"}}}};
        Info(conn->id).hello_at = SteadyClock::now();
        Enqueue(conn, hello.dump());
    }

    void MarkClosed(Conn& conn, bool by_client, bool dropped) {
        if (!conn.open) return;
        conn.open = false;
        auto& info = Info(conn.id);
        info.open = false;
        info.closed_at = SteadyClock::now();
        info.closed_by_client = by_client;
        info.dropped = dropped;
    }

    std::string NextEnvelopeId() {
        const int n = ++next_envelope_;
        char id[40];
        std::snprintf(id, sizeof id, "5c3d%04x-1a2b-4c3d-8e4f-e1f0%08x", n & 0xffff, n);
        return id;
    }

    void RecordFrame(int connection, const std::string& text) {
        const auto now = SteadyClock::now();
        auto frame = nlohmann::json::parse(text, nullptr, false);
        if (!frame.is_object() || !frame.contains("envelope_id") ||
            !frame["envelope_id"].is_string()) {
            other_frames_.push_back(text);
            return;
        }
        RecordedAck ack;
        ack.envelope_id = frame["envelope_id"].get<std::string>();
        if (frame.contains("payload")) ack.payload = frame["payload"];
        ack.connection = connection;
        const auto sent = sent_at_.find(ack.envelope_id);
        ack.sent_at = sent == sent_at_.end() ? now : sent->second;
        ack.arrived_at = now;
        acks_.push_back(std::move(ack));
    }

    net::awaitable<void> Accept() {
        for (;;) {
            beast::error_code ec;
            tcp::socket socket = co_await acceptor_.async_accept(
                Into(ec));
            if (ec) co_return;
            net::co_spawn(io_, Session(std::move(socket)), net::detached);
        }
    }

    net::awaitable<void> Session(tcp::socket socket) {
        beast::error_code ec;
        socket.set_option(tcp::no_delay(true), ec);
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        http::request<http::string_body> request;
        co_await http::async_read(stream, buffer, request, Into(ec));
        if (ec) co_return;

        if (refuse_ > 0 || !websocket::is_upgrade(request)) {
            if (refuse_ > 0) {
                --refuse_;
                ++refused_;
            }
            http::response<http::string_body> response{http::status::service_unavailable,
                                                       request.version()};
            response.set(http::field::content_type, "text/plain");
            response.body() = "upgrade refused";
            response.keep_alive(false);
            response.prepare_payload();
            co_await http::async_write(stream, response, Into(ec));
            stream.socket().shutdown(tcp::socket::shutdown_send, ec);
            co_return;
        }

        const int id = static_cast<int>(infos_.size()) + 1;
        auto conn = std::make_shared<Conn>(id, std::move(stream));
        conn->ws.set_option(websocket::stream_base::timeout{
            std::chrono::seconds(5), websocket::stream_base::none(), false});
        co_await conn->ws.async_accept(request, Into(ec));
        if (ec) co_return;

        ConnectionInfo info;
        info.id = id;
        info.target = std::string(request.target());
        info.opened_at = SteadyClock::now();
        infos_.push_back(info);
        conns_[id] = conn;

        if (silence_ > 0) {
            --silence_;
            SendHello(conn);
            conn->park.expires_at(TimePoint::max());
            co_await conn->park.async_wait(Into(ec));
            co_return;
        }
        if (hold_hello_) {
            held_.push_back(id);
        } else {
            SendHello(conn);
        }

        beast::flat_buffer frames;
        for (;;) {
            co_await conn->ws.async_read(frames, Into(ec));
            if (ec) break;
            if (conn->ws.got_text()) RecordFrame(id, beast::buffers_to_string(frames.data()));
            frames.consume(frames.size());
        }
        MarkClosed(*conn, ec == websocket::error::closed, false);
    }

    net::awaitable<void> WriteLoop(std::shared_ptr<Conn> conn) {
        beast::error_code ec;
        while (!conn->out.empty() && conn->open) {
            conn->ws.text(true);
            co_await conn->ws.async_write(net::buffer(conn->out.front()),
                                          Into(ec));
            if (ec) break;
            conn->out.pop_front();
        }
        conn->out.clear();
        conn->writing = false;
    }
};

FakeSocketModeServer::FakeSocketModeServer() : impl_(std::make_unique<Impl>()) {}
FakeSocketModeServer::~FakeSocketModeServer() = default;

unsigned short FakeSocketModeServer::port() const { return impl_->port_; }

std::string FakeSocketModeServer::NewUrl() {
    const int ticket = impl_->Run([this] { return ++impl_->next_ticket_; });
    return "ws://127.0.0.1:" + std::to_string(port()) + "/link?ticket=" + std::to_string(ticket);
}

std::string FakeSocketModeServer::SendSlashCommand(nlohmann::json payload,
                                                   bool accepts_response_payload, int connection) {
    return SendEnvelope("slash_commands", std::move(payload), accepts_response_payload, 0,
                        connection);
}

std::string FakeSocketModeServer::SendInteractive(nlohmann::json payload,
                                                  bool accepts_response_payload, int connection) {
    return SendEnvelope("interactive", std::move(payload), accepts_response_payload, 0, connection);
}

std::string FakeSocketModeServer::SendEvent(nlohmann::json payload, int retry_attempt,
                                            int connection) {
    return SendEnvelope("events_api", std::move(payload), false, retry_attempt, connection);
}

std::string FakeSocketModeServer::SendEnvelope(const std::string& type, nlohmann::json payload,
                                               bool accepts_response_payload, int retry_attempt,
                                               int connection) {
    return impl_->Run([&] {
        auto conn = impl_->Pick(connection);
        const std::string id = impl_->NextEnvelopeId();
        nlohmann::json envelope = {{"envelope_id", id},
                                   {"payload", std::move(payload)},
                                   {"type", type},
                                   {"accepts_response_payload", accepts_response_payload}};
        if (type == "events_api") {
            envelope["retry_attempt"] = retry_attempt;
            envelope["retry_reason"] = retry_attempt > 0 ? "timeout" : "";
        }
        impl_->envelopes_[id] = envelope.dump();
        impl_->sent_at_[id] = SteadyClock::now();
        impl_->Enqueue(conn, impl_->envelopes_[id]);
        return id;
    });
}

void FakeSocketModeServer::Redeliver(const std::string& envelope_id, int connection) {
    impl_->Run([&] {
        auto conn = impl_->Pick(connection);
        const auto it = impl_->envelopes_.find(envelope_id);
        if (it == impl_->envelopes_.end())
            throw std::runtime_error("fake socket mode: unknown envelope " + envelope_id);
        impl_->sent_at_[envelope_id] = SteadyClock::now();
        impl_->Enqueue(conn, it->second);
    });
}

std::string FakeSocketModeServer::RetryEvent(const std::string& envelope_id, int retry_attempt,
                                             bool same_envelope_id, int connection) {
    return impl_->Run([&] {
        auto conn = impl_->Pick(connection);
        const auto it = impl_->envelopes_.find(envelope_id);
        if (it == impl_->envelopes_.end())
            throw std::runtime_error("fake socket mode: unknown envelope " + envelope_id);
        nlohmann::json envelope = nlohmann::json::parse(it->second);
        const std::string id = same_envelope_id ? envelope_id : impl_->NextEnvelopeId();
        envelope["envelope_id"] = id;
        envelope["retry_attempt"] = retry_attempt;
        envelope["retry_reason"] = "timeout";
        impl_->envelopes_[id] = envelope.dump();
        impl_->sent_at_[id] = SteadyClock::now();
        impl_->Enqueue(conn, impl_->envelopes_[id]);
        return id;
    });
}

void FakeSocketModeServer::SendDisconnect(const std::string& reason, int connection) {
    const nlohmann::json frame = {
        {"type", "disconnect"}, {"reason", reason}, {"debug_info", {{"host", "applink-fake-1"}}}};
    SendRaw(frame.dump(), connection);
}

void FakeSocketModeServer::SendRaw(const std::string& text, int connection) {
    impl_->Run([&] { impl_->Enqueue(impl_->Pick(connection), text); });
}

void FakeSocketModeServer::DropConnection(int connection) {
    impl_->Run([&] {
        auto conn = impl_->Pick(connection);
        auto& socket = beast::get_lowest_layer(conn->ws).socket();
        beast::error_code ec;
        socket.set_option(net::socket_base::linger(true, 0), ec);  // RST, not FIN
        socket.close(ec);
        impl_->MarkClosed(*conn, false, true);
    });
}

void FakeSocketModeServer::RefuseNextUpgrades(int count) {
    impl_->Run([&] { impl_->refuse_ += count; });
}

void FakeSocketModeServer::HoldHello(bool hold) {
    impl_->Run([&] {
        impl_->hold_hello_ = hold;
        if (hold) return;
        for (int id : impl_->held_) {
            auto it = impl_->conns_.find(id);
            if (it != impl_->conns_.end() && it->second->open) impl_->SendHello(it->second);
        }
        impl_->held_.clear();
    });
}

void FakeSocketModeServer::SilenceNextConnections(int count) {
    impl_->Run([&] { impl_->silence_ += count; });
}

int FakeSocketModeServer::ConnectionsAccepted() const {
    return impl_->Run([this] { return static_cast<int>(impl_->infos_.size()); });
}

int FakeSocketModeServer::OpenConnections() const {
    return impl_->Run([this] { return impl_->OpenCount(); });
}

int FakeSocketModeServer::RefusedUpgrades() const {
    return impl_->Run([this] { return impl_->refused_; });
}

int FakeSocketModeServer::NewestConnection() const {
    return impl_->Run([this] { return impl_->Newest(); });
}

std::vector<FakeSocketModeServer::ConnectionInfo> FakeSocketModeServer::Connections() const {
    return impl_->Run([this] { return impl_->infos_; });
}

std::vector<FakeSocketModeServer::RecordedAck> FakeSocketModeServer::Acks() const {
    return impl_->Run([this] { return impl_->acks_; });
}

std::vector<FakeSocketModeServer::RecordedAck> FakeSocketModeServer::AcksFor(
    const std::string& envelope_id) const {
    return impl_->Run([&] {
        std::vector<RecordedAck> out;
        for (const auto& ack : impl_->acks_)
            if (ack.envelope_id == envelope_id) out.push_back(ack);
        return out;
    });
}

std::vector<std::string> FakeSocketModeServer::OtherFrames() const {
    return impl_->Run([this] { return impl_->other_frames_; });
}

}  // namespace escbot::test
