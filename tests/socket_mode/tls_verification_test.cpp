// wss:// is verified against the system CA store: a server whose certificate no trusted CA signed
// is never talked to, however well its name matches.

#include <atomic>
#include <optional>
#include <thread>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "bot/socket_mode/socket_mode_client.hpp"
#include "tests/socket_mode/fake_connections_open.hpp"
#include "tests/socket_mode/wait_until.hpp"
#include "tests/support/capture_sink.hpp"
#include "tests/support/fake_socket_mode/fake_socket_mode_server.hpp"

namespace escbot::socket_mode {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;
using tcp = net::ip::tcp;

// A TLS server on 127.0.0.1 with a fresh self-signed certificate for IP 127.0.0.1 (so the name
// matches and only trust is missing). It counts handshakes that succeed and fail.
class SelfSignedTlsServer {
public:
    SelfSignedTlsServer()
        : tls_(net::ssl::context::tls_server),
          acceptor_(io_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
        UseSelfSignedCertificate();
        Accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~SelfSignedTlsServer() {
        io_.stop();
        thread_.join();
    }

    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    int failed_handshakes() const { return failed_.load(); }
    int good_handshakes() const { return good_.load(); }

private:
    void UseSelfSignedCertificate() {
        EVP_PKEY* key = EVP_EC_gen("P-256");
        X509* cert = X509_new();
        X509_set_version(cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), -60);
        X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
        X509_set_pubkey(cert, key);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
        X509_set_issuer_name(cert, name);
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
        X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name,
                                                  "IP:127.0.0.1");
        X509_add_ext(cert, san, -1);
        X509_EXTENSION_free(san);
        X509_sign(cert, key, EVP_sha256());
        SSL_CTX_use_certificate(tls_.native_handle(), cert);
        SSL_CTX_use_PrivateKey(tls_.native_handle(), key);
        X509_free(cert);
        EVP_PKEY_free(key);
    }

    void Accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) return;
            auto stream = std::make_shared<net::ssl::stream<tcp::socket>>(std::move(socket), tls_);
            stream->async_handshake(net::ssl::stream_base::server,
                                    [this, stream](boost::system::error_code handshake) {
                                        ++(handshake ? failed_ : good_);
                                    });
            Accept();
        });
    }

    net::io_context io_{1};
    net::ssl::context tls_;
    tcp::acceptor acceptor_;
    std::atomic<int> failed_{0};
    std::atomic<int> good_{0};
    std::thread thread_;
};

// The fixture itself: a client that skips verification completes the handshake, so the refusals
// below come from verification and nothing else.
TEST(TlsVerification, SelfSignedServerCompletesAHandshakeWithANonVerifyingClient) {
    SelfSignedTlsServer tls_server;
    net::io_context io;
    net::ssl::context tls(net::ssl::context::tls_client);
    tls.set_verify_mode(net::ssl::verify_none);
    net::ssl::stream<tcp::socket> stream(io, tls);

    const auto loopback = net::ip::make_address("127.0.0.1");
    stream.next_layer().connect(tcp::endpoint(loopback, tls_server.port()));
    stream.handshake(net::ssl::stream_base::client);

    EXPECT_TRUE(test::WaitUntil([&] { return tls_server.good_handshakes() == 1; }));
}

TEST(TlsVerification, UntrustedCertificateIsRefusedAndRetriedWithoutConnecting) {
    test::CaptureLogs logs("info");
    SelfSignedTlsServer tls_server;
    test::FakeSocketModeServer unused;
    test::FakeConnectionsOpen api(unused);
    api.SetUrl("wss://127.0.0.1:" + std::to_string(tls_server.port()) + "/link?ticket=1");
    metrics::Registry registry;
    SocketModeClient::Options options;
    options.app_token = "xapp-1-A111-tls-test";
    options.backoff_initial = 10ms;
    options.backoff_max = 50ms;
    std::atomic<int> dispatched{0};
    SocketModeClient client(std::move(options), api,
                            [&](const routing::Inbound&) {
                                ++dispatched;
                                return routing::Ack::Empty();
                            },
                            registry);

    client.Start();

    ASSERT_TRUE(test::WaitUntil([&] { return tls_server.failed_handshakes() >= 2; }));
    EXPECT_EQ(tls_server.good_handshakes(), 0);
    EXPECT_FALSE(client.Connected());
    EXPECT_EQ(client.state(), SocketModeClient::State::kConnecting);
    EXPECT_GE(api.CallCount(), 2);
    EXPECT_NE(logs.sink().All().find("certificate verify failed"), std::string::npos);
}

}  // namespace
}  // namespace escbot::socket_mode
