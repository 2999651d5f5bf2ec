#include "bot/socket_mode/socket_mode_client.hpp"

#include <algorithm>
#include <cstdio>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "tests/socket_mode/fake_connections_open.hpp"
#include "tests/socket_mode/wait_until.hpp"
#include "tests/support/capture_sink.hpp"
#include "tests/support/fake_socket_mode/fake_socket_mode_server.hpp"

namespace escbot::socket_mode {
namespace {

using namespace std::chrono_literals;
using routing::Ack;
using routing::Inbound;
using test::FakeConnectionsOpen;
using test::FakeSocketModeServer;
using test::WaitUntil;

constexpr const char* kAppToken = "xapp-1-A111-1234-s3cr3tappt0ken";

nlohmann::json SlashCommand(const std::string& command, const std::string& text = "") {
    return {{"command", command}, {"text", text},         {"user_id", "U0AGENT1"},
            {"channel_id", "C0SUPPORT"}, {"team_id", "T0FAKE"}, {"trigger_id", "13345.2246.ab12"},
            {"response_url", "https://hooks.slack.com/commands/T0FAKE/1/abc"}};
}

nlohmann::json ViewSubmission(const std::string& callback_id) {
    return {{"type", "view_submission"},
            {"user", {{"id", "U0AGENT1"}}},
            {"view",
             {{"id", "V0VIEW1"},
              {"callback_id", callback_id},
              {"state", {{"values", nlohmann::json::object()}}}}}};
}

nlohmann::json BlockAction(const std::string& action_id) {
    return {{"type", "block_actions"},
            {"user", {{"id", "U0AGENT1"}}},
            {"channel", {{"id", "C0SUPPORT"}}},
            {"actions", {{{"action_id", action_id}, {"block_id", "b1"}, {"type", "button"}}}}};
}

nlohmann::json AppHomeOpened(const std::string& event_id) {
    return {{"type", "event_callback"},
            {"event_id", event_id},
            {"team_id", "T0FAKE"},
            {"event", {{"type", "app_home_opened"}, {"user", "U0AGENT1"}, {"tab", "home"}}}};
}

// A real client on loopback: the fake Socket Mode server, apps.connections.open answered by a
// test double, and a dispatcher that records what it is given.
class SocketModeClientTest : public ::testing::Test {
protected:
    static SocketModeClient::Options FastOptions() {
        SocketModeClient::Options options;
        options.app_token = kAppToken;
        options.ping_interval = 200ms;
        options.ping_timeout = 2s;
        options.hello_timeout = 2s;
        options.handshake_timeout = 1s;
        options.backoff_initial = 20ms;
        options.backoff_max = 200ms;
        return options;
    }

    void StartClient(SocketModeClient::Options options = FastOptions()) {
        client_.emplace(std::move(options), api_, [this](const Inbound& in) { return Handle(in); },
                        registry_);
        client_->Start();
    }

    void StartConnected(SocketModeClient::Options options = FastOptions()) {
        StartClient(std::move(options));
        ASSERT_TRUE(WaitUntil([&] { return client_->Connected(); }));
    }

    Ack Handle(const Inbound& in) {
        {
            std::lock_guard lock(mutex_);
            received_.push_back(in);
        }
        return reply_ ? reply_(in) : Ack::Empty();
    }

    std::vector<Inbound> Received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

    bool AckedTimes(const std::string& envelope_id, std::size_t times = 1) {
        return WaitUntil([&] { return server_.AcksFor(envelope_id).size() >= times; });
    }

    std::string Metrics() const { return registry_.RenderText(); }

    FakeSocketModeServer server_;
    FakeConnectionsOpen api_{server_};
    metrics::Registry registry_;
    std::function<Ack(const Inbound&)> reply_;  // set before StartClient
    std::mutex mutex_;
    std::vector<Inbound> received_;
    std::optional<SocketModeClient> client_;  // last: stops before the fakes go away
};

TEST_F(SocketModeClientTest, SlashCommandReachesTheDispatcherAndIsAckedByEnvelopeId) {
    StartConnected();

    const std::string id = server_.SendSlashCommand(SlashCommand("/escalate"));

    ASSERT_TRUE(AckedTimes(id));
    const auto received = Received();
    ASSERT_EQ(received.size(), 1u);
    const auto& command = std::get<routing::SlashCommand>(received[0].payload);
    EXPECT_EQ(command.command, "/escalate");
    EXPECT_EQ(command.user_id, "U0AGENT1");
    EXPECT_EQ(server_.AcksFor(id)[0].envelope_id, id);
}

TEST_F(SocketModeClientTest, InteractiveEnvelopeReachesTheDispatcherAsAnInteraction) {
    StartConnected();

    const std::string id = server_.SendInteractive(BlockAction("claim_case"), false);

    ASSERT_TRUE(AckedTimes(id));
    const auto received = Received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(std::get<routing::BlockAction>(received[0].payload).action_id, "claim_case");
}

TEST_F(SocketModeClientTest, EventsEnvelopeReachesTheDispatcherAsAnEventWithItsRetryAttempt) {
    StartConnected();

    const std::string id = server_.SendEvent(AppHomeOpened("Ev0001"), /*retry_attempt=*/2);

    ASSERT_TRUE(AckedTimes(id));
    const auto received = Received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(std::get<routing::EventCallback>(received[0].payload).event_id, "Ev0001");
    EXPECT_EQ(received[0].retry_num, 2);
}

TEST_F(SocketModeClientTest, ViewSubmissionErrorsComeBackInTheAckPayloadWhenAccepted) {
    reply_ = [](const Inbound&) { return Ack::Errors({{"reason_block", "Pick a reason"}}); };
    StartConnected();

    const std::string id = server_.SendInteractive(ViewSubmission("escalate_qualify"), true);

    ASSERT_TRUE(AckedTimes(id));
    const auto ack = server_.AcksFor(id)[0];
    ASSERT_TRUE(ack.payload.has_value());
    EXPECT_EQ(*ack.payload, (nlohmann::json{{"response_action", "errors"},
                                            {"errors", {{"reason_block", "Pick a reason"}}}}));
}

TEST_F(SocketModeClientTest, AckCarriesThePayloadEvenWhenTheEnvelopeSaysItAcceptsNone) {
    reply_ = [](const Inbound&) { return Ack::Errors({{"reason_block", "Pick a reason"}}); };
    StartConnected();

    const std::string id = server_.SendInteractive(ViewSubmission("escalate_qualify"), false);

    ASSERT_TRUE(AckedTimes(id));
    ASSERT_TRUE(server_.AcksFor(id)[0].payload.has_value());
    EXPECT_EQ(server_.AcksFor(id)[0].payload->at("response_action"), "errors");
}

TEST_F(SocketModeClientTest, RepeatedDisconnectsSoonAfterHelloAreRetriedWithGrowingBackoff) {
    auto options = FastOptions();
    options.stable_after = std::chrono::minutes(1);
    StartConnected(options);

    for (int n = 1; n <= 4; ++n) {
        ASSERT_TRUE(WaitUntil([&] { return client_->Connected() && server_.NewestConnection() == n; }));
        server_.SendDisconnect("too_many_websockets", n);
        ASSERT_TRUE(WaitUntil([&] { return server_.NewestConnection() == n + 1; }));
    }

    const auto calls = api_.Calls();
    ASSERT_GE(calls.size(), 5u);
    // The first disconnect reconnects at once (the routine refresh); then each wait is at least
    // half its exponential step: 40 ms, 80, 160.
    EXPECT_GE(calls[2].at - calls[1].at, options.backoff_initial);
    EXPECT_GE(calls[3].at - calls[2].at, 2 * options.backoff_initial);
    EXPECT_GE(calls[4].at - calls[3].at, 4 * options.backoff_initial);
    EXPECT_NE(Metrics().find("escbot_socket_mode_reconnects_total{reason=\"disconnect_frame\"} 4"),
              std::string::npos);
}

TEST_F(SocketModeClientTest, ALinkThatLivedPastStableAfterReconnectsAtOnceAgain) {
    auto options = FastOptions();
    options.stable_after = std::chrono::milliseconds(0);
    // A backoff this long would outlast WaitUntil: every reconnection here must be at once.
    options.backoff_initial = 60s;
    options.backoff_max = 60s;
    StartConnected(options);

    for (int n = 1; n <= 3; ++n) {
        ASSERT_TRUE(WaitUntil([&] { return client_->Connected() && server_.NewestConnection() == n; }));
        server_.SendDisconnect("refresh_requested", n);
        ASSERT_TRUE(WaitUntil([&] { return server_.NewestConnection() == n + 1; }));
    }

    EXPECT_EQ(api_.Calls().size(), 4u);
}

TEST_F(SocketModeClientTest, EmptyAckCarriesNoPayloadEvenWhenOneIsAccepted) {
    StartConnected();

    const std::string id = server_.SendSlashCommand(SlashCommand("/concert"), true);

    ASSERT_TRUE(AckedTimes(id));
    EXPECT_FALSE(server_.AcksFor(id)[0].payload.has_value());
}

TEST_F(SocketModeClientTest, SlashCommandReplyComesBackInTheAckPayload) {
    reply_ = [](const Inbound&) { return Ack::Ephemeral("On duty now: <@U0CONCERT1>"); };
    StartConnected();

    const std::string id = server_.SendSlashCommand(SlashCommand("/concert"), true);

    ASSERT_TRUE(AckedTimes(id));
    const auto ack = server_.AcksFor(id)[0];
    ASSERT_TRUE(ack.payload.has_value());
    EXPECT_EQ(ack.payload->at("response_type"), "ephemeral");
}

TEST_F(SocketModeClientTest, EveryAckArrivesWellWithinThreeSeconds) {
    StartConnected();
    std::vector<std::string> ids;

    for (int i = 0; i < 50; ++i) {
        ids.push_back(i % 2 == 0 ? server_.SendSlashCommand(SlashCommand("/escalate"))
                                 : server_.SendEvent(AppHomeOpened("Ev" + std::to_string(i))));
    }

    ASSERT_TRUE(WaitUntil([&] { return server_.Acks().size() >= ids.size(); }));
    std::chrono::steady_clock::duration worst{0};
    for (const auto& ack : server_.Acks()) worst = std::max(worst, ack.Latency());
    std::printf("[ figures ] worst ack latency over %zu envelopes, measured by the fake: %.2f ms\n",
                ids.size(), std::chrono::duration<double, std::milli>(worst).count());
    EXPECT_LT(worst, 3s);
}

TEST_F(SocketModeClientTest, RedeliveredEnvelopeIsAckedAgainButDispatchedOnce) {
    StartConnected();
    const std::string id = server_.SendSlashCommand(SlashCommand("/escalate"));
    ASSERT_TRUE(AckedTimes(id));

    server_.Redeliver(id);

    ASSERT_TRUE(AckedTimes(id, 2));
    EXPECT_EQ(Received().size(), 1u);
    EXPECT_NE(Metrics().find("escbot_socket_mode_redeliveries_total 1"), std::string::npos);
}

TEST_F(SocketModeClientTest, RedeliveryDuringHandlingGetsTheSameAckOnceTheHandlerAnswers) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    reply_ = [released](const Inbound&) {
        released.wait();
        return Ack::Errors({{"b", "again"}});
    };
    StartConnected();
    const std::string id = server_.SendInteractive(ViewSubmission("escalate_qualify"), true);
    ASSERT_TRUE(WaitUntil([&] { return Received().size() == 1; }));

    server_.Redeliver(id);
    release.set_value();

    ASSERT_TRUE(AckedTimes(id, 2));
    const auto acks = server_.AcksFor(id);
    EXPECT_EQ(Received().size(), 1u);
    EXPECT_EQ(acks[0].payload, acks[1].payload);
    EXPECT_TRUE(acks[1].payload.has_value());
}

TEST_F(SocketModeClientTest, AMalformedPayloadIsAckedButNeverDispatched) {
    StartConnected();
    nlohmann::json no_user = SlashCommand("/escalate");
    no_user.erase("user_id");

    const std::string bad = server_.SendSlashCommand(no_user);
    const std::string good = server_.SendSlashCommand(SlashCommand("/escalate", "after"));

    ASSERT_TRUE(AckedTimes(bad));
    ASSERT_TRUE(AckedTimes(good));
    const auto received = Received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(std::get<routing::SlashCommand>(received[0].payload).text, "after");
}

TEST_F(SocketModeClientTest, SlowHandlerDoesNotHoldBackTheAckOfAnotherEnvelope) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    reply_ = [released](const Inbound& in) {
        if (routing::RouteName(in) == "command:/slow") released.wait();
        return Ack::Empty();
    };
    StartConnected();
    const std::string slow = server_.SendSlashCommand(SlashCommand("/slow"));
    ASSERT_TRUE(WaitUntil([&] { return Received().size() == 1; }));

    const std::string fast = server_.SendSlashCommand(SlashCommand("/escalate"));

    ASSERT_TRUE(AckedTimes(fast));
    EXPECT_TRUE(server_.AcksFor(slow).empty());
    release.set_value();
    ASSERT_TRUE(AckedTimes(slow));
}

TEST_F(SocketModeClientTest, DisconnectOpensTheNewConnectionBeforeClosingTheOldAndLosesNothing) {
    StartConnected();
    const int old_connection = server_.NewestConnection();
    server_.HoldHello(true);

    server_.SendDisconnect("refresh_requested", old_connection);
    ASSERT_TRUE(WaitUntil([&] { return server_.ConnectionsAccepted() == 2; }));
    // The new connection has not said hello yet: the old one must still be taking envelopes.
    const std::string on_old = server_.SendSlashCommand(SlashCommand("/escalate", "a"), true,
                                                        old_connection);
    ASSERT_TRUE(AckedTimes(on_old));
    EXPECT_TRUE(server_.Connections()[0].open);
    server_.HoldHello(false);
    ASSERT_TRUE(WaitUntil([&] { return !server_.Connections()[0].open; }));
    const std::string on_new = server_.SendSlashCommand(SlashCommand("/escalate", "b"));

    ASSERT_TRUE(AckedTimes(on_new));
    const auto connections = server_.Connections();
    ASSERT_EQ(connections.size(), 2u);
    EXPECT_TRUE(connections[0].closed_by_client);
    EXPECT_GT(*connections[0].closed_at, *connections[1].hello_at);
    EXPECT_EQ(server_.AcksFor(on_new)[0].connection, connections[1].id);
    const auto received = Received();
    ASSERT_EQ(received.size(), 2u);
    EXPECT_EQ(std::get<routing::SlashCommand>(received[0].payload).text, "a");
    EXPECT_EQ(std::get<routing::SlashCommand>(received[1].payload).text, "b");
    EXPECT_EQ(api_.CallCount(), 2);
    EXPECT_TRUE(client_->Connected());
}

TEST_F(SocketModeClientTest, WarningDisconnectAlsoMovesToAFreshUrl) {
    StartConnected();

    server_.SendDisconnect("warning");

    ASSERT_TRUE(WaitUntil([&] { return server_.NewestConnection() == 2; }));
    ASSERT_TRUE(WaitUntil([&] { return server_.OpenConnections() == 1; }));
    const auto connections = server_.Connections();
    EXPECT_NE(connections[0].target, connections[1].target);  // a new ticket for each
    EXPECT_NE(Metrics().find("escbot_socket_mode_reconnects_total{reason=\"disconnect_frame\"} 1"),
              std::string::npos);
}

TEST_F(SocketModeClientTest, AbruptDropReconnectsAndLaterEnvelopesAreHandled) {
    StartConnected();

    server_.DropConnection();

    ASSERT_TRUE(WaitUntil([&] { return server_.NewestConnection() == 2 && client_->Connected(); }));
    const std::string id = server_.SendSlashCommand(SlashCommand("/escalate"));
    ASSERT_TRUE(AckedTimes(id));
    EXPECT_EQ(Received().size(), 1u);
    EXPECT_NE(Metrics().find("escbot_socket_mode_reconnects_total{reason=\"connection_lost\"} 1"),
              std::string::npos);
}

TEST_F(SocketModeClientTest, RefusedReconnectsAreRetriedWithGrowingBackoffUntilConnected) {
    const auto options = FastOptions();
    StartConnected(options);
    server_.RefuseNextUpgrades(2);

    server_.DropConnection();

    ASSERT_TRUE(WaitUntil([&] { return server_.NewestConnection() == 2 && client_->Connected(); }));
    EXPECT_EQ(server_.RefusedUpgrades(), 2);
    const auto calls = api_.Calls();
    ASSERT_EQ(calls.size(), 4u);  // first, refused, refused, accepted
    // Each wait is at least half its exponential step: 20 ms, then 40, then 80.
    EXPECT_GE(calls[2].at - calls[1].at, options.backoff_initial);
    EXPECT_GE(calls[3].at - calls[2].at, 2 * options.backoff_initial);
}

TEST_F(SocketModeClientTest, TransientAppsConnectionsOpenFailuresAreRetried) {
    api_.FailNext(FakeConnectionsOpen::TransportError(), 2);

    StartConnected();

    EXPECT_EQ(api_.CallCount(), 3);
    EXPECT_EQ(client_->state(), SocketModeClient::State::kConnected);
}

TEST_F(SocketModeClientTest, InvalidAuthStopsTheClientWithoutRetrying) {
    api_.FailAlways(FakeConnectionsOpen::PlatformError("invalid_auth"));
    std::promise<std::string> fatal;
    auto options = FastOptions();
    options.backoff_initial = 10ms;
    options.backoff_max = 20ms;
    options.on_fatal = [&fatal](const std::string& code) { fatal.set_value(code); };

    StartClient(options);

    auto fatal_code = fatal.get_future();
    ASSERT_EQ(fatal_code.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(fatal_code.get(), "invalid_auth");
    EXPECT_EQ(client_->state(), SocketModeClient::State::kFailed);
    EXPECT_EQ(client_->FatalError(), "invalid_auth");
    EXPECT_FALSE(client_->Connected());
    // No condition to wait for when nothing should happen: give a retry ten backoff steps.
    std::this_thread::sleep_for(10 * options.backoff_max);
    EXPECT_EQ(api_.CallCount(), 1);
    EXPECT_EQ(server_.ConnectionsAccepted(), 0);
}

TEST_F(SocketModeClientTest, AppTokenIsSentOnlyToAppsConnectionsOpen) {
    StartConnected();
    server_.DropConnection();
    ASSERT_TRUE(WaitUntil([&] { return server_.NewestConnection() == 2; }));

    const auto calls = api_.Calls();

    ASSERT_EQ(calls.size(), 2u);
    for (const auto& call : calls) {
        EXPECT_EQ(call.method, "apps.connections.open");
        EXPECT_EQ(call.token, kAppToken);
    }
    for (const auto& connection : server_.Connections())
        EXPECT_EQ(connection.target.find("s3cr3t"), std::string::npos);
}

TEST_F(SocketModeClientTest, SilentConnectionIsDetectedByPingTimeoutAndReplaced) {
    server_.SilenceNextConnections(1);
    auto options = FastOptions();
    options.ping_interval = 30ms;
    options.ping_timeout = 100ms;

    StartClient(options);

    ASSERT_TRUE(WaitUntil([&] { return server_.NewestConnection() == 2 && client_->Connected(); }));
    const std::string id = server_.SendSlashCommand(SlashCommand("/escalate"));
    ASSERT_TRUE(AckedTimes(id));
    EXPECT_NE(Metrics().find("escbot_socket_mode_reconnects_total{reason=\"ping_timeout\"} 1"),
              std::string::npos);
}

TEST_F(SocketModeClientTest, MissingHelloIsTreatedAsAFailedConnection) {
    server_.HoldHello(true);
    auto options = FastOptions();
    options.hello_timeout = 150ms;
    StartClient(options);
    ASSERT_TRUE(WaitUntil([&] { return server_.ConnectionsAccepted() >= 2; }));

    server_.HoldHello(false);

    ASSERT_TRUE(WaitUntil([&] { return client_->Connected(); }));
    EXPECT_FALSE(server_.Connections()[0].hello_at.has_value());
}

TEST_F(SocketModeClientTest, EnvelopeOfAnUnknownTypeIsAckedButNotDispatched) {
    StartConnected();

    const std::string id = server_.SendEnvelope("future_feature", nlohmann::json::object(), false,
                                                0, FakeSocketModeServer::kNewest);

    ASSERT_TRUE(AckedTimes(id));
    EXPECT_TRUE(Received().empty());
}

TEST_F(SocketModeClientTest, StopClosesTheConnectionGracefully) {
    StartConnected();

    client_->Stop();

    EXPECT_EQ(client_->state(), SocketModeClient::State::kStopped);
    EXPECT_FALSE(client_->Connected());
    ASSERT_TRUE(WaitUntil([&] { return server_.OpenConnections() == 0; }));
    EXPECT_TRUE(server_.Connections()[0].closed_by_client);
}

TEST_F(SocketModeClientTest, StopSendsTheAckOfAnEnvelopeStillBeingHandled) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    reply_ = [released](const Inbound&) {
        released.wait();
        return Ack::Empty();
    };
    StartConnected();
    const std::string id = server_.SendSlashCommand(SlashCommand("/escalate"));
    ASSERT_TRUE(WaitUntil([&] { return Received().size() == 1; }));

    std::thread stopper([&] { client_->Stop(); });
    release.set_value();
    stopper.join();

    EXPECT_EQ(server_.AcksFor(id).size(), 1u);
}

TEST_F(SocketModeClientTest, LogsCarryEnvelopeIdsButNeitherPayloadTextNorToken) {
    test::CaptureLogs logs("debug");
    StartConnected();

    const std::string id = server_.SendSlashCommand(SlashCommand("/escalate", "Zanzibar quartz"));
    ASSERT_TRUE(AckedTimes(id));
    client_->Stop();

    const std::string all = logs.sink().All();
    EXPECT_NE(all.find(id), std::string::npos);
    EXPECT_NE(all.find("command:/escalate"), std::string::npos);
    EXPECT_EQ(all.find("Zanzibar"), std::string::npos);
    EXPECT_EQ(all.find("s3cr3t"), std::string::npos);
    EXPECT_EQ(all.find("ticket"), std::string::npos);
}

TEST(SocketModeClientOptions, AnEmptyAppTokenIsRefusedAtConstruction) {
    FakeSocketModeServer server;
    FakeConnectionsOpen api(server);
    metrics::Registry registry;

    EXPECT_THROW(SocketModeClient({}, api, [](const Inbound&) { return Ack::Empty(); }, registry),
                 std::invalid_argument);
}

}  // namespace
}  // namespace escbot::socket_mode
