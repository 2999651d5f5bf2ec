#include "bot/slack/curl_socket_driver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace escbot::slack {
namespace {

using namespace std::chrono_literals;

// A keep-alive HTTP server on loopback: one connection at a time, `answers` requests on it, then
// a close when told to (what a server does to a client's idle pooled connection).
class ClosingServer {
public:
    ClosingServer() {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof(address);
        bind(listener_, reinterpret_cast<sockaddr*>(&address), size);
        listen(listener_, 4);
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
        port_ = ntohs(address.sin_port);
    }
    ~ClosingServer() {
        if (thread_.joinable()) thread_.join();
        close(listener_);
    }

    void ServeOne(int answers, std::shared_future<void> close_now) {
        if (thread_.joinable()) thread_.join();
        thread_ = std::thread([this, answers, close_now] {
            const int connection = accept(listener_, nullptr, nullptr);
            std::string received;
            char buffer[4096];
            for (int answered = 0; answered < answers; ++answered) {
                std::size_t end;
                while ((end = received.find("\r\n\r\n")) == std::string::npos) {
                    const ssize_t n = read(connection, buffer, sizeof(buffer));
                    if (n <= 0) break;
                    received.append(buffer, static_cast<std::size_t>(n));
                }
                if (end == std::string::npos) break;
                received.erase(0, end + 4);
                const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
                (void)!write(connection, answer.data(), answer.size());
            }
            close_now.wait();
            close(connection);
        });
    }

    std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

private:
    int listener_ = -1;
    int port_ = 0;
    std::thread thread_;
};

class CurlSocketDriverTest : public ::testing::Test {
protected:
    CurlSocketDriverTest() : owned_multi_(curl_multi_init(), &curl_multi_cleanup),
                             multi_(owned_multi_.get()), driver_(multi_) {}
    ~CurlSocketDriverTest() override {
        if (easy_ != nullptr) curl_easy_cleanup(easy_);
    }

    // One GET through the driver; the easy handle (and with it the connection) stays for reuse.
    long Get(const std::string& url) {
        if (easy_ == nullptr) easy_ = curl_easy_init();
        curl_easy_setopt(easy_, CURLOPT_URL, url.c_str());
        curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) {
            return size * n;
        });
        curl_multi_add_handle(multi_, easy_);
        int running = 0;
        curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
        long status = 0;
        const auto give_up = std::chrono::steady_clock::now() + 5s;
        while (status == 0 && std::chrono::steady_clock::now() < give_up) {
            WaitForEvents(10);
            driver_.Poll();
            int left = 0;
            while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
                if (message->msg == CURLMSG_DONE) {
                    curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &status);
                    if (status == 0) status = -1;
                }
            }
        }
        curl_multi_remove_handle(multi_, easy_);
        return status;
    }

    void WaitForEvents(int timeout_ms) {
        pollfd watched{driver_.Handle(), POLLIN, 0};
        poll(&watched, 1, timeout_ms);
    }

    std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> owned_multi_;  // outlives driver_
    CURLM* multi_;
    CurlSocketDriver driver_;
    CURL* easy_ = nullptr;
};

TEST_F(CurlSocketDriverTest, AnIdleConnectionClosedByTheServerWakesTheLoopOnceNotForever) {
    ClosingServer server;
    std::promise<void> close_first;
    server.ServeOne(1, close_first.get_future().share());
    ASSERT_EQ(Get(server.Url()), 200);

    close_first.set_value();  // the pooled connection is now closed by the server
    int events = 0;
    for (int round = 0; round < 50; ++round) {
        WaitForEvents(5);
        events += driver_.Poll();
    }
    EXPECT_GE(events, 1);
    EXPECT_LE(events, 2);  // a parked socket left readable in the set would fire every round

    // The next call notices the dead connection and opens another (often on the same number).
    std::promise<void> close_second;
    server.ServeOne(1, close_second.get_future().share());
    EXPECT_EQ(Get(server.Url()), 200);
    close_second.set_value();
}

TEST_F(CurlSocketDriverTest, APooledConnectionIsWatchedAgainForEachCall) {
    ClosingServer server;
    std::promise<void> close_later;
    server.ServeOne(3, close_later.get_future().share());

    for (int call = 0; call < 3; ++call) {
        ASSERT_EQ(Get(server.Url()), 200) << "call " << call;
        long new_connections = -1;
        curl_easy_getinfo(easy_, CURLINFO_NUM_CONNECTS, &new_connections);
        EXPECT_EQ(new_connections, call == 0 ? 1 : 0) << "call " << call;
    }
    close_later.set_value();
}

}  // namespace
}  // namespace escbot::slack
