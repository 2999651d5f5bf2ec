// Exactly-once posting (issue 20): a post whose outcome is unknown is looked up by its metadata
// before it is sent again. Real SQLite, real HTTP against the fake Slack, a ManualClock.

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "bot/slack/curl_slack_api.hpp"
#include "bot/slack/outbox_lookup.hpp"
#include "bot/slack/outbox_worker.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/paths.hpp"

namespace escbot::slack {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using storage::OutboxItem;
using storage::UnitOfWork;

OutboxItem Post(std::string channel, std::string text, std::string result_key = "") {
    OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", channel}, {"text", std::move(text)}};
    item.lane = std::move(channel);
    item.result_key = std::move(result_key);
    return item;
}

OutboxItem Reply(std::string lane, std::string thread_key, std::string text) {
    OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"text", std::move(text)}};
    item.lane = std::move(lane);
    item.thread_key = std::move(thread_key);
    return item;
}

class OutboxExactlyOnceTest : public ::testing::Test {
protected:
    static CurlSlackApiOptions ApiOptions(const test::FakeSlackServer& slack) {
        CurlSlackApiOptions options;
        options.base_url = slack.BaseUrl();
        options.bot_token = slack.options().bot_token;
        options.stop_timeout = 200ms;
        return options;
    }
    OutboxWorkerOptions Options() const {
        OutboxWorkerOptions options;
        options.channel_post_interval = 0ms;
        options.retry_base_delay = 2s;
        options.retry_max_delay = 60s;
        options.idle_poll = 100ms;
        options.lookup.page_size = page_size_;
        return options;
    }
    std::unique_ptr<OutboxWorker> Worker() {
        return std::make_unique<OutboxWorker>(*store_, api_, clock_, registry_, Options());
    }
    long long Enqueue(const OutboxItem& item) {
        return store_->Write([&](UnitOfWork& u) { return u.Outbox().Enqueue(item, clock_.Now()); });
    }
    OutboxItem Item(long long id) {
        auto item = store_->Read([&](UnitOfWork& u) { return u.Outbox().Get(id); });
        if (!item) throw std::runtime_error("no outbox item " + std::to_string(id));
        return *item;
    }
    bool IsSent(long long id) { return Item(id).status == OutboxItem::Status::kSent; }
    std::optional<storage::MessageRef> Ref(const std::string& key) {
        return store_->Read([&](UnitOfWork& u) { return u.MessageRefs().Get(key); });
    }

    // Runs rounds until `done` holds, moving the clock past each retry's due time.
    bool RunUntil(OutboxWorker& worker, const std::function<bool()>& done,
                  std::chrono::milliseconds timeout = 8s) {
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < give_up) {
            worker.RunOnce();
            if (done()) return true;
            if (worker.InFlight() == 0) clock_.Advance(1s);
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }

    // The messages in `channel` (thread replies included) that carry outbox item `id`.
    std::vector<json> PostsOf(const std::string& channel, long long id) const {
        std::vector<json> found;
        for (const json& message : slack_.Messages(channel)) {
            if (OutboxItemOf(message) == id) found.push_back(message);
        }
        return found;
    }

    int page_size_ = 200;
    test::TempDir dir_;
    const std::string db_path_ = (dir_ / "bot.sqlite3").string();
    std::unique_ptr<storage::Store> store_ = storage::sqlite::OpenSqliteStore(db_path_);
    test::FakeSlackServer slack_;
    metrics::Registry registry_;
    CurlSlackApi api_{ApiOptions(slack_), registry_};
    ManualClock clock_{FromUnix(1'700'000'000)};
};

TEST_F(OutboxExactlyOnceTest, EveryPostCarriesItsItemInMetadataAndTheFirstAttemptIsRecorded) {
    const long long id = Enqueue(Post("C0CASES", "hello"));
    clock_.Advance(5s);
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    const auto call = slack_.Calls("chat.postMessage").at(0);
    EXPECT_EQ(call.args["metadata"]["event_type"], "escbot_outbox_item");
    EXPECT_EQ(call.args["metadata"]["event_payload"]["item"], id);
    EXPECT_EQ(PostsOf("C0CASES", id).size(), 1u);
    EXPECT_EQ(Item(id).first_attempt_at, FromUnix(1'700'000'005));
    EXPECT_FALSE(Item(id).outcome_unknown);
    EXPECT_EQ(slack_.CallCount("conversations.history"), 0u);  // nothing was in doubt
}

TEST_F(OutboxExactlyOnceTest, TheTransportNeverSendsAPostAgainOnItsOwn) {
    // libcurl re-sends a request when a reused connection closes before any answer: a post
    // would appear twice without the outbox knowing. Posts take a new connection.
    ASSERT_TRUE(api_.CallAndWait("auth.test", {}).ok());  // a connection in the pool
    for (int i = 0; i < 3; ++i) {
        slack_.LoseNextAnswers("chat.postMessage", 1);
        const auto result =
            api_.CallAndWait("chat.postMessage", {{"channel", "C0CASES"}, {"text", "once"}});
        EXPECT_EQ(result.kind, ApiResult::Kind::kTransport);
    }

    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 3u);
    EXPECT_EQ(slack_.Messages("C0CASES").size(), 3u);
}

TEST_F(OutboxExactlyOnceTest, APostWhoseAnswerIsLostIsNotPostedAgain) {
    slack_.LoseNextAnswers("chat.postMessage", 1);
    const long long root = Enqueue(Post("C0CASES", "case root", "case:1:root"));
    const long long reply = Enqueue(Reply("C0CASES", "case:1:root", "first update"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(reply); }));

    ASSERT_EQ(PostsOf("C0CASES", root).size(), 1u);  // before the fix: 2
    const std::string ts = PostsOf("C0CASES", root)[0]["ts"];
    EXPECT_TRUE(IsSent(root));
    EXPECT_EQ(Ref("case:1:root")->ts, ts);  // the ts found, so the reply threads under it
    EXPECT_EQ(Ref("case:1:root")->channel, "C0CASES");
    EXPECT_EQ(PostsOf("C0CASES", reply).at(0)["thread_ts"], ts);
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 2u);  // the root once, the reply once
    const auto lookups = slack_.Calls("conversations.history");
    ASSERT_EQ(lookups.size(), 1u);
    EXPECT_EQ(lookups[0].args["channel"], "C0CASES");
    EXPECT_EQ(lookups[0].args["include_all_metadata"], "true");
    EXPECT_EQ(lookups[0].args["oldest"], "1699999880.000000");  // the first attempt - 2 min
}

TEST_F(OutboxExactlyOnceTest, APostInFlightWhenTheBotDiedIsFoundByTheNextLife) {
    slack_.DelayNext("chat.postMessage", 1, 400ms);  // stored on arrival, answered later
    const long long id = Enqueue(Post("C0CASES", "case root", "case:1:root"));
    {
        auto worker = Worker();
        worker->RunOnce();
        ASSERT_TRUE(slack_.WaitForCalls("chat.postMessage", 1));
    }  // dies with the post in flight: its answer is never recorded
    store_ = storage::sqlite::OpenSqliteStore(db_path_);
    ASSERT_TRUE(Item(id).outcome_unknown);
    ASSERT_TRUE(slack_.WaitForAnswers("chat.postMessage", 1));

    auto worker = Worker();
    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    EXPECT_EQ(PostsOf("C0CASES", id).size(), 1u);
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);
    EXPECT_EQ(Ref("case:1:root")->ts, PostsOf("C0CASES", id).at(0)["ts"]);
}

TEST_F(OutboxExactlyOnceTest, APostThatNeverReachedSlackIsPostedOnce) {
    slack_.Script("chat.postMessage", test::ScriptedAnswer::ResetBeforeHandling());
    const long long id = Enqueue(Post("C0CASES", "hello", "case:1:root"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    EXPECT_EQ(PostsOf("C0CASES", id).size(), 1u);
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 2u);  // the reset one, then the real one
    EXPECT_EQ(slack_.CallCount("conversations.history"), 1u);  // looked up: not there
    EXPECT_EQ(Ref("case:1:root")->ts, PostsOf("C0CASES", id).at(0)["ts"]);
}

TEST_F(OutboxExactlyOnceTest, TheLookupPagesThroughABusyChannel) {
    page_size_ = 50;
    slack_.LoseNextAnswers("chat.postMessage", 1);
    const long long id = Enqueue(Post("C0BUSY", "the one", "case:9:root"));
    auto worker = Worker();
    worker->RunOnce();
    ASSERT_TRUE(slack_.WaitForCalls("chat.postMessage", 1));
    // Others keep talking: 180 newer messages bury it (history is newest first).
    for (int i = 0; i < 180; ++i) {
        ASSERT_TRUE(api_.CallAndWait("chat.postMessage",
                                     {{"channel", "C0BUSY"}, {"text", "chatter " + std::to_string(i)}})
                        .ok());
    }

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    EXPECT_EQ(PostsOf("C0BUSY", id).size(), 1u);
    const auto pages = slack_.Calls("conversations.history");
    ASSERT_EQ(pages.size(), 4u);  // 181 messages, 50 a page, found on the last
    EXPECT_FALSE(pages[0].args.contains("cursor"));
    for (std::size_t i = 1; i < pages.size(); ++i) {
        EXPECT_EQ(pages[i].args["cursor"],
                  pages[i - 1].response["response_metadata"]["next_cursor"]);
    }
    EXPECT_EQ(Ref("case:9:root")->ts, PostsOf("C0BUSY", id).at(0)["ts"]);
}

TEST_F(OutboxExactlyOnceTest, AThreadReplyIsLookedUpInItsThread) {
    const long long root = Enqueue(Post("C0CASES", "case root", "case:1:root"));
    auto worker = Worker();
    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(root); }));
    slack_.LoseNextAnswers("chat.postMessage", 1);
    const long long reply = Enqueue(Reply("C0CASES", "case:1:root", "claimed"));

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(reply); }));

    EXPECT_EQ(PostsOf("C0CASES", reply).size(), 1u);
    const auto lookups = slack_.Calls("conversations.replies");
    ASSERT_EQ(lookups.size(), 1u);
    EXPECT_EQ(lookups[0].args["ts"], Ref("case:1:root")->ts);
    EXPECT_EQ(slack_.CallCount("conversations.history"), 0u);
}

TEST_F(OutboxExactlyOnceTest, ADirectMessageIsLookedUpInTheUsersDm) {
    slack_.LoseNextAnswers("chat.postMessage", 1);
    const long long id = Enqueue(Post("U0LEAD1", "Page: case ESC-1", "ladder:1:page:1"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    const std::string dm = slack_.DmChannel("U0LEAD1");
    EXPECT_EQ(PostsOf(dm, id).size(), 1u);
    EXPECT_EQ(slack_.Calls("conversations.open").at(0).args["users"], "U0LEAD1");
    EXPECT_EQ(slack_.Calls("conversations.history").at(0).args["channel"], dm);
    EXPECT_EQ(Ref("ladder:1:page:1")->channel, dm);
}

TEST_F(OutboxExactlyOnceTest, AnAnswerThatSaysNotTakenNeedsNoLookup) {
    slack_.RateLimitNext("chat.postMessage", 1, 1);
    const long long id = Enqueue(Post("C0CASES", "hello"));
    auto worker = Worker();
    ASSERT_TRUE(RunUntil(*worker, [&] { return Item(id).attempts == 1; }));
    EXPECT_FALSE(Item(id).outcome_unknown);

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    EXPECT_EQ(slack_.CallCount("conversations.history"), 0u);
    EXPECT_EQ(PostsOf("C0CASES", id).size(), 1u);
}

TEST_F(OutboxExactlyOnceTest, AFailedLookupIsRetriedAndNeverSends) {
    slack_.LoseNextAnswers("chat.postMessage", 1);
    slack_.FailNextWithStatus("conversations.history", 2, 503);
    const long long id = Enqueue(Post("C0CASES", "hello"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    EXPECT_EQ(slack_.CallCount("conversations.history"), 3u);
    EXPECT_EQ(slack_.CallCount("chat.postMessage"), 1u);
    EXPECT_EQ(PostsOf("C0CASES", id).size(), 1u);
}

TEST_F(OutboxExactlyOnceTest, WithoutTheHistoryScopeTheBotSendsAgainAsBefore) {
    slack_.SetScopes({"chat:write", "commands"});
    slack_.LoseNextAnswers("chat.postMessage", 1);
    const long long id = Enqueue(Post("C0CASES", "hello"));
    auto worker = Worker();

    ASSERT_TRUE(RunUntil(*worker, [&] { return IsSent(id); }));

    // It cannot read the channel: at least once, and the log says which scopes to grant.
    EXPECT_EQ(slack_.Calls("conversations.history").at(0).response["error"], "missing_scope");
    EXPECT_EQ(PostsOf("C0CASES", id).size(), 2u);
}

}  // namespace
}  // namespace escbot::slack
