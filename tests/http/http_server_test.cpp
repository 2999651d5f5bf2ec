#include "bot/http/http_server.hpp"

#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/routing/router.hpp"
#include "tests/support/capture_sink.hpp"
#include "tests/support/http_client/slack_http_client.hpp"

namespace escbot::http {
namespace {

using namespace std::chrono_literals;
using routing::Ack;
using routing::Inbound;
using testing::HasSubstr;
using testing::Not;

constexpr std::string_view kSecret = "0123456789abcdef0123456789abcdef";
const TimePoint kNow = FromUnix(1'700'000'000);

ServerOptions TestOptions() {
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.signing_secret = std::string(kSecret);
    options.read_timeout = 2s;
    options.idle_timeout = 5s;
    return options;
}

// An io_context run by a thread of its own, as CurlSlackApi runs the one it lends the server.
class SharedIoContext {
public:
    SharedIoContext() : thread_([this] { io_.run(); }) {}
    ~SharedIoContext() { Release(); }
    boost::asio::io_context& io() { return io_; }
    std::thread::id thread_id() const { return thread_.get_id(); }
    // Joins the thread: returns once nobody has work left on the io_context.
    void Release() {
        guard_.reset();
        if (thread_.joinable()) thread_.join();
    }

private:
    boost::asio::io_context io_{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_ =
        boost::asio::make_work_guard(io_);
    std::thread thread_;
};

// A real server on a loopback port with a recording dispatcher and a ManualClock.
class HttpServerTest : public ::testing::Test {
protected:
    ~HttpServerTest() override {
        if (server_) server_->Stop(1s);
    }

    void StartServer(ServerOptions options = TestOptions()) {
        server_ = std::make_unique<HttpServer>(
            std::move(options), clock_,
            [this](const Inbound& in) {
                {
                    std::lock_guard lock(mutex_);
                    dispatched_.push_back(in);
                }
                return reply_(in);
            },
            [this] { return healthy_.load(); }, registry_);
        server_->Start();
    }

    test::SlackHttpClient Slack(std::string path = "/slack/events") {
        test::SlackHttpClient client(server_->port(), std::string(kSecret), clock_);
        client.set_path(std::move(path));
        return client;
    }

    test::HttpClient Http() { return test::HttpClient(server_->port()); }

    // Options for a server on an io_context that the fixture runs (and outlives the server).
    ServerOptions SharedIoOptions() {
        shared_.emplace();
        ServerOptions options = TestOptions();
        options.io_context = &shared_->io();
        return options;
    }

    std::vector<Inbound> Dispatched() {
        std::lock_guard lock(mutex_);
        return dispatched_;
    }

    std::string Timestamp(Seconds offset = 0s) const {
        return std::to_string(ToUnix(kNow + offset));
    }

    ManualClock clock_{kNow};
    metrics::Registry registry_;
    std::atomic<bool> healthy_{true};
    std::function<Ack(const Inbound&)> reply_ = [](const Inbound&) { return Ack::Empty(); };
    std::optional<SharedIoContext> shared_;  // before server_: destroyed after it
    std::unique_ptr<HttpServer> server_;

private:
    std::mutex mutex_;
    std::vector<Inbound> dispatched_;
};

// A dispatcher reply that holds the first request in flight until released, then answers
// an ephemeral "done".
class HeldReply {
public:
    std::function<Ack(const Inbound&)> Reply() {
        return [this](const Inbound&) {
            entered_.set_value();
            released_.wait();
            return Ack::Ephemeral("done");
        };
    }
    void WaitUntilEntered() { entered_.get_future().wait(); }
    void Release() { release_.set_value(); }

private:
    std::promise<void> entered_;
    std::promise<void> release_;
    std::shared_future<void> released_ = release_.get_future().share();
};

// --- The three kinds through the three paths ------------------------------------------------

class SlackPathTest : public HttpServerTest, public testing::WithParamInterface<std::string> {};

INSTANTIATE_TEST_SUITE_P(AllSlackPaths, SlackPathTest,
                         testing::Values("/slack/events", "/slack/commands",
                                         "/slack/interactivity"),
                         [](const auto& info) { return info.param.substr(7); });

TEST_P(SlackPathTest, SlashCommandReachesTheDispatcher) {
    StartServer();
    auto slack = Slack(GetParam());

    const auto response = slack.SlashCommand("/escalate", "case 12", {.user_id = "U7"});

    EXPECT_EQ(response.status, 200);
    ASSERT_EQ(Dispatched().size(), 1u);
    const auto command = std::get<routing::SlashCommand>(Dispatched()[0].payload);
    EXPECT_EQ(command.command, "/escalate");
    EXPECT_EQ(command.user_id, "U7");
}

TEST_P(SlackPathTest, InteractionReachesTheDispatcher) {
    StartServer();
    auto slack = Slack(GetParam());
    const nlohmann::json payload = test::BlockActionPayload({.action_id = "claim"});

    const auto response = slack.BlockAction(payload);

    EXPECT_EQ(response.status, 200);
    ASSERT_EQ(Dispatched().size(), 1u);
    EXPECT_EQ(std::get<routing::BlockAction>(Dispatched()[0].payload).action_id, "claim");
}

TEST_P(SlackPathTest, EventReachesTheDispatcher) {
    StartServer();
    auto slack = Slack(GetParam());
    const nlohmann::json envelope =
        test::EventCallback({{"type", "app_home_opened"}, {"user", "U9"}, {"tab", "home"}});

    const auto response = slack.Event(envelope);

    EXPECT_EQ(response.status, 200);
    ASSERT_EQ(Dispatched().size(), 1u);
    const auto event = std::get<routing::EventCallback>(Dispatched()[0].payload);
    EXPECT_EQ(std::get<routing::AppHomeOpened>(event.event).user, "U9");
}

// --- Acks ---------------------------------------------------------------------------------

TEST_F(HttpServerTest, EmptyAckIsA200WithZeroContentLength) {
    StartServer();
    auto slack = Slack();

    const auto response = slack.SlashCommand("/escalate", "");

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Header("Content-Length"), "0");
    EXPECT_EQ(response.body, "");
}

TEST_F(HttpServerTest, ViewSubmissionAckComesBackAsJson) {
    reply_ = [](const Inbound&) { return Ack::Errors({{"homeowner_block", "Required"}}); };
    StartServer();
    auto slack = Slack();

    const auto response = slack.ViewSubmission(test::ViewSubmissionPayload({.callback_id = "q"}));

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Header("Content-Type"), "application/json");
    EXPECT_EQ(response.Json(), (nlohmann::json{{"response_action", "errors"},
                                               {"errors", {{"homeowner_block", "Required"}}}}));
}

TEST_F(HttpServerTest, UrlVerificationThroughARealRouterEchoesTheChallenge) {
    routing::Router router;
    reply_ = [&router](const Inbound& in) { return router.Dispatch(in); };
    StartServer();
    auto slack = Slack();

    const auto response =
        slack.Event(test::UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Json().at("challenge"),
              "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
}

TEST_F(HttpServerTest, HeldIntakeDelaysTheNextRequestUntilReleased) {
    // Shared with the gate, which the server's thread keeps polling until the fixture stops it,
    // after this body has returned.
    const auto held = std::make_shared<std::atomic<bool>>(true);
    ServerOptions options = TestOptions();
    options.hold_intake = [held] { return held->load(); };
    options.max_intake_hold = 30s;  // longer than the test: only the release lets it through
    StartServer(std::move(options));

    auto answer = std::async(std::launch::async, [this] {
        return Slack().SlashCommand("/escalate", "", {.user_id = "U1"});
    });
    EXPECT_EQ(answer.wait_for(150ms), std::future_status::timeout);
    EXPECT_THAT(Dispatched(), testing::IsEmpty());

    *held = false;
    ASSERT_EQ(answer.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(answer.get().status, 200);
    EXPECT_EQ(Dispatched().size(), 1u);
    EXPECT_EQ(registry_.GetCounter("escbot_http_intake_held_total", "").Value(), 1u);
}

TEST_F(HttpServerTest, HeldIntakeLetsARequestThroughAfterTheMaximumHold) {
    ServerOptions options = TestOptions();
    options.hold_intake = [] { return true; };  // never released: Slack must still get its ack
    options.max_intake_hold = 50ms;
    StartServer(std::move(options));

    EXPECT_EQ(Slack().SlashCommand("/escalate", "", {.user_id = "U1"}).status, 200);
    EXPECT_EQ(Slack().SlashCommand("/escalate", "", {.user_id = "U1"}).status, 200);
    EXPECT_EQ(Dispatched().size(), 2u);
}

TEST_F(HttpServerTest, RetryNumHeaderReachesTheDispatcher) {
    StartServer();
    auto slack = Slack();
    test::SignedRequest request = test::EventRequest(
        kSecret, Timestamp(), test::EventCallback({{"type", "app_home_opened"}, {"user", "U1"}}));
    request.retry_num = 2;

    EXPECT_EQ(slack.Send(request).status, 200);

    ASSERT_EQ(Dispatched().size(), 1u);
    EXPECT_EQ(Dispatched()[0].retry_num, 2);
}

TEST_F(HttpServerTest, DispatcherThatThrowsGets500AndTheServerCarriesOn) {
    reply_ = [](const Inbound& in) -> Ack {
        if (std::get<routing::SlashCommand>(in.payload).text == "boom")
            throw std::runtime_error("handler bug");
        return Ack::Empty();
    };
    StartServer();
    auto slack = Slack();

    const auto failed = slack.SlashCommand("/escalate", "boom");
    const auto next = slack.SlashCommand("/escalate", "fine");

    EXPECT_EQ(failed.status, 500);
    EXPECT_EQ(next.status, 200);
}

TEST_F(HttpServerTest, WithHandlerThreadsABlockedHandlerDoesNotStallOtherRequests) {
    HeldReply held;
    reply_ = held.Reply();
    ServerOptions options = TestOptions();
    options.threads = 1;
    options.handler_threads = 2;
    StartServer(options);
    const std::uint16_t port = server_->port();
    auto slow = std::async(std::launch::async, [&] {
        test::SlackHttpClient slack(port, std::string(kSecret), clock_);
        return slack.SlashCommand("/escalate", "");
    });
    held.WaitUntilEntered();

    // The only I/O thread is free while the handler blocks on its pool thread.
    const auto health = Http().Get("/healthz");
    held.Release();
    const auto response = slow.get();

    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Json().at("text"), "done");
}

TEST_F(HttpServerTest, WithHandlerThreadsADispatcherExceptionStillGets500) {
    reply_ = [](const Inbound&) -> Ack { throw std::runtime_error("handler bug"); };
    ServerOptions options = TestOptions();
    options.handler_threads = 1;
    StartServer(options);
    auto slack = Slack();

    EXPECT_EQ(slack.SlashCommand("/escalate", "").status, 500);
    EXPECT_EQ(slack.SlashCommand("/escalate", "").status, 500);
}

// --- Verification ---------------------------------------------------------------------------

TEST_F(HttpServerTest, UnsignedRequestGets401AndIsNotDispatched) {
    StartServer();
    auto http = Http();

    const auto response = http.Post("/slack/events", "application/x-www-form-urlencoded",
                                    test::SlashCommandForm("/escalate", "x"));

    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(response.Json(), (nlohmann::json{{"error", "invalid request"}}));
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, RequestSignedWithAnotherSecretGets401AndIsNotDispatched) {
    StartServer();
    test::SlackHttpClient impostor(server_->port(), "another-secret", clock_);

    const auto response = impostor.SlashCommand("/escalate", "x");

    EXPECT_EQ(response.status, 401);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, BodyTamperedAfterSigningGets401AndIsNotDispatched) {
    StartServer();
    auto slack = Slack();
    test::SignedRequest request =
        test::SlashCommandRequest(kSecret, Timestamp(), "/escalate", "x", {.user_id = "U1"});
    request.body.replace(request.body.find("U1"), 2, "U2");

    const auto response = slack.Send(request);

    EXPECT_EQ(response.status, 401);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, StaleTimestampGets401AndIsNotDispatched) {
    StartServer();
    auto slack = Slack();
    const auto request = test::SlashCommandRequest(kSecret, Timestamp(-600s), "/escalate", "x");

    const auto response = slack.Send(request);

    EXPECT_EQ(response.status, 401);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, ReplayAfterTheClockMovesOnGets401) {
    StartServer();
    auto slack = Slack();
    const auto request = test::SlashCommandRequest(kSecret, Timestamp(), "/escalate", "x");
    ASSERT_EQ(slack.Send(request).status, 200);

    clock_.Advance(301s);
    const auto replay = slack.Send(request);

    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(Dispatched().size(), 1u);
}

TEST_F(HttpServerTest, UnsignedSslCheckGetsAnEmpty200AndIsNotDispatched) {
    StartServer();
    auto http = Http();
    test::HttpRequest request;
    request.method = "POST";
    request.target = "/slack/events";
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "ssl_check=1&token=abc";

    const auto response = http.Send(request);

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "");
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, AnUnsignedSlashCommandWithSslCheckAppendedGets401) {
    StartServer();
    auto http = Http();
    test::HttpRequest request;
    request.method = "POST";
    request.target = "/slack/events";
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "command=%2Fescalate&text=x&user_id=U1&ssl_check=1";

    const auto response = http.Send(request);

    EXPECT_EQ(response.status, 401);
    EXPECT_TRUE(Dispatched().empty());
}

// --- Malformed and oversized requests ------------------------------------------------------

TEST_F(HttpServerTest, OversizedContentLengthGets413WithoutTheBodyBeingSent) {
    StartServer();
    auto http = Http();

    http.SendRaw(
        "POST /slack/events HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n");
    const auto response = http.ReadResponse();

    EXPECT_EQ(response.status, 413);
    EXPECT_FALSE(response.keep_alive);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, OversizedChunkedBodyGets413) {
    ServerOptions options = TestOptions();
    options.body_limit = 4096;
    StartServer(options);
    auto http = Http();
    const std::string chunk(2048, 'a');
    std::string raw =
        "POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) raw += "800\r\n" + chunk + "\r\n";
    raw += "0\r\n\r\n";

    http.SendRaw(raw);
    const auto response = http.ReadResponse();

    EXPECT_EQ(response.status, 413);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, EndlessChunkSizeLineGets400) {
    StartServer();
    auto http = Http();
    const std::string raw =
        "POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n10;ext=" +
        std::string(200 * 1024, 'x');

    http.SendRaw(raw);
    const auto response = http.ReadResponse();

    EXPECT_EQ(response.status, 400);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, ChunkedBodyWithinTheLimitIsVerifiedAndDispatched) {
    StartServer();
    auto http = Http();
    const auto signed_request = test::SlashCommandRequest(kSecret, Timestamp(), "/concert", "");
    const std::string& body = signed_request.body;
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    const std::string raw =
        "POST /slack/commands HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "X-Slack-Request-Timestamp: " +
        signed_request.timestamp +
        "\r\n"
        "X-Slack-Signature: " +
        signed_request.signature +
        "\r\n"
        "Transfer-Encoding: chunked\r\n\r\n" +
        std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";

    http.SendRaw(raw);
    const auto response = http.ReadResponse();

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(Dispatched().size(), 1u);
}

TEST_F(HttpServerTest, SignedGarbageFormGets400) {
    StartServer();
    auto slack = Slack();
    const auto request = test::SignRequest(kSecret, Timestamp(),
                                           "application/x-www-form-urlencoded", "foo=bar&x=%ZZ");

    EXPECT_EQ(slack.Send(request).status, 400);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, SignedInvalidJsonGets400) {
    StartServer();
    auto slack = Slack();
    const auto request =
        test::SignRequest(kSecret, Timestamp(), "application/json", R"({"type": "event_callb)");

    EXPECT_EQ(slack.Send(request).status, 400);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, SignedPayloadWithoutARequiredFieldGets400AndNoHandlerRuns) {
    StartServer();
    auto slack = Slack();
    nlohmann::json no_user = test::BlockActionPayload({.action_id = "claim"});
    no_user.erase("user");
    const auto no_command = test::SignRequest(kSecret, Timestamp(),
                                              "application/x-www-form-urlencoded", "text=hello&user_id=U1");

    EXPECT_EQ(slack.BlockAction(no_user).status, 400);
    EXPECT_EQ(slack.Send(no_command).status, 400);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, SignedPayloadThatIsNotJsonGets400) {
    StartServer();
    auto slack = Slack();
    const auto request = test::SignRequest(kSecret, Timestamp(),
                                           "application/x-www-form-urlencoded", "payload=hello");

    EXPECT_EQ(slack.Send(request).status, 400);
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, SignedNonUtf8BytesGetA400NotA401) {
    StartServer();
    auto slack = Slack();
    const auto request =
        test::SignRequest(kSecret, Timestamp(), "application/x-www-form-urlencoded",
                          "command=%2Fescalate&text=\xff\xfe\xc3");

    EXPECT_EQ(slack.Send(request).status, 400);
}

TEST_F(HttpServerTest, MalformedRequestLineGets400AndTheConnectionIsClosed) {
    StartServer();
    auto http = Http();

    http.SendRaw("THIS IS NOT HTTP\r\n\r\n");
    const auto response = http.ReadResponse();

    EXPECT_EQ(response.status, 400);
    EXPECT_FALSE(response.keep_alive);
}

TEST_F(HttpServerTest, UnknownPathGets404) {
    StartServer();
    auto http = Http();

    EXPECT_EQ(http.Get("/wp-admin").status, 404);
}

TEST_F(HttpServerTest, WrongMethodOnAKnownPathGets405WithAllow) {
    StartServer();
    auto http = Http();

    const auto get_events = http.Get("/slack/events");
    const auto post_health = http.Post("/healthz", "text/plain", "x");

    EXPECT_EQ(get_events.status, 405);
    EXPECT_EQ(get_events.Header("Allow"), "POST");
    EXPECT_EQ(post_health.status, 405);
    EXPECT_EQ(post_health.Header("Allow"), "GET");
}

TEST_F(HttpServerTest, GarbageFromManyClientsNeverTakesTheServerDown) {
    ServerOptions options = TestOptions();
    options.read_timeout = 100ms;
    StartServer(options);
    std::mt19937 rng(20240601);  // fixed seed: the same garbage every run
    const std::string valid =
        "POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
        "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc";

    for (int i = 0; i < 200; ++i) {
        std::string bytes = valid.substr(0, rng() % valid.size());
        const std::size_t noise = rng() % 64;
        for (std::size_t k = 0; k < noise; ++k) bytes.push_back(static_cast<char>(rng() % 256));
        auto http = Http();
        try {
            http.SendRaw(bytes);
        } catch (const std::runtime_error&) {
            // The server may already have answered and closed: that is fine.
        }
    }

    EXPECT_EQ(Http().Get("/healthz").status, 200);
    EXPECT_TRUE(Dispatched().empty());
}

// --- Connections ----------------------------------------------------------------------------

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    StartServer();
    auto slack = Slack();

    for (int i = 0; i < 5; ++i) ASSERT_EQ(slack.SlashCommand("/escalate", "").status, 200);
    ASSERT_EQ(slack.http().Get("/healthz").status, 200);

    EXPECT_EQ(slack.http().connections_opened(), 1);
    EXPECT_EQ(Dispatched().size(), 5u);
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
    StartServer();
    auto http = Http();

    http.SendRaw("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\nGET /nope HTTP/1.1\r\nHost: a\r\n\r\n");
    const auto first = http.ReadResponse();
    const auto second = http.ReadResponse();

    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(second.status, 404);
}

TEST_F(HttpServerTest, RequestArrivingInPiecesIsReassembled) {
    StartServer();
    auto http = Http();
    const auto request = test::SlashCommandRequest(kSecret, Timestamp(), "/escalate", "");
    const std::string raw =
        "POST /slack/events HTTP/1.1\r\nHost: a\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "X-Slack-Request-Timestamp: " +
        request.timestamp + "\r\nX-Slack-Signature: " + request.signature +
        "\r\nContent-Length: " + std::to_string(request.body.size()) + "\r\n\r\n" +
        request.body;
    // Cut inside the headers and inside the body: what was read so far is parsed, and reading
    // goes on from there each time.
    const std::size_t header_cut = raw.find("X-Slack-Signature") + 5;
    const std::size_t body_cut = raw.size() - request.body.size() / 2;

    http.SendRaw(raw.substr(0, header_cut));
    std::this_thread::sleep_for(50ms);
    http.SendRaw(raw.substr(header_cut, body_cut - header_cut));
    std::this_thread::sleep_for(50ms);
    http.SendRaw(raw.substr(body_cut));

    EXPECT_EQ(http.ReadResponse().status, 200);  // a lost byte would fail the signature (401)
    EXPECT_EQ(Dispatched().size(), 1u);
}

TEST_F(HttpServerTest, LargeResponseToAClientThatDoesNotReadYetArrivesWhole) {
    // A /metrics page of several MB: more than the socket takes at once while the client
    // is not reading, so the rest of the response must follow as the client reads.
    const std::string padding(200, 'x');
    for (int i = 0; i < 20'000; ++i) {
        registry_.GetCounter("escbot_test_padding_total", "Padding.",
                             {{"series", std::to_string(i) + padding}});
    }
    StartServer();
    auto http = Http();

    http.SendRaw("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n");
    std::this_thread::sleep_for(200ms);
    const auto response = http.ReadResponse();

    EXPECT_EQ(response.status, 200);
    EXPECT_GT(response.body.size(), 4'000'000u);
    EXPECT_NE(response.body.find("series=\"19999" + padding + "\"} 0"), std::string::npos);
    EXPECT_EQ(http.Get("/healthz").status, 200);  // and the connection is still in step
}

TEST_F(HttpServerTest, ExpectContinueGets100BeforeTheBody) {
    StartServer();
    auto http = Http();
    const auto request = test::SlashCommandRequest(kSecret, Timestamp(), "/escalate", "");

    http.SendRaw(
        "POST /slack/events HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "X-Slack-Request-Timestamp: " +
        request.timestamp +
        "\r\n"
        "X-Slack-Signature: " +
        request.signature +
        "\r\n"
        "Content-Length: " +
        std::to_string(request.body.size()) + "\r\n\r\n");
    const auto interim = http.ReadResponse();
    http.SendRaw(request.body);
    const auto final_response = http.ReadResponse();

    EXPECT_EQ(interim.status, 100);
    EXPECT_EQ(final_response.status, 200);
    EXPECT_EQ(Dispatched().size(), 1u);
}

TEST_F(HttpServerTest, ClientThatNeverFinishesItsHeadersIsDisconnected) {
    ServerOptions options = TestOptions();
    options.read_timeout = 200ms;
    StartServer(options);
    auto http = Http();

    http.SendRaw("POST /slack/events HTTP/1.1\r\nHost: a\r\nX-Slack-Sig");

    EXPECT_TRUE(http.WaitForClose(10s));
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, ClientThatNeverFinishesItsBodyIsDisconnected) {
    ServerOptions options = TestOptions();
    options.read_timeout = 200ms;
    StartServer(options);
    auto http = Http();

    http.SendRaw(
        "POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n{\"type\":");

    EXPECT_TRUE(http.WaitForClose(10s));
    EXPECT_TRUE(Dispatched().empty());
}

TEST_F(HttpServerTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
    ServerOptions options = TestOptions();
    options.idle_timeout = 200ms;
    StartServer(options);
    auto http = Http();
    ASSERT_EQ(http.Get("/healthz").status, 200);

    EXPECT_TRUE(http.WaitForClose(10s));
}

TEST_F(HttpServerTest, Http10RequestIsAnsweredAndClosed) {
    StartServer();
    auto http = Http();

    http.SendRaw("GET /healthz HTTP/1.0\r\n\r\n");
    const auto response = http.ReadResponse();

    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(http.WaitForClose(10s));
}

// --- Health and metrics ---------------------------------------------------------------------

TEST_F(HttpServerTest, HealthzIs200WhenTheProbeSaysHealthy) {
    StartServer();
    auto http = Http();

    const auto response = http.Get("/healthz");

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "ok");
}

TEST_F(HttpServerTest, HealthzIs503WhenTheProbeSaysUnhealthy) {
    healthy_ = false;
    StartServer();
    auto http = Http();

    EXPECT_EQ(http.Get("/healthz").status, 503);
}

TEST_F(HttpServerTest, MetricsShowRequestCountsAndAckLatencyAfterTraffic) {
    StartServer();
    auto slack = Slack();
    ASSERT_EQ(slack.SlashCommand("/escalate", "").status, 200);
    ASSERT_EQ(slack.SlashCommand("/escalate", "").status, 200);
    ASSERT_EQ(slack.http().Get("/nope").status, 404);

    const auto response = slack.http().Get("/metrics");

    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.Header("Content-Type"), HasSubstr("text/plain"));
    EXPECT_THAT(response.body, HasSubstr("# TYPE escbot_http_requests_total counter"));
    EXPECT_THAT(
        response.body,
        HasSubstr(R"(escbot_http_requests_total{route="command:/escalate",status="200"} 2)"));
    EXPECT_THAT(response.body,
                HasSubstr(R"(escbot_http_requests_total{route="unknown",status="404"} 1)"));
    EXPECT_THAT(response.body, HasSubstr("escbot_ack_latency_seconds_count 2"));
}

// --- Logs -----------------------------------------------------------------------------------

TEST_F(HttpServerTest, LogsCarryIdsButNoPersonalDataFromTheRequest) {
    test::CaptureLogs logs("trace");
    reply_ = [](const Inbound&) { return Ack::Errors({{"address", "Check the address"}}); };
    StartServer();
    auto slack = Slack();
    const std::string personal =
        "Jane Whitfield, 4821 Saguaro Vista Dr, Tempe AZ 85281, jane.whitfield@example.com, "
        "(480) 555-0199";
    nlohmann::json values = {
        {"homeowner", {{"name", {{"type", "plain_text_input"}, {"value", personal}}}}}};

    ASSERT_EQ(slack.SlashCommand("/escalate", personal, {.user_id = "U0AGENT7"}).status, 200);
    ASSERT_EQ(slack
                  .ViewSubmission(test::ViewSubmissionPayload(
                      {.user_id = "U0AGENT7", .callback_id = "qualify", .values = values}))
                  .status,
              200);
    ASSERT_EQ(slack
                  .Send(test::SignRequest("wrong", Timestamp(), "application/json",
                                          R"({"type":")" + personal + R"("})"))
                  .status,
              401);
    server_->Stop(1s);

    const std::string all = logs.sink().All();
    EXPECT_THAT(all, HasSubstr("route=command:/escalate status=200"));
    EXPECT_THAT(all, HasSubstr("user=U0AGENT7 channel=C0SUPPORT01"));
    for (std::string_view secret_fragment :
         {"Jane", "Whitfield", "Saguaro", "Tempe", "AZ 85281", "jane.whitfield", "example.com",
          "(480)", "555-0199"}) {
        EXPECT_THAT(all, Not(HasSubstr(std::string(secret_fragment)))) << secret_fragment;
    }
}

// --- Lifecycle ------------------------------------------------------------------------------

TEST_F(HttpServerTest, StartThrowsAClearErrorWhenThePortIsTaken) {
    StartServer();
    ServerOptions clash = TestOptions();
    clash.port = server_->port();
    HttpServer second(
        clash, clock_, [](const Inbound&) { return Ack::Empty(); }, nullptr, registry_);

    try {
        second.Start();
        FAIL() << "Start() should have thrown";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(),
                    HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(server_->port())));
    }
}

TEST_F(HttpServerTest, StartRefusesAnEmptySigningSecret) {
    ServerOptions options = TestOptions();
    options.signing_secret.clear();
    HttpServer server(
        options, clock_, [](const Inbound&) { return Ack::Empty(); }, nullptr, registry_);

    EXPECT_THROW(server.Start(), std::invalid_argument);
}

TEST_F(HttpServerTest, PortZeroPicksAFreePort) {
    StartServer();

    EXPECT_NE(server_->port(), 0);
}

TEST_F(HttpServerTest, StopLetsARequestInFlightFinish) {
    HeldReply held;
    reply_ = held.Reply();
    StartServer();
    const std::uint16_t port = server_->port();
    auto in_flight = std::async(std::launch::async, [&] {
        test::SlackHttpClient slack(port, std::string(kSecret), clock_);
        return slack.SlashCommand("/escalate", "");
    });
    held.WaitUntilEntered();

    std::thread stopper([&] { server_->Stop(10s); });
    // Wait until Stop() has begun: the listener refuses new connections.
    for (;;) {
        test::HttpClient probe(port, "127.0.0.1", 1s);
        try {
            probe.Get("/healthz");
        } catch (const std::runtime_error&) {
            break;
        }
        std::this_thread::sleep_for(5ms);
    }
    held.Release();
    const auto response = in_flight.get();
    stopper.join();

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Json().at("text"), "done");
    EXPECT_FALSE(response.keep_alive);
}

TEST_F(HttpServerTest, OnASharedIoContextRequestsAreServedOnItsThreadAndStopLeavesItRunning) {
    std::atomic<std::thread::id> dispatched_on;
    reply_ = [&](const Inbound&) {
        dispatched_on = std::this_thread::get_id();
        return Ack::Empty();
    };
    StartServer(SharedIoOptions());
    auto slack = Slack();
    auto http = Http();

    EXPECT_EQ(slack.SlashCommand("/escalate", "").status, 200);
    EXPECT_EQ(slack.SlashCommand("/escalate", "").status, 200);
    ASSERT_EQ(http.Get("/healthz").status, 200);  // an idle keep-alive connection at Stop
    EXPECT_EQ(dispatched_on.load(), shared_->thread_id());
    server_->Stop(5s);

    EXPECT_TRUE(http.WaitForClose(5s));
    std::promise<void> ran;
    boost::asio::post(shared_->io(), [&ran] { ran.set_value(); });
    EXPECT_EQ(ran.get_future().wait_for(5s), std::future_status::ready);
    shared_->Release();  // returns: the server left nothing behind on the io_context
}

TEST_F(HttpServerTest, OnASharedIoContextStopLetsARequestInFlightFinish) {
    HeldReply held;
    reply_ = held.Reply();
    StartServer(SharedIoOptions());
    const std::uint16_t port = server_->port();
    auto in_flight = std::async(std::launch::async, [&] {
        test::SlackHttpClient slack(port, std::string(kSecret), clock_);
        return slack.SlashCommand("/escalate", "");
    });
    held.WaitUntilEntered();

    auto stopped = std::async(std::launch::async, [&] { server_->Stop(10s); });
    EXPECT_EQ(stopped.wait_for(100ms), std::future_status::timeout);  // waits for the request
    held.Release();
    const auto response = in_flight.get();
    EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);

    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Json().at("text"), "done");
    EXPECT_FALSE(response.keep_alive);
}

TEST_F(HttpServerTest, OnASharedIoContextABlockedHandlerLeavesItsThreadFree) {
    HeldReply held;
    reply_ = held.Reply();
    ServerOptions options = SharedIoOptions();
    options.handler_threads = 1;
    StartServer(options);
    const std::uint16_t port = server_->port();
    auto slow = std::async(std::launch::async, [&] {
        test::SlackHttpClient slack(port, std::string(kSecret), clock_);
        return slack.SlashCommand("/escalate", "");
    });
    held.WaitUntilEntered();

    // What else the thread carries (the Web API client's calls) goes on meanwhile.
    std::promise<void> ran;
    boost::asio::post(shared_->io(), [&ran] { ran.set_value(); });
    const auto other_work = ran.get_future().wait_for(5s);
    held.Release();
    const auto response = slow.get();

    EXPECT_EQ(other_work, std::future_status::ready);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Json().at("text"), "done");
}

TEST_F(HttpServerTest, WithHandlerThreadsTheHealthProbeRunsOffTheIoThread) {
    ServerOptions options = SharedIoOptions();
    options.handler_threads = 1;
    std::atomic<std::thread::id> probed_on;
    server_ = std::make_unique<HttpServer>(
        options, clock_, [](const Inbound&) { return Ack::Empty(); },
        [&probed_on] {
            probed_on = std::this_thread::get_id();
            return true;
        },
        registry_);
    server_->Start();

    const auto health = Http().Get("/healthz");

    EXPECT_EQ(health.status, 200);
    EXPECT_NE(probed_on.load(), std::thread::id());
    EXPECT_NE(probed_on.load(), shared_->thread_id());
}

TEST_F(HttpServerTest, StopClosesIdleKeepAliveConnectionsWithoutWaitingForTheGrace) {
    ServerOptions options = TestOptions();
    options.idle_timeout = 60s;
    StartServer(options);
    auto http = Http();
    ASSERT_EQ(http.Get("/healthz").status, 200);

    const auto before = std::chrono::steady_clock::now();
    server_->Stop(30s);
    const auto took = std::chrono::steady_clock::now() - before;

    EXPECT_LT(took, 30s);  // did not sit out the grace period on the idle connection
    EXPECT_TRUE(http.WaitForClose(10s));
}

}  // namespace
}  // namespace escbot::http
