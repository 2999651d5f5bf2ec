#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;

template <class F>
class TransactionContract : public StoreContract<F> {};
TYPED_TEST_SUITE(TransactionContract, StoreFactories);

OutboxItem Item(std::string lane) {
    OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", "C0CASES"}};
    item.lane = std::move(lane);
    return item;
}

TYPED_TEST(TransactionContract, WriteCommitsWhenTheFunctionReturnsAndReturnsItsValue) {
    const long long id =
        this->store().Write([](UnitOfWork& u) { return u.Outbox().Enqueue(Item("C1"), kT0); });

    const auto item = this->store().Read([&](UnitOfWork& u) { return u.Outbox().Get(id); });
    ASSERT_TRUE(item.has_value());
    EXPECT_EQ(item->lane, "C1");
}

TYPED_TEST(TransactionContract, WriteRollsBackEverythingWhenTheFunctionThrows) {
    const auto write_then_throw = [&] {
        this->store().WriteTx([](UnitOfWork& u) {
            u.Outbox().Enqueue(Item("C1"), kT0);
            u.MessageRefs().Put({"case:1:root", "C1", "1700000000.000100"});
            u.Timers().Schedule({0, "ladder.step", "case:1:ladder", kT0 + 30s, {}});
            u.Events().FirstSeen("Ev1", kT0);
            u.Audit().Record({0, kT0, "U1", "case.created", "case:1", {}});
            throw std::runtime_error("handler failed");
        });
    };

    EXPECT_THROW(write_then_throw(), std::runtime_error);

    this->store().ReadTx([](UnitOfWork& u) {
        EXPECT_EQ(u.Outbox().Stats().pending, 0);
        EXPECT_FALSE(u.MessageRefs().Get("case:1:root").has_value());
        EXPECT_FALSE(u.Timers().Find("case:1:ladder").has_value());
        EXPECT_TRUE(u.Audit().ForEntity("case:1").empty());
    });
    EXPECT_TRUE(this->store().Write([](UnitOfWork& u) { return u.Events().FirstSeen("Ev1", kT0); }));
}

TYPED_TEST(TransactionContract, StoreIsUsableAfterARolledBackWrite) {
    EXPECT_THROW(this->store().WriteTx([](UnitOfWork&) { throw std::runtime_error("boom"); }),
                 std::runtime_error);

    this->store().WriteTx([](UnitOfWork& u) { u.Outbox().Enqueue(Item("C1"), kT0); });

    EXPECT_EQ(this->store().Read([](UnitOfWork& u) { return u.Outbox().Stats().pending; }), 1);
}

TYPED_TEST(TransactionContract, ReadRefusesToWrite) {
    EXPECT_ANY_THROW(this->store().ReadTx([](UnitOfWork& u) { u.Outbox().Enqueue(Item("C1"), kT0); }));

    EXPECT_EQ(this->store().Read([](UnitOfWork& u) { return u.Outbox().Stats().pending; }), 0);
}

TYPED_TEST(TransactionContract, DataSurvivesClosingAndReopening) {
    this->store().WriteTx([](UnitOfWork& u) {
        u.Outbox().Enqueue(Item("C1"), kT0);
        u.MessageRefs().Put({"case:1:root", "C1", "1700000000.000100"});
        u.Timers().Schedule({0, "ladder.step", "case:1:ladder", kT0 + 30s, {{"step", 1}}});
    });

    this->Reopen();

    this->store().ReadTx([](UnitOfWork& u) {
        EXPECT_EQ(u.Outbox().Stats().pending, 1);
        EXPECT_EQ(u.MessageRefs().Get("case:1:root")->ts, "1700000000.000100");
        EXPECT_EQ(u.Timers().Find("case:1:ladder")->payload["step"], 1);
    });
}

TYPED_TEST(TransactionContract, ConcurrentWritersFromSeveralThreadsAllCommit) {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 100;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                this->store().WriteTx([&](UnitOfWork& u) {
                    u.Outbox().Enqueue(Item("C" + std::to_string(t)), kT0);
                    u.Events().FirstSeen("Ev" + std::to_string(t) + "-" + std::to_string(i), kT0);
                });
            }
        });
    }
    for (auto& thread : threads) thread.join();

    EXPECT_EQ(this->store().Read([](UnitOfWork& u) { return u.Outbox().Stats().pending; }),
              kThreads * kPerThread);
}

TYPED_TEST(TransactionContract, HealthyIsTrueForAWorkingStore) {
    EXPECT_TRUE(this->store().Healthy());
}

}  // namespace
}  // namespace escbot::storage::test
