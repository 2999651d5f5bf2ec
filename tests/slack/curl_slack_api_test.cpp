#include "bot/slack/curl_slack_api.hpp"

#include <atomic>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include "bot/slack/json_text.hpp"
#include "tests/support/capture_sink.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::slack {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::FakeSlackServer;

// A port on 127.0.0.1 where nothing listens (bound once by the OS, then released).
std::uint16_t ClosedPort() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

// Collects the outcome of an asynchronous Call.
struct Outcome {
    std::promise<ApiResult> promise;
    std::future<ApiResult> future = promise.get_future();
    ApiCallback Callback() {
        return [this](const ApiResult& result) { promise.set_value(result); };
    }
    ApiResult Get() { return future.get(); }
};

nlohmann::json OpenModalArgs() {
    return {{"trigger_id", "1.2.3"},
            {"view",
             {{"type", "modal"},
              {"title", {{"type", "plain_text"}, {"text", "Escalate"}}},
              {"blocks", nlohmann::json::array()}}}};
}

CallOptions Attempts(int n, std::chrono::milliseconds within = 10s) {
    CallOptions options;
    options.max_attempts = n;
    options.deadline = Clock::now() + within;
    return options;
}

class CurlSlackApiTest : public ::testing::Test {
protected:
    CurlSlackApiOptions Options() {
        CurlSlackApiOptions options;
        options.base_url = slack_.BaseUrl();
        options.bot_token = slack_.options().bot_token;
        options.connect_timeout = 1s;
        options.total_timeout = 3s;
        options.retry_base_delay = 40ms;
        options.retry_max_delay = 160ms;
        options.stop_timeout = 200ms;
        return options;
    }
    CurlSlackApi& Api() {
        if (!api_) api_ = std::make_unique<CurlSlackApi>(Options(), registry_);
        return *api_;
    }

    FakeSlackServer slack_;
    metrics::Registry registry_;
    std::unique_ptr<CurlSlackApi> api_;
};

TEST_F(CurlSlackApiTest, OkCallSendsTheBotTokenAndAJsonBody) {
    const ApiResult result =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hello"}});

    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.attempts, 1);
    EXPECT_EQ(result.http_status, 200);
    EXPECT_EQ(result.body["channel"], "C0TEST");
    EXPECT_EQ(result.body["ts"], "1700000000.000100");
    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].headers.at("authorization"), "Bearer xoxb-fake-bot-token");
    EXPECT_EQ(calls[0].content_type, "application/json; charset=utf-8");
    EXPECT_EQ(calls[0].args, nlohmann::json({{"channel", "C0TEST"}, {"text", "hello"}}));
}

TEST_F(CurlSlackApiTest, FinishedCallIsCountedByMethodAndResult) {
    Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hello"}});
    Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}});

    const std::string text = registry_.RenderText();
    EXPECT_NE(text.find(R"(escbot_slack_api_calls_total{method="chat.postMessage",result="ok"} 1)"),
              std::string::npos)
        << text;
    EXPECT_NE(
        text.find(R"(escbot_slack_api_calls_total{method="chat.postMessage",result="no_text"} 1)"),
        std::string::npos)
        << text;
}

TEST_F(CurlSlackApiTest, CallOptionsTokenReplacesTheBotToken) {
    CallOptions options;
    options.token = slack_.options().app_token;

    const ApiResult result = Api().CallAndWait("apps.connections.open", {}, options);

    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(slack_.Calls()[0].token, "xapp-fake-app-token");
    EXPECT_TRUE(result.body.contains("url"));
}

TEST_F(CurlSlackApiTest, CallThatReadsNoBodyStillGetsTheOutcome) {
    CallOptions options;
    options.read_body = false;

    const ApiResult opened = Api().CallAndWait("views.open", OpenModalArgs(), options);
    const ApiResult failed =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}}, options);

    ASSERT_TRUE(opened.ok()) << opened.error;
    EXPECT_TRUE(opened.body.is_null());
    EXPECT_EQ(failed.kind, ApiResult::Kind::kPlatform);
    EXPECT_EQ(failed.error, "no_text");
    EXPECT_EQ(slack_.Calls("views.open").size(), 1u);
}

TEST_F(CurlSlackApiTest, UsersInfoIsSentFormEncoded) {
    const ApiResult result = Api().CallAndWait("users.info", {{"user", "U0AGENT1"}});

    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.body["user"]["id"], "U0AGENT1");
    const auto call = slack_.Calls("users.info").at(0);
    EXPECT_EQ(call.content_type, "application/x-www-form-urlencoded");
    EXPECT_EQ(call.body, "user=U0AGENT1");
    EXPECT_EQ(call.headers.at("authorization"), "Bearer xoxb-fake-bot-token");
}

TEST_F(CurlSlackApiTest, RateLimitedCallIsRetriedNoEarlierThanRetryAfter) {
    slack_.RateLimitNext("views.open", 1, 1);

    const ApiResult result = Api().CallAndWait("views.open", OpenModalArgs(), Attempts(3));

    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.attempts, 2);
    const auto calls = slack_.Calls("views.open");
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_GE(calls[1].arrived_at - calls[0].answered_at, 1s);
}

TEST_F(CurlSlackApiTest, RateLimitPausesOnlyThatMethod) {
    slack_.RateLimitNext("chat.postMessage", 1, 1);
    Outcome paused;
    Api().Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hi"}}, Attempts(3),
               paused.Callback());
    ASSERT_TRUE(slack_.WaitForAnswers("chat.postMessage", 1));

    const ApiResult other = Api().CallAndWait("users.info", {{"user", "U0AGENT1"}});

    ASSERT_TRUE(other.ok()) << other.error;
    // The lookup went out while the post was still waiting for its Retry-After.
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);
    EXPECT_LT(slack_.Calls("users.info")[0].arrived_at,
              slack_.Calls("chat.postMessage")[0].answered_at + 1s);
    const ApiResult retried = paused.Get();
    EXPECT_TRUE(retried.ok()) << retried.error;
    EXPECT_EQ(retried.attempts, 2);
}

TEST_F(CurlSlackApiTest, CallToAPausedMethodWaitsForTheRetryAfter) {
    slack_.RateLimitNext("chat.update", 1, 1);
    Api().CallAndWait("chat.update", {{"channel", "C0TEST"}, {"ts", "1.2"}}, Attempts(1));
    ASSERT_TRUE(Api().IsPaused("chat.update"));

    Api().CallAndWait("chat.update", {{"channel", "C0TEST"}, {"ts", "1.2"}}, Attempts(1));

    const auto calls = slack_.Calls("chat.update");
    ASSERT_EQ(calls.size(), 2u);
    // The fake stamps answered_at once its write has finished, which may be a little after the
    // bot read the answer and started its pause (by 10 µs under ASan): a few ms of slack, where
    // an ignored Retry-After would show as none at all.
    EXPECT_GE(calls[1].arrived_at - calls[0].answered_at, 1s - 5ms);
    EXPECT_FALSE(Api().IsPaused("chat.update"));
}

// Slack limits chat.postMessage per channel: a 429 in one channel must not hold up a post (a
// ladder page, say) to another.
TEST_F(CurlSlackApiTest, A429OnPostingToOneChannelPausesThatChannelOnly) {
    slack_.RateLimitNext("chat.postMessage", 1, 2);
    Api().CallAndWait("chat.postMessage", {{"channel", "C0CASES"}, {"text", "a"}}, Attempts(1));
    ASSERT_TRUE(Api().IsPaused("chat.postMessage C0CASES"));

    const ApiResult other =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0LIVE"}, {"text", "page"}}, Attempts(1));

    ASSERT_TRUE(other.ok()) << other.error;
    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_LT(calls[1].arrived_at - calls[0].answered_at, 1s);
    EXPECT_FALSE(Api().IsPaused("chat.postMessage C0LIVE"));
    EXPECT_TRUE(Api().IsPaused("chat.postMessage C0CASES"));
}

TEST_F(CurlSlackApiTest, RateLimitedViewsOpenWaitsAloneAndOtherTriggersGoOn) {
    slack_.RateLimitNext("views.open", 1, 1);
    Outcome limited;
    Api().Call("views.open", OpenModalArgs(), Attempts(3), limited.Callback());
    ASSERT_TRUE(slack_.WaitForAnswers("views.open", 1));

    // Another user's trigger must not wait behind the first one's Retry-After: it would expire.
    EXPECT_FALSE(Api().IsPaused("views.open"));
    EXPECT_FALSE(Api().Saturated());
    const ApiResult other = Api().CallAndWait("views.open", OpenModalArgs(), Attempts(1));

    ASSERT_TRUE(other.ok()) << other.error;
    const auto calls = slack_.Calls("views.open");
    ASSERT_GE(calls.size(), 2u);
    EXPECT_LT(calls[1].arrived_at, calls[0].answered_at + 500ms);
    const ApiResult retried = limited.Get();
    EXPECT_TRUE(retried.ok()) << retried.error;
    EXPECT_EQ(retried.attempts, 2);
    EXPECT_GE(slack_.Calls("views.open").at(2).arrived_at - calls[0].answered_at, 1s);
}

TEST_F(CurlSlackApiTest, RateLimitOfAnotherMethodDoesNotSaturate) {
    slack_.RateLimitNext("chat.update", 1, 1);

    Api().CallAndWait("chat.update", {{"channel", "C0TEST"}, {"ts", "1.2"}}, Attempts(1));

    ASSERT_TRUE(Api().IsPaused("chat.update"));
    EXPECT_FALSE(Api().Saturated());
}

TEST_F(CurlSlackApiTest, CallWaitingForAConnectionStartsAsSoonAsOneIsFree) {
    CurlSlackApiOptions options = Options();
    options.max_connections = 1;  // http://: one request on the wire at a time
    CurlSlackApi api(options, registry_);
    Outcome first, second;

    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "a"}}, {}, first.Callback());
    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "b"}}, {}, second.Callback());

    ASSERT_TRUE(first.Get().ok());
    ASSERT_TRUE(second.Get().ok());
    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 2u);
    // Not the API thread's idle wakeup (up to a second) later.
    EXPECT_LT(calls[1].arrived_at - calls[0].answered_at, 500ms);
}

TEST_F(CurlSlackApiTest, RateLimitWithoutRetriesReportsRetryAfter) {
    slack_.RateLimitNext("chat.postMessage", 1, 7);

    const ApiResult result =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hi"}});

    EXPECT_EQ(result.kind, ApiResult::Kind::kRateLimited);
    EXPECT_EQ(result.retry_after, 7s);
    EXPECT_EQ(result.error, "ratelimited");
    EXPECT_EQ(result.attempts, 1);
}

TEST_F(CurlSlackApiTest, ServerErrorIsRetriedThenSucceeds) {
    slack_.FailNextWithStatus("chat.postMessage", 2, 500);

    const ApiResult result =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hi"}}, Attempts(5));

    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.attempts, 3);
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 3u);
}

// Easy handles are reused from call to call: each answer must be read alone, whatever the length
// of the one before it, including after a failed attempt of the same call.
TEST_F(CurlSlackApiTest, EachAnswerIsReadAlone) {
    nlohmann::json long_text = {{"channel", "C0TEST"}, {"text", std::string(10'000, 'x')}};
    slack_.FailNextWithStatus("chat.update", 1, 500);

    const ApiResult long_answer = Api().CallAndWait("chat.postMessage", long_text);
    const std::string ts = long_answer.body.value("ts", "");
    const ApiResult retried = Api().CallAndWait(
        "chat.update", {{"channel", "C0TEST"}, {"ts", ts}, {"text", "hi"}}, Attempts(3));
    const ApiResult short_answer = Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}});

    ASSERT_TRUE(long_answer.ok()) << long_answer.error;
    EXPECT_EQ(long_answer.body["channel"], "C0TEST");
    ASSERT_TRUE(retried.ok()) << retried.error;
    EXPECT_EQ(retried.attempts, 2);
    EXPECT_EQ(retried.body["text"], "hi");
    EXPECT_EQ(short_answer.kind, ApiResult::Kind::kPlatform);
    EXPECT_EQ(short_answer.error, "no_text");
}

TEST_F(CurlSlackApiTest, ServerErrorWithoutRetriesIsAnHttpResult) {
    slack_.FailNextWithStatus("chat.postMessage", 1, 503);

    const ApiResult result =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hi"}});

    EXPECT_EQ(result.kind, ApiResult::Kind::kHttp);
    EXPECT_EQ(result.http_status, 503);
    EXPECT_TRUE(IsRetryable(result));
}

TEST_F(CurlSlackApiTest, TransportErrorIsRetriedUntilTheDeadlineThenReported) {
    CurlSlackApiOptions options = Options();
    options.base_url = "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/api/";
    CurlSlackApi api(options, registry_);
    const auto start = Clock::now();

    const ApiResult result =
        api.CallAndWait("chat.postMessage", {{"channel", "C0TEST"}}, Attempts(1000, 500ms));

    EXPECT_EQ(result.kind, ApiResult::Kind::kTransport);
    EXPECT_GT(result.attempts, 1);
    EXPECT_LT(result.attempts, 1000);
    EXPECT_GE(Clock::now() - start, 300ms);  // it kept trying for most of the window
}

TEST_F(CurlSlackApiTest, FatalErrorIsSentExactlyOnce) {
    slack_.SetChannels({"C0KNOWN"});

    const ApiResult result =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0GONE"}, {"text", "hi"}}, Attempts(5));

    EXPECT_EQ(result.kind, ApiResult::Kind::kPlatform);
    EXPECT_EQ(result.error, "channel_not_found");
    EXPECT_EQ(result.attempts, 1);
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);
}

TEST_F(CurlSlackApiTest, NoAttemptStartsAfterTheDeadline) {
    slack_.FailNextWithStatus("chat.postMessage", 1000, 500);
    const CallOptions options = Attempts(1000, 400ms);

    const ApiResult result =
        Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hi"}}, options);

    EXPECT_EQ(result.kind, ApiResult::Kind::kHttp);
    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_GE(calls.size(), 2u);
    EXPECT_EQ(static_cast<std::size_t>(result.attempts), calls.size());
    for (const auto& call : calls) EXPECT_LT(call.arrived_at, options.deadline);
}

TEST_F(CurlSlackApiTest, CallWhoseDeadlineHasPassedIsNotSent) {
    CallOptions options;
    options.deadline = Clock::now() - 1ms;

    const ApiResult result = Api().CallAndWait("views.open", {{"trigger_id", "1"}}, options);

    EXPECT_EQ(result.kind, ApiResult::Kind::kTransport);
    EXPECT_EQ(result.error, "deadline_exceeded");
    EXPECT_EQ(result.attempts, 0);
    EXPECT_EQ(slack_.CallCount(), 0u);
}

TEST_F(CurlSlackApiTest, ManyCallsAreInFlightAtOnce) {
    slack_.DelayNext("chat.postMessage", 20, 300ms);
    std::vector<std::unique_ptr<Outcome>> outcomes;
    for (int i = 0; i < 20; ++i) {
        outcomes.push_back(std::make_unique<Outcome>());
        Api().Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "hi"}}, {},
                   outcomes.back()->Callback());
    }

    // All twenty arrive while the first is still being delayed: no call waits for another.
    ASSERT_TRUE(slack_.WaitForCalls("chat.postMessage", 20, 2s));
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 20u);
    for (auto& outcome : outcomes) EXPECT_TRUE(outcome->Get().ok());
}

TEST_F(CurlSlackApiTest, BackloggedWhileACallWaitsToStartAndNotOnceItHasGone) {
    CurlSlackApiOptions options = Options();
    options.max_connections = 1;  // http://: the second call waits for the first's connection
    options.backlog_age = 20ms;
    CurlSlackApi api(options, registry_);
    slack_.DelayNext("chat.postMessage", 1, 400ms);
    Outcome first, second;
    ASSERT_FALSE(api.Backlogged());

    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "a"}}, {}, first.Callback());
    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "b"}}, {}, second.Callback());
    std::this_thread::sleep_for(100ms);  // well past backlog_age, well before the 400 ms answer

    EXPECT_TRUE(api.Backlogged());
    EXPECT_FALSE(api.Saturated());  // far from refusing work: only holding the intake back
    ASSERT_TRUE(first.Get().ok());
    ASSERT_TRUE(second.Get().ok());
    EXPECT_FALSE(api.Backlogged());
}

TEST_F(CurlSlackApiTest, PendingAndSaturatedFollowTheQueue) {
    CurlSlackApiOptions options = Options();
    options.saturation_pending = 2;
    CurlSlackApi api(options, registry_);
    slack_.DelayNext("chat.postMessage", 3, 300ms);
    Outcome a, b, c;

    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "a"}}, {}, a.Callback());
    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "b"}}, {}, b.Callback());
    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "c"}}, {}, c.Callback());

    EXPECT_EQ(api.Pending(), 3u);
    EXPECT_TRUE(api.Saturated());
    a.Get();
    b.Get();
    c.Get();
    EXPECT_EQ(api.Pending(), 0u);
    EXPECT_FALSE(api.Saturated());
}

TEST_F(CurlSlackApiTest, CallBeyondTheQueueLimitFailsAtOnce) {
    CurlSlackApiOptions options = Options();
    options.max_queued = 1;
    CurlSlackApi api(options, registry_);
    slack_.DelayNext("chat.postMessage", 1, 300ms);
    Outcome first;
    api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "a"}}, {}, first.Callback());

    const ApiResult refused = api.CallAndWait("chat.postMessage", {{"channel", "C0TEST"}});

    EXPECT_EQ(refused.kind, ApiResult::Kind::kTransport);
    EXPECT_EQ(refused.error, "queue_full");
    EXPECT_TRUE(first.Get().ok());
}

TEST_F(CurlSlackApiTest, SilentServerTimesOutOnCurlsTimerAlone) {
    // No byte arrives before the timeout: only the timer that drives libcurl can end the call.
    CurlSlackApiOptions options = Options();
    options.total_timeout = 300ms;
    api_ = std::make_unique<CurlSlackApi>(options, registry_);
    slack_.DelayNext("chat.postMessage", 1, 3s);

    const auto started = Clock::now();
    const ApiResult result = Api().CallAndWait("chat.postMessage", {{"channel", "C0TEST"}},
                                               Attempts(1));
    const auto took = Clock::now() - started;

    EXPECT_EQ(result.kind, ApiResult::Kind::kTransport);
    EXPECT_GE(took, 300ms);
    EXPECT_LT(took, 2s);  // not when the server finally answers
}

TEST_F(CurlSlackApiTest, StopAbandonsInFlightCallsWithShutdown) {
    slack_.DelayNext("chat.postMessage", 1, 3s);
    Outcome outcome;
    Api().Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "a"}}, Attempts(5),
               outcome.Callback());
    ASSERT_TRUE(slack_.WaitForCalls("chat.postMessage", 1));

    Api().Stop();

    const ApiResult result = outcome.Get();
    EXPECT_EQ(result.kind, ApiResult::Kind::kTransport);
    EXPECT_EQ(result.error, "shutdown");
    EXPECT_EQ(Api().CallAndWait("chat.postMessage", {}).error, "shutdown");
}

TEST_F(CurlSlackApiTest, StopLetsAQuickInFlightCallFinish) {
    slack_.DelayNext("chat.postMessage", 1, 50ms);
    Outcome outcome;
    Api().Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "a"}}, {}, outcome.Callback());
    ASSERT_TRUE(slack_.WaitForCalls("chat.postMessage", 1));

    Api().Stop();

    EXPECT_TRUE(outcome.Get().ok());
}

TEST_F(CurlSlackApiTest, CallMadeOnItsOwnIoThreadGoesOutAndAnswersOnThatThread) {
    // What a handler of an HTTP server sharing IoContext() does: call, then return.
    std::promise<std::thread::id> caller;
    std::promise<std::thread::id> answered;
    std::promise<ApiResult> result;
    boost::asio::post(Api().IoContext(), [&] {
        caller.set_value(std::this_thread::get_id());
        Api().Call("views.open", OpenModalArgs(), Attempts(1), [&](const ApiResult& r) {
            answered.set_value(std::this_thread::get_id());
            result.set_value(r);
        });
    });

    auto outcome = result.get_future();
    if (outcome.wait_for(5s) != std::future_status::ready) {
        Api().Stop();  // the callback runs now, while the promises it fills still exist
        FAIL() << "the call made on the I/O thread never finished";
    }
    EXPECT_TRUE(outcome.get().ok());
    const std::thread::id io_thread = caller.get_future().get();
    EXPECT_EQ(answered.get_future().get(), io_thread);
    EXPECT_NE(io_thread, std::this_thread::get_id());
    EXPECT_EQ(slack_.Calls("views.open").size(), 1u);
}

// A handler of the shared HTTP server makes its calls, then its ack is written one hop later
// (HttpServer yields once before writing): the calls must start only after that.
TEST_F(CurlSlackApiTest, CallMadeOnItsOwnIoThreadStartsAfterWhatTheCallerPostsNext) {
    CurlSlackApiOptions options = Options();
    options.backlog_age = std::chrono::microseconds(0);  // Backlogged() while any call waits
    CurlSlackApi api(options, registry_);
    std::promise<bool> waiting_when_ack_would_go;
    Outcome outcome;
    boost::asio::post(api.IoContext(), [&] {
        api.Call("chat.postMessage", {{"channel", "C0TEST"}, {"text", "a"}}, Attempts(1),
                 outcome.Callback());
        boost::asio::post(api.IoContext(),
                          [&] { waiting_when_ack_would_go.set_value(api.Backlogged()); });
    });

    EXPECT_TRUE(waiting_when_ack_would_go.get_future().get());
    EXPECT_TRUE(outcome.Get().ok());
    EXPECT_FALSE(api.Backlogged());
}

TEST_F(CurlSlackApiTest, StopReturnsOnceTheIoContextHasNoOtherWork) {
    auto& io = Api().IoContext();
    std::atomic<bool> ran_after_stop_began{false};
    auto guard = boost::asio::make_work_guard(io);  // another user of the io_context
    std::thread stopper([&] { Api().Stop(); });
    std::this_thread::sleep_for(100ms);
    boost::asio::post(io, [&] { ran_after_stop_began = true; });
    std::this_thread::sleep_for(50ms);

    EXPECT_TRUE(ran_after_stop_began);  // the thread still serves the other user
    guard.reset();
    stopper.join();
    EXPECT_EQ(Api().CallAndWait("chat.postMessage", {}).error, "shutdown");
}

TEST_F(CurlSlackApiTest, LogLinesCarryIdsButNeitherTokensNorText) {
    test::CaptureLogs logs("debug");
    slack_.SetChannels({"C0KNOWN"});

    Api().CallAndWait("chat.postMessage",
                      {{"channel", "C0KNOWN"}, {"text", "Jane Doe, 12 Elm St"}});
    Api().CallAndWait("chat.postMessage", {{"channel", "C0GONE"}, {"text", "Jane Doe, 12 Elm St"}});

    const std::string all = logs.sink().All();
    EXPECT_NE(all.find("method=chat.postMessage result=ok attempts=1"), std::string::npos) << all;
    EXPECT_NE(all.find("result=channel_not_found"), std::string::npos) << all;
    EXPECT_NE(all.find("channel=C0KNOWN"), std::string::npos) << all;
    EXPECT_EQ(all.find("Jane"), std::string::npos) << all;
    EXPECT_EQ(all.find("xoxb"), std::string::npos) << all;
}

}  // namespace
}  // namespace escbot::slack
