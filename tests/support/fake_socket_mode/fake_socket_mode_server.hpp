#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::test {

/// Slack's Socket Mode server, faked on ws://127.0.0.1:<port> (Boost.Beast, its own thread) with
/// the real wire format (slack-platform.md §5): `hello` on connect, envelopes
/// ({"envelope_id","type","payload","accepts_response_payload"[,"retry_attempt","retry_reason"]}),
/// `disconnect` frames, and acks ({"envelope_id"[,"payload"]}) recorded with their arrival time.
/// It can also drop a connection abruptly, refuse upgrades, hold back hello and go silent.
///
/// Every method is thread-safe (it runs on the server's thread and waits for it). Methods that
/// send throw std::runtime_error when the chosen connection is not open.
class FakeSocketModeServer {
public:
    /// The newest open connection that has been sent its hello.
    static constexpr int kNewest = -1;

    using TimePoint = std::chrono::steady_clock::time_point;

    struct RecordedAck {
        std::string envelope_id;
        std::optional<nlohmann::json> payload;  // absent when the ack carried none
        int connection = 0;
        TimePoint sent_at;     // when the envelope was (last) sent
        TimePoint arrived_at;  // when its ack arrived
        std::chrono::steady_clock::duration Latency() const { return arrived_at - sent_at; }
    };

    struct ConnectionInfo {
        int id = 0;              // 1, 2, ... in order of upgrade
        std::string target;      // the request target, e.g. "/link?ticket=3"
        TimePoint opened_at;
        std::optional<TimePoint> hello_at;
        std::optional<TimePoint> closed_at;
        bool closed_by_client = false;  // the client sent a close frame
        bool dropped = false;           // DropConnection() cut it
        bool open = true;
    };

    FakeSocketModeServer();
    ~FakeSocketModeServer();
    FakeSocketModeServer(const FakeSocketModeServer&) = delete;
    FakeSocketModeServer& operator=(const FakeSocketModeServer&) = delete;

    unsigned short port() const;
    /// A fresh URL, as apps.connections.open returns it: ws://127.0.0.1:<port>/link?ticket=<n>.
    std::string NewUrl();

    /// Sends an envelope and returns its envelope_id.
    std::string SendSlashCommand(nlohmann::json payload, bool accepts_response_payload = true,
                                 int connection = kNewest);
    std::string SendInteractive(nlohmann::json payload, bool accepts_response_payload,
                                int connection = kNewest);
    /// events_api envelopes carry retry_attempt / retry_reason, as Slack's do.
    std::string SendEvent(nlohmann::json payload, int retry_attempt = 0, int connection = kNewest);
    std::string SendEnvelope(const std::string& type, nlohmann::json payload,
                             bool accepts_response_payload, int retry_attempt, int connection);
    /// Sends the very same envelope (same envelope_id) again.
    void Redeliver(const std::string& envelope_id, int connection = kNewest);
    /// Slack's retry of an events_api envelope left unacked: the same payload (so the same
    /// event_id) with retry_attempt and retry_reason "timeout", under a new envelope_id, or the
    /// same one when `same_envelope_id`. Returns the envelope_id sent.
    std::string RetryEvent(const std::string& envelope_id, int retry_attempt,
                           bool same_envelope_id = false, int connection = kNewest);
    /// {"type":"disconnect","reason":<reason>,...}; the connection stays open until the client
    /// closes it.
    void SendDisconnect(const std::string& reason, int connection = kNewest);
    void SendRaw(const std::string& text, int connection = kNewest);
    /// Cuts the TCP connection (RST), with no WebSocket close.
    void DropConnection(int connection = kNewest);

    /// The next `count` upgrade requests get HTTP 503 instead of a WebSocket.
    void RefuseNextUpgrades(int count = 1);
    /// While held, new connections are not sent hello; releasing sends the held ones.
    void HoldHello(bool hold);
    /// The next `count` connections get hello, then are never read again: no pongs, no acks.
    /// The server never notices when such a connection closes.
    void SilenceNextConnections(int count = 1);

    int ConnectionsAccepted() const;  // successful upgrades
    int OpenConnections() const;
    int RefusedUpgrades() const;
    int NewestConnection() const;  // id of the newest open connection that got hello; 0 if none
    std::vector<ConnectionInfo> Connections() const;
    std::vector<RecordedAck> Acks() const;
    std::vector<RecordedAck> AcksFor(const std::string& envelope_id) const;
    /// Text frames from the client that were not acks (should stay empty).
    std::vector<std::string> OtherFrames() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace escbot::test
