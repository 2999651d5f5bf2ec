#include <stdexcept>
#include <vector>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;

template <class F>
class OutboxContract : public StoreContract<F> {
protected:
    long long Enqueue(std::string lane, TimePoint now = kT0, std::string thread_key = "",
                      std::string ts_key = "") {
        OutboxItem item;
        item.method = "chat.postMessage";
        item.args = {{"channel", lane}, {"text", "hello"}};
        item.lane = std::move(lane);
        item.thread_key = std::move(thread_key);
        item.ts_key = std::move(ts_key);
        return this->store().Write([&](UnitOfWork& u) { return u.Outbox().Enqueue(item, now); });
    }
    std::vector<long long> DueIds(TimePoint now, int limit = 100) {
        const auto items =
            this->store().Read([&](UnitOfWork& u) { return u.Outbox().Due(now, limit); });
        std::vector<long long> ids;
        for (const auto& item : items) ids.push_back(item.id);
        return ids;
    }
    void Write(const std::function<void(OutboxRepository&)>& fn) {
        this->store().WriteTx([&](UnitOfWork& u) { fn(u.Outbox()); });
    }
    OutboxItem Get(long long id) {
        return *this->store().Read([&](UnitOfWork& u) { return u.Outbox().Get(id); });
    }
    void PutRef(const std::string& key) {
        this->store().WriteTx(
            [&](UnitOfWork& u) { u.MessageRefs().Put({key, "C1", "1700000000.000100"}); });
    }
};
TYPED_TEST_SUITE(OutboxContract, StoreFactories);

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TYPED_TEST(OutboxContract, EnqueuedItemKeepsItsFieldsAndIsDueAtOnce) {
    OutboxItem item;
    item.method = "chat.update";
    item.args = {{"channel", "C1"}, {"blocks", nlohmann::json::array({{{"type", "divider"}}})}};
    item.lane = "C1";
    item.result_key = "case:1:summary";
    item.notify_user = "U1";

    const long long id =
        this->store().Write([&](UnitOfWork& u) { return u.Outbox().Enqueue(item, kT0); });

    const OutboxItem stored = this->Get(id);
    EXPECT_EQ(stored.method, "chat.update");
    EXPECT_EQ(stored.args, item.args);
    EXPECT_EQ(stored.lane, "C1");
    EXPECT_EQ(stored.result_key, "case:1:summary");
    EXPECT_EQ(stored.notify_user, "U1");
    EXPECT_EQ(stored.status, OutboxItem::Status::kPending);
    EXPECT_EQ(stored.attempts, 0);
    EXPECT_EQ(stored.created_at, kT0);
    EXPECT_EQ(stored.next_attempt_at, kT0);
    EXPECT_THAT(this->DueIds(kT0), ElementsAre(id));
}

TYPED_TEST(OutboxContract, FailWaitingOnFailsRepliesUpdatesAndTheirOwnDependents) {
    OutboxItem root;
    root.method = "chat.postMessage";
    root.args = {{"channel", "C1"}, {"text", "root"}};
    root.lane = "C1";
    root.result_key = "case:1:root";
    OutboxItem reply = root;
    reply.result_key = "case:1:reply";
    reply.thread_key = "case:1:root";
    OutboxItem reply_update = root;
    reply_update.result_key = "";
    reply_update.ts_key = "case:1:reply";
    OutboxItem unrelated = root;
    unrelated.result_key = "";
    unrelated.thread_key = "case:2:root";
    long long ids[4] = {};
    this->Write([&](OutboxRepository& o) {
        ids[0] = o.Enqueue(root, kT0);
        ids[1] = o.Enqueue(reply, kT0);
        ids[2] = o.Enqueue(reply_update, kT0);
        ids[3] = o.Enqueue(unrelated, kT0);
    });

    int failed = 0;
    this->Write([&](OutboxRepository& o) {
        o.MarkFailed(ids[0], "channel_not_found", kT0);
        failed = o.FailWaitingOn("case:1:root", "parent_failed", kT0);
    });

    EXPECT_EQ(failed, 2);
    EXPECT_EQ(this->Get(ids[1]).status, OutboxItem::Status::kFailed);
    EXPECT_EQ(this->Get(ids[1]).last_error, "parent_failed");
    EXPECT_EQ(this->Get(ids[2]).status, OutboxItem::Status::kFailed);
    EXPECT_EQ(this->Get(ids[3]).status, OutboxItem::Status::kPending);
}

TYPED_TEST(OutboxContract, DueReturnsOnlyTheOldestPendingItemOfEachLane) {
    const long long a1 = this->Enqueue("C1");
    this->Enqueue("C1");
    const long long b1 = this->Enqueue("C2");
    this->Enqueue("C2");

    EXPECT_THAT(this->DueIds(kT0), ElementsAre(a1, b1));
}

TYPED_TEST(OutboxContract, AHigherPriorityLeavesBeforeOlderItemsAndFitsTheLimit) {
    const long long old1 = this->Enqueue("C1");
    const long long old2 = this->Enqueue("C2");
    OutboxItem page;
    page.method = "chat.postMessage";
    page.args = {{"channel", "C1"}, {"text", "page"}};
    page.lane = "ladder:1:1";
    page.priority = kPagePriority;
    const long long page_id =
        this->store().Write([&](UnitOfWork& u) { return u.Outbox().Enqueue(page, kT0 + 5s); });

    EXPECT_THAT(this->DueIds(kT0 + 5s), ElementsAre(page_id, old1, old2));
    EXPECT_THAT(this->DueIds(kT0 + 5s, 1), ElementsAre(page_id));
    EXPECT_EQ(this->Get(page_id).priority, kPagePriority);
    EXPECT_EQ(this->Get(old1).priority, 0);
}

TYPED_TEST(OutboxContract, LastSendSaysWhetherAndWhenSlackTookTheKeyedMessage) {
    OutboxItem page;
    page.method = "chat.postMessage";
    page.args = {{"channel", "C1"}, {"text", "page"}};
    page.lane = "ladder:1:1";
    page.result_key = "case:1:ping:1";
    const long long id =
        this->store().Write([&](UnitOfWork& u) { return u.Outbox().Enqueue(page, kT0); });
    const auto last = [&] {
        return this->store().Read([&](UnitOfWork& u) { return u.Outbox().LastSend("case:1:ping:1"); });
    };

    ASSERT_TRUE(last().has_value());
    EXPECT_EQ(last()->status, OutboxItem::Status::kPending);
    EXPECT_FALSE(last()->finished_at.has_value());
    this->Write([&](OutboxRepository& o) { o.MarkSent(id, kT0 + 12s); });

    EXPECT_EQ(last()->status, OutboxItem::Status::kSent);
    EXPECT_EQ(last()->finished_at, kT0 + 12s);
    EXPECT_FALSE(this->store().Read([&](UnitOfWork& u) { return u.Outbox().LastSend("case:2:ping:1"); }));
    EXPECT_FALSE(this->store().Read([&](UnitOfWork& u) { return u.Outbox().LastSend(""); }));
}

TYPED_TEST(OutboxContract, EmptyLaneIsOneLaneLikeAnyOther) {
    const long long first = this->Enqueue("");
    this->Enqueue("");

    EXPECT_THAT(this->DueIds(kT0), ElementsAre(first));
}

TYPED_TEST(OutboxContract, NextItemOfALaneIsDueOnceTheHeadIsSent) {
    const long long first = this->Enqueue("C1");
    const long long second = this->Enqueue("C1");

    this->Write([&](OutboxRepository& o) { o.MarkSent(first, kT0 + 1s); });

    EXPECT_THAT(this->DueIds(kT0 + 1s), ElementsAre(second));
    EXPECT_EQ(this->Get(first).status, OutboxItem::Status::kSent);
    EXPECT_EQ(this->Get(first).attempts, 1);
}

TYPED_TEST(OutboxContract, LaterItemWaitsBehindAHeadThatIsNotDueYet) {
    const long long head = this->Enqueue("C1");
    this->Enqueue("C1");

    this->Write([&](OutboxRepository& o) { o.MarkRetry(head, kT0 + 10s, "ratelimited"); });

    EXPECT_THAT(this->DueIds(kT0 + 9s), IsEmpty());
    EXPECT_THAT(this->DueIds(kT0 + 10s), ElementsAre(head));
}

TYPED_TEST(OutboxContract, RetryRecordsTheAttemptAndTheError) {
    const long long id = this->Enqueue("C1");

    this->Write([&](OutboxRepository& o) { o.MarkRetry(id, kT0 + 30s, "ratelimited"); });

    const OutboxItem item = this->Get(id);
    EXPECT_EQ(item.status, OutboxItem::Status::kPending);
    EXPECT_EQ(item.attempts, 1);
    EXPECT_EQ(item.next_attempt_at, kT0 + 30s);
    EXPECT_EQ(item.last_error, "ratelimited");
}

TYPED_TEST(OutboxContract, FailedItemLeavesTheQueueAndUnblocksItsLane) {
    const long long head = this->Enqueue("C1");
    const long long next = this->Enqueue("C1");

    this->Write([&](OutboxRepository& o) { o.MarkFailed(head, "channel_not_found", kT0); });

    const OutboxItem failed = this->Get(head);
    EXPECT_EQ(failed.status, OutboxItem::Status::kFailed);
    EXPECT_EQ(failed.last_error, "channel_not_found");
    EXPECT_EQ(failed.attempts, 1);
    EXPECT_THAT(this->DueIds(kT0), ElementsAre(next));
}

TYPED_TEST(OutboxContract, ItemWaitsUntilItsThreadKeyIsKnown) {
    const long long reply = this->Enqueue("C1", kT0, "case:1:root");

    EXPECT_THAT(this->DueIds(kT0), IsEmpty());
    this->PutRef("case:1:root");

    EXPECT_THAT(this->DueIds(kT0), ElementsAre(reply));
}

TYPED_TEST(OutboxContract, ItemWaitsUntilItsTsKeyIsKnown) {
    const long long update = this->Enqueue("C1", kT0, "", "case:1:summary");

    EXPECT_THAT(this->DueIds(kT0), IsEmpty());
    this->PutRef("case:1:summary");

    EXPECT_THAT(this->DueIds(kT0), ElementsAre(update));
}

TYPED_TEST(OutboxContract, ItemWaitingForAKeyHoldsBackTheRestOfItsLane) {
    this->Enqueue("C1", kT0, "case:1:root");
    this->Enqueue("C1");
    const long long other_lane = this->Enqueue("C2");

    EXPECT_THAT(this->DueIds(kT0), ElementsAre(other_lane));
}

TYPED_TEST(OutboxContract, DueIsOldestFirstAndHonoursTheLimit) {
    const long long a = this->Enqueue("C3");
    const long long b = this->Enqueue("C1");
    this->Enqueue("C2");

    EXPECT_THAT(this->DueIds(kT0, 2), ElementsAre(a, b));
}

TYPED_TEST(OutboxContract, StatsCountPendingAndFailedAndGiveTheOldestPendingTime) {
    const long long failed = this->Enqueue("C1", kT0);
    const long long sent = this->Enqueue("C2", kT0 + 5s);
    this->Enqueue("C3", kT0 + 10s);
    this->Enqueue("C4", kT0 + 20s);
    this->Write([&](OutboxRepository& o) {
        o.MarkFailed(failed, "not_in_channel", kT0 + 30s);
        o.MarkSent(sent, kT0 + 30s);
    });

    const OutboxStats stats = this->store().Read([](UnitOfWork& u) { return u.Outbox().Stats(); });

    EXPECT_EQ(stats.pending, 2);
    EXPECT_EQ(stats.failed, 1);
    EXPECT_EQ(stats.oldest_pending_created_at, kT0 + 10s);
}

TYPED_TEST(OutboxContract, StatsOfAnEmptyOutboxHaveNoOldestTime) {
    const OutboxStats stats = this->store().Read([](UnitOfWork& u) { return u.Outbox().Stats(); });

    EXPECT_EQ(stats.pending, 0);
    EXPECT_EQ(stats.failed, 0);
    EXPECT_FALSE(stats.oldest_pending_created_at.has_value());
}

TYPED_TEST(OutboxContract, NextAttemptAtIsTheEarliestAttemptOfAnItemThatCouldGoOut) {
    const long long a = this->Enqueue("C1");
    const long long b = this->Enqueue("C2");
    this->Enqueue("C3", kT0, "case:9:root");  // waits for a key: not counted
    this->Write([&](OutboxRepository& o) {
        o.MarkRetry(a, kT0 + 40s, "ratelimited");
        o.MarkRetry(b, kT0 + 25s, "ratelimited");
    });

    const auto next = this->store().Read([](UnitOfWork& u) { return u.Outbox().NextAttemptAt(); });

    EXPECT_EQ(next, kT0 + 25s);
    EXPECT_THAT(this->DueIds(kT0 + 24s), IsEmpty());
}

TYPED_TEST(OutboxContract, NextAttemptAtIsEmptyWhenNothingIsPending) {
    const long long id = this->Enqueue("C1");
    this->Write([&](OutboxRepository& o) { o.MarkSent(id, kT0); });

    EXPECT_FALSE(
        this->store().Read([](UnitOfWork& u) { return u.Outbox().NextAttemptAt(); }).has_value());
}

TYPED_TEST(OutboxContract, MarkingAnUnknownItemThrows) {
    EXPECT_ANY_THROW(this->Write([](OutboxRepository& o) { o.MarkSent(12345, kT0); }));
}

TYPED_TEST(OutboxContract, PruneFinishedDeletesOnlyItemsFinishedBeforeTheCutoff) {
    const long long old_sent = this->Enqueue("C1");
    const long long old_failed = this->Enqueue("C2");
    const long long new_sent = this->Enqueue("C3");
    const long long pending = this->Enqueue("C4");
    this->Write([&](OutboxRepository& o) {
        o.MarkSent(old_sent, kT0 + 1s);
        o.MarkFailed(old_failed, "invalid_blocks", kT0 + 1s);
        o.MarkSent(new_sent, kT0 + 100s);
    });

    const long long pruned =
        this->store().Write([](UnitOfWork& u) { return u.Outbox().PruneFinished(kT0 + 50s); });

    EXPECT_EQ(pruned, 2);
    this->store().ReadTx([&](UnitOfWork& u) {
        EXPECT_FALSE(u.Outbox().Get(old_sent).has_value());
        EXPECT_FALSE(u.Outbox().Get(old_failed).has_value());
        EXPECT_TRUE(u.Outbox().Get(new_sent).has_value());
        EXPECT_TRUE(u.Outbox().Get(pending).has_value());
    });
}

TYPED_TEST(OutboxContract, ANewItemHasNoAttemptAndAKnownOutcome) {
    const OutboxItem item = this->Get(this->Enqueue("C1"));
    EXPECT_FALSE(item.first_attempt_at.has_value());
    EXPECT_FALSE(item.outcome_unknown);
}

TYPED_TEST(OutboxContract, MarkAttemptingKeepsTheFirstAttemptAndFlagsTheOutcomeUnknown) {
    const long long id = this->Enqueue("C1");
    this->Write([&](OutboxRepository& o) { o.MarkAttempting(id, kT0 + 5s); });
    this->Write([&](OutboxRepository& o) { o.MarkRetry(id, kT0 + 10s, "internal_error"); });
    this->Write([&](OutboxRepository& o) { o.MarkAttempting(id, kT0 + 60s); });

    const OutboxItem item = this->Get(id);
    EXPECT_EQ(item.first_attempt_at, kT0 + 5s);
    EXPECT_TRUE(item.outcome_unknown);
    EXPECT_EQ(item.status, OutboxItem::Status::kPending);
    EXPECT_EQ(item.attempts, 1);  // marking an attempt is not counting one
}

TYPED_TEST(OutboxContract, MarkOutcomeKnownClearsTheFlagButNotTheFirstAttempt) {
    const long long id = this->Enqueue("C1");
    this->Write([&](OutboxRepository& o) { o.MarkAttempting(id, kT0 + 5s); });
    this->Write([&](OutboxRepository& o) { o.MarkOutcomeKnown(id); });

    const OutboxItem item = this->Get(id);
    EXPECT_FALSE(item.outcome_unknown);
    EXPECT_EQ(item.first_attempt_at, kT0 + 5s);
    EXPECT_ANY_THROW(this->Write([](OutboxRepository& o) { o.MarkAttempting(12345, kT0); }));
    const long long sent = this->Enqueue("C2");
    this->Write([&](OutboxRepository& o) { o.MarkAttempting(sent, kT0); });
    this->Write([&](OutboxRepository& o) { o.MarkSent(sent, kT0 + 1s); });
    EXPECT_FALSE(this->Get(sent).outcome_unknown);  // a sent item is settled
    EXPECT_ANY_THROW(this->Write([](OutboxRepository& o) { o.MarkOutcomeKnown(12345); }));
}


// ClaimDue on either backend: what Due returns, claimed; the claimer always sees its own claims.
// (Another owner kept off by a live claim: PostgreSQL only, tests/storage/postgres_claims_test.)
TYPED_TEST(OutboxContract, ClaimDueReturnsWhatDueReturnsAndTheOwnersClaimsAgain) {
    const long long a = this->Enqueue("C1");
    this->Enqueue("C1");  // waits behind `a`
    const long long b = this->Enqueue("C2", kT0 + 10s);
    const auto claim = [&](TimePoint now) {
        const auto items = this->store().Write([&](UnitOfWork& u) {
            return u.Outbox().ClaimDue(now, 100, "replica-a", now + 20s);
        });
        std::vector<long long> ids;
        for (const auto& item : items) ids.push_back(item.id);
        return ids;
    };

    EXPECT_THAT(claim(kT0), ::testing::ElementsAre(a));
    EXPECT_THAT(claim(kT0 + 10s), ::testing::ElementsAre(a, b));
    EXPECT_EQ(claim(kT0 + 10s), this->DueIds(kT0 + 10s));

    this->Write([&](OutboxRepository& o) { o.MarkSent(a, kT0 + 11s); });
    const auto after = claim(kT0 + 11s);
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after[1], b);
    EXPECT_GT(after[0], a);  // the lane's next item
}

}  // namespace
}  // namespace escbot::storage::test
