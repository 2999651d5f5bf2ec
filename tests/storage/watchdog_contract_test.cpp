// The watchdog's repository methods, typed over the store backends: the open problems, the
// failed outbox items not yet reported, and the ladders paging past their deadline.

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

template <class F>
class WatchdogContract : public StoreContract<F> {
protected:
    std::vector<std::string> OpenChecks() {
        std::vector<std::string> checks;
        for (const auto& p :
             this->store().Read([](UnitOfWork& u) { return u.Watchdog().OpenProblems(); }))
            checks.push_back(p.check);
        return checks;
    }
    long long Enqueue(std::string lane) {
        OutboxItem item;
        item.method = "chat.postMessage";
        item.args = {{"channel", "C0X"}, {"text", "hello"}};
        item.lane = std::move(lane);
        return this->store().Write([&](UnitOfWork& u) { return u.Outbox().Enqueue(item, kT0); });
    }
    std::vector<long long> Unreported() {
        std::vector<long long> ids;
        for (const auto& item :
             this->store().Read([](UnitOfWork& u) { return u.Outbox().UnreportedFailures(10); }))
            ids.push_back(item.id);
        return ids;
    }
    long long NewLiveCase() {
        EscalationCase c;
        c.sop_version = "2026.12.1";
        c.status = EscalationCase::Status::kLive;
        c.outcome = "live_ladder";
        c.created_by = "U0AGENT1";
        c.created_at = kT0;
        return this->store().Write([&](UnitOfWork& u) { return u.Escalation().Cases().Create(c); });
    }
};
TYPED_TEST_SUITE(WatchdogContract, StoreFactories);

TYPED_TEST(WatchdogContract, AnOpenedProblemIsKeptAcrossAReopenUntilCleared) {
    this->store().Write([](UnitOfWork& u) {
        u.Watchdog().Open({"outbox_stalled", kT0, "3 messages"});
        u.Watchdog().Open({"ladder_stuck", kT0 + 5s, "ESC-1"});
    });
    this->Reopen();

    const auto open = this->store().Read([](UnitOfWork& u) { return u.Watchdog().OpenProblems(); });

    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0].check, "ladder_stuck");  // by check code
    EXPECT_EQ(open[0].opened_at, kT0 + 5s);
    EXPECT_EQ(open[0].summary, "ESC-1");
    this->store().Write([](UnitOfWork& u) { u.Watchdog().Clear("ladder_stuck"); });
    EXPECT_THAT(this->OpenChecks(), ElementsAre("outbox_stalled"));
}

TYPED_TEST(WatchdogContract, OpeningACheckAgainReplacesItsProblem) {
    this->store().Write([](UnitOfWork& u) {
        u.Watchdog().Open({"message_failed", kT0, "1 message"});
        u.Watchdog().Open({"message_failed", kT0 + 60s, "2 messages"});
    });

    const auto open = this->store().Read([](UnitOfWork& u) { return u.Watchdog().OpenProblems(); });

    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].opened_at, kT0 + 60s);
    EXPECT_EQ(open[0].summary, "2 messages");
}

TYPED_TEST(WatchdogContract, AFailedItemIsUnreportedUntilMarkedAndOthersNeverAre) {
    const long long failed = this->Enqueue("a");
    const long long sent = this->Enqueue("b");
    this->Enqueue("c");  // pending
    this->store().Write([&](UnitOfWork& u) {
        u.Outbox().MarkFailed(failed, "channel_not_found", kT0 + 1s);
        u.Outbox().MarkSent(sent, kT0 + 1s);
        u.Outbox().MarkFailureReported(sent, kT0 + 2s);  // not failed: no effect
    });

    ASSERT_THAT(this->Unreported(), ElementsAre(failed));
    const auto item =
        this->store().Read([](UnitOfWork& u) { return u.Outbox().UnreportedFailures(10); });
    EXPECT_EQ(item[0].last_error, "channel_not_found");
    EXPECT_EQ(item[0].lane, "a");

    this->store().Write([&](UnitOfWork& u) { u.Outbox().MarkFailureReported(failed, kT0 + 2s); });
    EXPECT_THAT(this->Unreported(), IsEmpty());
}

TYPED_TEST(WatchdogContract, PagingPastDeadlineListsOnlyPagingLaddersDueByTheCutoff) {
    const long long late = this->NewLiveCase();
    const long long running = this->NewLiveCase();
    const long long answered = this->NewLiveCase();
    this->store().Write([&](UnitOfWork& u) {
        auto& ladders = u.Escalation().Ladders();
        ladders.Create({.case_id = late,
                        .sop_version = "x",
                        .tier_id = "tier2",
                        .step = 1,
                        .deadline = kT0 + 30s,
                        .started_at = kT0});
        ladders.Create({.case_id = running,
                        .sop_version = "x",
                        .tier_id = "tier2",
                        .step = 1,
                        .deadline = kT0 + 90s,
                        .started_at = kT0});
        ladders.Create({.case_id = answered,
                        .sop_version = "x",
                        .tier_id = "leads",
                        .step = 1,
                        .deadline = kT0 + 30s,
                        .started_at = kT0});
        ladders.Answer(answered, 1, "U0LEAD1", kT0 + 10s);  // the clock stopped: not stuck
    });

    const auto found = this->store().Read(
        [](UnitOfWork& u) { return u.Escalation().Ladders().PagingPastDeadline(kT0 + 60s, 10); });

    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].case_id, late);
    EXPECT_EQ(found[0].tier_id, "tier2");
    EXPECT_EQ(found[0].step, 1);
    EXPECT_EQ(found[0].deadline, kT0 + 30s);
}

}  // namespace
}  // namespace escbot::storage::test
