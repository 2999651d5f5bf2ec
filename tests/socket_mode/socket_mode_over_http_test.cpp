// The client against the real CurlSlackApi and the fake Slack Web API over HTTP on loopback, so
// the app token's trip to apps.connections.open is checked on the wire.

#include <atomic>
#include <optional>

#include <gtest/gtest.h>

#include "bot/slack/curl_slack_api.hpp"
#include "bot/socket_mode/socket_mode_client.hpp"
#include "tests/socket_mode/wait_until.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/fake_socket_mode/fake_socket_mode_server.hpp"

namespace escbot::socket_mode {
namespace {

using namespace std::chrono_literals;
using test::WaitUntil;

class SocketModeOverHttpTest : public ::testing::Test {
protected:
    SocketModeOverHttpTest() : api_(ApiOptions(slack_), registry_) {
        slack_.SetSocketModeUrl(socket_server_.NewUrl());
    }

    static slack::CurlSlackApiOptions ApiOptions(const test::FakeSlackServer& slack) {
        slack::CurlSlackApiOptions options;
        options.base_url = slack.BaseUrl();
        options.bot_token = slack.options().bot_token;
        options.connect_timeout = 1s;
        options.total_timeout = 2s;
        return options;
    }

    SocketModeClient::Options ClientOptions(std::string app_token) {
        SocketModeClient::Options options;
        options.app_token = std::move(app_token);
        options.backoff_initial = 20ms;
        options.backoff_max = 200ms;
        options.hello_timeout = 2s;
        options.handshake_timeout = 1s;
        return options;
    }

    void Start(std::string app_token) {
        client_.emplace(ClientOptions(std::move(app_token)), api_,
                        [this](const routing::Inbound&) {
                            ++dispatched_;
                            return routing::Ack::Empty();
                        },
                        registry_);
        client_->Start();
    }

    test::FakeSocketModeServer socket_server_;
    test::FakeSlackServer slack_;
    metrics::Registry registry_;
    slack::CurlSlackApi api_;
    std::atomic<int> dispatched_{0};
    std::optional<SocketModeClient> client_;
};

TEST_F(SocketModeOverHttpTest, AppTokenGoesAsBearerToAppsConnectionsOpenAndEnvelopesFlow) {
    Start(slack_.options().app_token);
    ASSERT_TRUE(WaitUntil([&] { return client_->Connected(); }));

    const std::string id = socket_server_.SendSlashCommand(
        {{"command", "/escalate"}, {"user_id", "U0AGENT1"}, {"channel_id", "C0SUPPORT"}});

    ASSERT_TRUE(WaitUntil([&] { return socket_server_.AcksFor(id).size() == 1; }));
    EXPECT_EQ(dispatched_.load(), 1);
    const auto calls = slack_.Calls("apps.connections.open");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].headers.at("authorization"), "Bearer " + slack_.options().app_token);
    EXPECT_FALSE(calls[0].args.contains("token"));
    EXPECT_EQ(slack_.CallCount(), 1u);  // the app token went nowhere else
}

TEST_F(SocketModeOverHttpTest, ABotTokenInPlaceOfTheAppTokenStopsTheClientForGood) {
    Start(slack_.options().bot_token);

    ASSERT_TRUE(WaitUntil([&] { return client_->state() == SocketModeClient::State::kFailed; }));
    EXPECT_EQ(client_->FatalError(), "not_allowed_token_type");
    EXPECT_EQ(slack_.CallCount("apps.connections.open"), 1u);
    EXPECT_EQ(socket_server_.ConnectionsAccepted(), 0);
}

}  // namespace
}  // namespace escbot::socket_mode
