#include "bot/slack/outbox_worker.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "bot/slack/curl_slack_api.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/paths.hpp"

namespace escbot::slack {
namespace {

using namespace std::chrono_literals;
using storage::OutboxItem;
using storage::UnitOfWork;

// An outbox item posting `text`; "" for channel leaves it out (a reply takes its root's).
OutboxItem Post(std::string lane, std::string channel, std::string text,
                std::string method = "chat.postMessage") {
    OutboxItem item;
    item.method = std::move(method);
    item.args = {{"text", std::move(text)}};
    if (!channel.empty()) item.args["channel"] = std::move(channel);
    item.lane = std::move(lane);
    if (item.method == "chat.postEphemeral") item.args["user"] = "U0AGENT1";
    return item;
}

OutboxItem WithResultKey(OutboxItem item, std::string key) {
    item.result_key = std::move(key);
    return item;
}

OutboxItem InThread(OutboxItem item, std::string key) {
    item.thread_key = std::move(key);
    return item;
}

OutboxItem Notifying(OutboxItem item, std::string user) {
    item.notify_user = std::move(user);
    return item;
}

class OutboxWorkerTest : public ::testing::Test {
protected:
    static CurlSlackApiOptions ApiOptions(const test::FakeSlackServer& slack) {
        CurlSlackApiOptions options;
        options.base_url = slack.BaseUrl();
        options.bot_token = slack.options().bot_token;
        options.stop_timeout = 200ms;
        return options;
    }
    static OutboxWorkerOptions Options() {
        OutboxWorkerOptions options;
        options.channel_post_interval = 0ms;  // the pacing test sets it
        options.retry_base_delay = 2s;
        options.retry_max_delay = 60s;
        options.idle_poll = 100ms;
        return options;
    }
    std::unique_ptr<OutboxWorker> Worker(OutboxWorkerOptions options = Options()) {
        return std::make_unique<OutboxWorker>(*store_, api_, clock_, registry_, options);
    }

    long long Enqueue(const OutboxItem& item) {
        return store_->Write([&](UnitOfWork& u) { return u.Outbox().Enqueue(item, clock_.Now()); });
    }
    std::optional<OutboxItem> Find(long long id) {
        return store_->Read([&](UnitOfWork& u) { return u.Outbox().Get(id); });
    }
    OutboxItem Item(long long id) {
        auto item = Find(id);
        if (!item) throw std::runtime_error("no outbox item " + std::to_string(id));
        return *item;
    }
    bool IsSent(long long id) {
        const auto item = Find(id);
        return item && item->status == OutboxItem::Status::kSent;
    }

    // Runs worker rounds until `done` holds (the worker's answers arrive asynchronously).
    static bool RunUntil(OutboxWorker& worker, const std::function<bool()>& done,
                         std::chrono::milliseconds timeout = 5s) {
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < give_up) {
            worker.RunOnce();
            if (done()) return true;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }
    static bool WaitUntil(const std::function<bool()>& done,
                          std::chrono::milliseconds timeout = 5s) {
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < give_up) {
            if (done()) return true;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }

    test::TempDir dir_;
    const std::string db_path_ = (dir_ / "bot.sqlite3").string();
    std::unique_ptr<storage::Store> store_ = storage::sqlite::OpenSqliteStore(db_path_);
    test::FakeSlackServer slack_;
    metrics::Registry registry_;
    CurlSlackApi api_{ApiOptions(slack_), registry_};
    ManualClock clock_{FromUnix(1'700'000'000)};
};

TEST_F(OutboxWorkerTest, ItemsInOneLaneGoOutOneAtATimeInIdOrder) {
    slack_.DelayNext("chat.postEphemeral", 1, 150ms);
    const long long first = Enqueue(Post("C0CASES", "C0CASES", "1", "chat.postEphemeral"));
    Enqueue(Post("C0CASES", "C0CASES", "2", "chat.postEphemeral"));
    const long long third = Enqueue(Post("C0CASES", "C0CASES", "3", "chat.postEphemeral"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(third); }));

    const auto calls = slack_.Calls("chat.postEphemeral");
    ASSERT_EQ(calls.size(), 3u);
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i].args["text"], std::to_string(i + 1));
    }
    EXPECT_GE(calls[1].arrived_at, calls[0].answered_at);
    EXPECT_GE(calls[2].arrived_at, calls[1].answered_at);
    EXPECT_TRUE(IsSent(first));
}

TEST_F(OutboxWorkerTest, ThreadReplyWaitsForItsRootAndCarriesItsTs) {
    slack_.FailNextWithStatus("chat.postMessage", 1, 500);
    const long long root =
        Enqueue(WithResultKey(Post("C0CASES", "C0CASES", "root"), "case:1:root"));
    const long long reply = Enqueue(InThread(Post("case:1", "", "reply"), "case:1:root"));
    auto worker = Worker();

    // The root fails once and waits for its retry; the reply has no thread_ts yet.
    ASSERT_TRUE(RunUntil(*worker, [&] { return Item(root).attempts == 1; }));
    worker->RunOnce();
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);
    EXPECT_EQ(Item(reply).status, OutboxItem::Status::kPending);

    clock_.Advance(10min);
    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(reply); }));

    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[1].args["text"], "root");
    EXPECT_EQ(calls[2].args["text"], "reply");
    EXPECT_EQ(calls[2].args["thread_ts"], calls[1].response["ts"]);
    EXPECT_EQ(calls[2].args["channel"], "C0CASES");
    EXPECT_TRUE(IsSent(root));
}

TEST_F(OutboxWorkerTest, SentMessageIsStoredUnderItsResultKey) {
    const long long id = Enqueue(WithResultKey(Post("C0CASES", "C0CASES", "root"), "case:7:root"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    const auto ref = store_->Read([](UnitOfWork& u) { return u.MessageRefs().Get("case:7:root"); });
    ASSERT_TRUE(ref.has_value());
    EXPECT_EQ(ref->channel, "C0CASES");
    // The fake records its answer after sending it: under ASan the worker is sometimes faster.
    ASSERT_TRUE(slack_.WaitForAnswers("chat.postMessage", 1));
    EXPECT_EQ(ref->ts, slack_.Calls("chat.postMessage").at(0).response["ts"]);
}

TEST_F(OutboxWorkerTest, UpdateTargetsTheMessageNamedByItsTsKey) {
    Enqueue(WithResultKey(Post("C0CASES", "C0CASES", "open"), "case:2:root"));
    OutboxItem update = Post("C0CASES", "", "claimed by <@U0LEAD>", "chat.update");
    update.ts_key = "case:2:root";
    const long long update_id = Enqueue(update);
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(update_id); }));

    const auto post = slack_.Calls("chat.postMessage").at(0);
    const auto sent_update = slack_.Calls("chat.update").at(0);
    EXPECT_EQ(sent_update.args["channel"], "C0CASES");
    EXPECT_EQ(sent_update.args["ts"], post.response["ts"]);
    const auto message = slack_.Message("C0CASES", post.response["ts"].get<std::string>());
    ASSERT_TRUE(message.has_value());
    EXPECT_EQ((*message)["text"], "claimed by <@U0LEAD>");
}

TEST_F(OutboxWorkerTest, RetryableFailureIsRescheduledInStorage) {
    slack_.FailNextWithStatus("chat.postMessage", 1, 500);
    const long long id = Enqueue(Post("C0CASES", "C0CASES", "hello"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return Item(id).attempts == 1; }));

    const OutboxItem item = Item(id);
    EXPECT_EQ(item.status, OutboxItem::Status::kPending);
    EXPECT_EQ(item.last_error, "http_500");
    EXPECT_GE(item.next_attempt_at, clock_.Now() + 1s);
    EXPECT_LE(item.next_attempt_at, clock_.Now() + 2s);
    worker->RunOnce();
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);  // not due yet

    clock_.Set(item.next_attempt_at);
    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));
    EXPECT_EQ(Item(id).attempts, 2);
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 2u);
}

TEST_F(OutboxWorkerTest, RateLimitedItemIsRescheduledAfterRetryAfter) {
    slack_.RateLimitNext("chat.postMessage", 1, 30);
    const long long id = Enqueue(Post("C0CASES", "C0CASES", "hello"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return Item(id).attempts == 1; }));

    EXPECT_EQ(Item(id).next_attempt_at, clock_.Now() + 30s);
    EXPECT_EQ(Item(id).last_error, "ratelimited");
}

TEST_F(OutboxWorkerTest, FatalFailureMarksTheItemFailedAndTellsTheUser) {
    slack_.SetChannels({"C0CASES"});
    const long long id = Enqueue(Notifying(Post("C0GONE", "C0GONE", "summary"), "U0AGENT1"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id + 1); }));

    const OutboxItem failed = Item(id);
    EXPECT_EQ(failed.status, OutboxItem::Status::kFailed);
    EXPECT_EQ(failed.last_error, "channel_not_found");
    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[1].args["channel"], "U0AGENT1");
    const std::string text = calls[1].args["text"];
    EXPECT_NE(text.find("<#C0GONE>"), std::string::npos) << text;
    EXPECT_NE(text.find("channel_not_found"), std::string::npos) << text;
    EXPECT_EQ(text.find("summary"), std::string::npos) << text;
    EXPECT_EQ(Item(id + 1).lane, "dm:U0AGENT1");
    EXPECT_NE(registry_.RenderText().find(
                  R"(escbot_outbox_results_total{method="chat.postMessage",result="failed"} 1)"),
              std::string::npos);
}

TEST_F(OutboxWorkerTest, ARevokedTokenPausesTheOutboxInsteadOfFailingEveryMessage) {
    for (const char* error : {"token_revoked", "invalid_auth", "account_inactive", "missing_scope"}) {
        SCOPED_TRACE(error);
        slack_.Reset();
        slack_.FailNextWithError("chat.postMessage", 1, error);
        const long long root = Enqueue(Notifying(Post("C0CASES", "C0CASES", "summary"), "U0AGENT1"));
        // Same lane: one send at a time, so the first answer comes before the second leaves.
        const long long other = Enqueue(Post("C0CASES", "C0CASES", "reply"));
        auto options = Options();
        options.token_probe_interval = 200ms;
        auto worker = Worker(options);

        ASSERT_TRUE(RunUntil(*worker, [&] { return slack_.CallCount("chat.postMessage") >= 1; }));
        // Answered, recorded: paused, and nothing else is tried before the probe interval.
        ASSERT_TRUE(RunUntil(*worker, [&] { return worker->InFlight() == 0; }));
        worker->RunOnce();
        EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);
        EXPECT_EQ(Item(root).status, OutboxItem::Status::kPending);
        EXPECT_EQ(Item(root).attempts, 0);
        EXPECT_EQ(Item(other).status, OutboxItem::Status::kPending);
        EXPECT_NE(registry_.RenderText().find("escbot_outbox_paused 1"), std::string::npos);

        // Slack takes the token again: the probe goes out, then everything else; no DM.
        ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(root) && IsSent(other); }));
        EXPECT_EQ(slack_.CallCount("chat.postMessage"), 3u);
        EXPECT_NE(registry_.RenderText().find("escbot_outbox_paused 0"), std::string::npos);
    }
}

TEST_F(OutboxWorkerTest, RepliesToARootThatFailedForGoodFailTooInsteadOfWaitingForever) {
    slack_.SetChannels({"C0CASES"});
    const long long root = Enqueue(WithResultKey(Post("C0GONE", "C0GONE", "summary"), "case:9:root"));
    const long long reply = Enqueue(InThread(Post("C0GONE", "C0GONE", "update"), "case:9:root"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return Item(reply).status != OutboxItem::Status::kPending; }));

    EXPECT_EQ(Item(root).status, OutboxItem::Status::kFailed);
    EXPECT_EQ(Item(reply).status, OutboxItem::Status::kFailed);
    EXPECT_EQ(Item(reply).last_error, "parent_failed");
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);
}

TEST_F(OutboxWorkerTest, FailedNoticeIsNeverNotifiedAgain) {
    slack_.FailNextWithError("chat.postMessage", 2, "is_archived");
    const long long id = Enqueue(Notifying(Post("C0OLD", "C0OLD", "summary"), "U0AGENT1"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] {
        const auto notice = Find(id + 1);
        return notice && notice->status == OutboxItem::Status::kFailed;
    }));
    worker->RunOnce();

    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 2u);
    EXPECT_FALSE(Find(id + 2).has_value());
}

TEST_F(OutboxWorkerTest, PostsToOneChannelArePacedWithoutDelayingOtherChannels) {
    OutboxWorkerOptions options = Options();
    options.channel_post_interval = 1000ms;
    Enqueue(Post("case:1", "C0BUSY", "first"));
    Enqueue(Post("case:2", "C0BUSY", "second"));
    Enqueue(Post("case:3", "C0QUIET", "other"));
    auto worker = Worker(options);

    worker->Start();

    ASSERT_TRUE(slack_.WaitForCalls("chat.postMessage", 3));
    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 3u);
    const auto& first = calls[0].args["text"] == "first" ? calls[0] : calls[1];
    const auto& other = calls[0].args["text"] == "other" ? calls[0] : calls[1];
    EXPECT_EQ(first.args["text"], "first");
    EXPECT_EQ(other.args["text"], "other");
    EXPECT_EQ(calls[2].args["text"], "second");
    EXPECT_GE(calls[2].arrived_at - first.arrived_at, 1000ms);
}

TEST_F(OutboxWorkerTest, ALadderPageLeavesAheadOfOlderPostsInItsChannel) {
    OutboxWorkerOptions options = Options();
    options.channel_post_interval = 1000ms;
    options.max_in_flight = 2;
    for (int i = 1; i <= 30; ++i) {
        Enqueue(Post("case:" + std::to_string(i), "C0LIVE", "post " + std::to_string(i)));
    }
    OutboxItem page = WithResultKey(Post("case:99:ping:1", "C0LIVE", "page"), "case:99:ping:1");
    page.priority = storage::kPagePriority;
    const long long page_id = Enqueue(page);
    auto worker = Worker(options);

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(page_id); }));

    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 1u);  // nothing else reached the channel before it
    EXPECT_EQ(calls[0].args["text"], "page");
}

TEST_F(OutboxWorkerTest, ABurstOfPostsToOneChannelDoesNotHoldUpOtherLanes) {
    OutboxWorkerOptions options = Options();
    options.channel_post_interval = 1000ms;
    options.max_in_flight = 2;
    for (int i = 1; i <= 30; ++i) {
        Enqueue(Post("case:" + std::to_string(i), "C0BUSY", "post " + std::to_string(i)));
    }
    const long long other = Enqueue(Post("case:99", "C0QUIET", "other channel"));
    const long long notice =
        Enqueue(Post("notice:1", "C0BUSY", "just for you", "chat.postEphemeral"));
    auto worker = Worker(options);

    // Both leave within the burst's first second, while the burst goes one post a second.
    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(other) && IsSent(notice); }, 900ms));
    EXPECT_LE(slack_.Calls("chat.postMessage").size(), 2u);
}

TEST_F(OutboxWorkerTest, StartedWorkerSendsWhatIsEnqueuedAfterNotify) {
    auto worker = Worker();
    worker->Start();

    Enqueue(Post("C0CASES", "C0CASES", "hello"));
    worker->Notify();

    ASSERT_TRUE(slack_.WaitForCalls("chat.postMessage", 1));
    worker->Stop();
}

TEST_F(OutboxWorkerTest, NewWorkerOnTheSameDatabaseSendsWhatWasPending) {
    slack_.FailNextWithStatus("chat.postMessage", 1, 500);
    const long long retried = Enqueue(Post("C0CASES", "C0CASES", "one"));
    const long long queued_behind = Enqueue(Post("C0CASES", "C0CASES", "two"));
    {
        auto first_worker = Worker();
        ASSERT_TRUE(RunUntil(*first_worker, [&] { return Item(retried).attempts == 1; }));
    }
    store_.reset();  // the process goes away

    store_ = storage::sqlite::OpenSqliteStore(db_path_);
    clock_.Advance(10min);
    auto second_worker = Worker();

    ASSERT_TRUE(RunUntil(*second_worker, [&] { return IsSent(queued_behind); }));
    EXPECT_TRUE(IsSent(retried));
    const auto calls = slack_.Calls("chat.postMessage");
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[1].args["text"], "one");
    EXPECT_EQ(calls[2].args["text"], "two");
}

TEST_F(OutboxWorkerTest, DrainSendsWhatIsDueWithinTheBound) {
    const long long a = Enqueue(Post("case:1", "C0A", "a"));
    const long long b = Enqueue(Post("case:2", "C0B", "b"));
    const long long c = Enqueue(Post("case:1", "C0A", "c", "chat.postEphemeral"));
    auto worker = Worker();
    worker->Start();

    EXPECT_TRUE(worker->Drain(5s));

    EXPECT_TRUE(IsSent(a));
    EXPECT_TRUE(IsSent(b));
    EXPECT_TRUE(IsSent(c));
    EXPECT_EQ(worker->InFlight(), 0u);
}

TEST_F(OutboxWorkerTest, DrainGivesUpAtTheBound) {
    slack_.DelayNext("chat.postMessage", 1, 2s);
    Enqueue(Post("C0SLOW", "C0SLOW", "slow"));
    auto worker = Worker();

    EXPECT_FALSE(worker->Drain(100ms));
}

TEST_F(OutboxWorkerTest, GaugesReportDepthAndOldestAge) {
    Enqueue(Post("case:1", "C0A", "a"));
    Enqueue(Post("case:2", "C0B", "b"));
    clock_.Advance(30s);
    auto worker = Worker();

    worker->RunOnce();

    const std::string text = registry_.RenderText();
    EXPECT_NE(text.find("escbot_outbox_depth 2"), std::string::npos) << text;
    EXPECT_NE(text.find("escbot_outbox_oldest_age_seconds 30"), std::string::npos) << text;
}

TEST(FailureNoticeTextTest, NamesWhatWhereAndTheErrorButNotTheMessage) {
    OutboxItem item = Post("C0X", "C0X", "Jane Doe called");
    item.thread_key = "case:1:root";

    const std::string text = FailureNoticeText(item, "is_archived");

    EXPECT_NE(text.find("thread reply in <#C0X>"), std::string::npos) << text;
    EXPECT_NE(text.find("`is_archived`"), std::string::npos) << text;
    EXPECT_EQ(text.find("Jane"), std::string::npos) << text;
}

}  // namespace
}  // namespace escbot::slack
