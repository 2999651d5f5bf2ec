// What Slack gets over Socket Mode when a handler fails (the database went away): an event is
// left unacked so that Slack delivers it again and it is handled once; a slash command or a form
// still gets the router's "nothing was saved, try again" answer in its ack (Slack never
// redelivers those). The real Router sits between the client and the handlers.

#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "bot/routing/router.hpp"
#include "bot/socket_mode/socket_mode_client.hpp"
#include "tests/socket_mode/fake_connections_open.hpp"
#include "tests/socket_mode/wait_until.hpp"
#include "tests/support/fake_socket_mode/fake_socket_mode_server.hpp"

namespace escbot::socket_mode {
namespace {

using namespace std::chrono_literals;
using test::WaitUntil;

nlohmann::json AppHomeOpened(const std::string& event_id) {
    return {{"type", "event_callback"},
            {"event_id", event_id},
            {"team_id", "T0FAKE"},
            {"event", {{"type", "app_home_opened"}, {"user", "U0AGENT1"}, {"tab", "home"}}}};
}

class SocketModeFailedHandlerTest : public ::testing::Test {
protected:
    SocketModeFailedHandlerTest() {
        // Like commands/home/home_tab.cpp: the event is marked seen in the transaction of its
        // effect, so a failure leaves neither behind.
        router_.Event("app_home_opened", [this](const routing::EventCallback& event) {
            ++attempts_;
            if (database_down_) throw std::runtime_error("server closed the connection");
            std::lock_guard lock(mutex_);
            if (seen_.insert(event.event_id).second) ++effects_;
            return routing::Ack::Empty();
        });
        router_.Command("/escalate", [](const routing::SlashCommand&) -> routing::Ack {
            throw std::runtime_error("server closed the connection");
        });
        router_.Submission("escalate_qualify", [](const routing::ViewSubmission&) -> routing::Ack {
            throw std::runtime_error("server closed the connection");
        });
    }

    void StartConnected() {
        SocketModeClient::Options options;
        options.app_token = "xapp-1-A111-1234-s3cr3tappt0ken";
        options.backoff_initial = 20ms;
        options.backoff_max = 200ms;
        client_.emplace(std::move(options), api_,
                        [this](const routing::Inbound& in) { return router_.Dispatch(in); },
                        registry_);
        client_->Start();
        ASSERT_TRUE(WaitUntil([&] { return client_->Connected(); }));
    }

    bool FailuresCounted(int n) {
        const std::string line =
            "escbot_socket_mode_unacked_failures_total " + std::to_string(n) + "\n";
        return WaitUntil([&] { return registry_.RenderText().find(line) != std::string::npos; });
    }

    // A first delivery while the database is down: handled, failed, and never acked.
    std::string FailedFirstDelivery(const std::string& event_id) {
        database_down_ = true;
        const std::string id = server_.SendEvent(AppHomeOpened(event_id));
        EXPECT_TRUE(WaitUntil([&] { return attempts_ == 1 || !server_.AcksFor(id).empty(); }));
        EXPECT_TRUE(FailuresCounted(1));
        EXPECT_TRUE(server_.AcksFor(id).empty()) << "a failed event was acked: Slack drops it";
        database_down_ = false;
        return id;
    }

    int Effects() {
        std::lock_guard lock(mutex_);
        return effects_;
    }

    test::FakeSocketModeServer server_;
    test::FakeConnectionsOpen api_{server_};
    metrics::Registry registry_;
    routing::Router router_;
    std::atomic<bool> database_down_{false};
    std::atomic<int> attempts_{0};
    std::mutex mutex_;
    std::set<std::string> seen_;
    int effects_ = 0;
    std::optional<SocketModeClient> client_;  // last: stops before the rest goes away
};

// Slack's retry is a new delivery, so it is given a new envelope_id here (the SDKs and the
// platform notes de-duplicate retries by event_id); the next test covers a reused one.
TEST_F(SocketModeFailedHandlerTest, AFailedEventIsLeftUnackedAndSlacksRetryIsHandledOnce) {
    StartConnected();
    const std::string first = FailedFirstDelivery("Ev0FAIL1");

    const std::string retry = server_.RetryEvent(first, /*retry_attempt=*/1);

    ASSERT_TRUE(WaitUntil([&] { return server_.AcksFor(retry).size() == 1; }));
    EXPECT_EQ(Effects(), 1);
    EXPECT_EQ(attempts_.load(), 2);
    EXPECT_TRUE(server_.AcksFor(first).empty());
}

TEST_F(SocketModeFailedHandlerTest, ARetryUnderTheSameEnvelopeIdIsNotSwallowedAsADuplicate) {
    StartConnected();
    const std::string first = FailedFirstDelivery("Ev0FAIL2");

    const std::string retry = server_.RetryEvent(first, 1, /*same_envelope_id=*/true);

    ASSERT_EQ(retry, first);
    ASSERT_TRUE(WaitUntil([&] { return server_.AcksFor(first).size() == 1; }));
    EXPECT_EQ(Effects(), 1);
    EXPECT_EQ(attempts_.load(), 2);
    // Once handled, the id is remembered again: a further copy is acked, not run again.
    server_.Redeliver(first);
    ASSERT_TRUE(WaitUntil([&] { return server_.AcksFor(first).size() == 2; }));
    EXPECT_EQ(attempts_.load(), 2);
}

TEST_F(SocketModeFailedHandlerTest, ASlashCommandOrFormWhoseHandlerFailsStillGetsItsAnswer) {
    StartConnected();

    const std::string command = server_.SendSlashCommand(
        {{"command", "/escalate"}, {"text", ""}, {"user_id", "U0AGENT1"},
         {"channel_id", "C0SUPPORT"}, {"team_id", "T0FAKE"}, {"trigger_id", "1.2.ab"},
         {"response_url", "https://hooks.slack.com/commands/T0FAKE/1/abc"}});
    const std::string form = server_.SendInteractive(
        {{"type", "view_submission"},
         {"user", {{"id", "U0AGENT1"}}},
         {"view",
          {{"id", "V0VIEW1"},
           {"callback_id", "escalate_qualify"},
           {"state", {{"values", nlohmann::json::object()}}}}}},
        true);

    ASSERT_TRUE(WaitUntil([&] { return server_.AcksFor(command).size() == 1; }));
    const auto answer = server_.AcksFor(command)[0].payload;
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->at("response_type"), "ephemeral");
    EXPECT_NE(answer->at("text").get<std::string>().find("Nothing was saved"), std::string::npos);

    ASSERT_TRUE(WaitUntil([&] { return server_.AcksFor(form).size() == 1; }));
    const auto view = server_.AcksFor(form)[0].payload;
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->at("response_action"), "update");
    EXPECT_NE(view->dump().find("Nothing was saved"), std::string::npos);
    EXPECT_TRUE(FailuresCounted(0));
}

}  // namespace
}  // namespace escbot::socket_mode
