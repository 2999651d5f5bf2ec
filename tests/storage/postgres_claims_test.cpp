// Claiming work across replicas on PostgreSQL (storage/postgres/claims.hpp): two claimers never
// take the same outbox item or timer, a live lease keeps others off, an expired one is taken over.

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

#include "storage/postgres/claims.hpp"
#include "storage/postgres/connection.hpp"
#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;

class PostgresClaims : public ::testing::Test {
protected:
    void SetUp() override {
        if (factory_.Url().empty()) {
            GTEST_SKIP() << "no PostgreSQL server: ESCBOT_TEST_POSTGRES_URL is not set (run the "
                            "suite through deploy/with-postgres.sh, as deploy/test.sh does)";
        }
        store_ = factory_.Open();
    }
    postgres::Connection Connect() { return postgres::Connection(factory_.Url(), factory_.Schema()); }

    void EnqueueInLanes(int count) {
        store_->WriteTx([&](UnitOfWork& u) {
            for (int i = 0; i < count; ++i) {
                OutboxItem item;
                item.method = "chat.postMessage";
                item.args = {{"channel", "C" + std::to_string(i)}};
                item.lane = "C" + std::to_string(i);
                u.Outbox().Enqueue(item, kT0);
            }
        });
    }

    // One claim in its own committed transaction, as a replica's worker would run it.
    static std::vector<OutboxItem> Claim(postgres::Connection& db, TimePoint now, int limit,
                                         const std::string& owner) {
        db.Exec("BEGIN");
        auto items = postgres::ClaimDueOutbox(db, now, limit, owner, now + 30s);
        db.Exec("COMMIT");
        return items;
    }

    PostgresStoreFactory factory_;
    std::unique_ptr<Store> store_;
};

TEST_F(PostgresClaims, TwoClaimersAtOnceTakeEveryDueItemExactlyOnce) {
    constexpr int kItems = 60;
    EnqueueInLanes(kItems);
    std::vector<long long> taken_a, taken_b;
    const auto claim_all = [&](const std::string& owner, std::vector<long long>& taken) {
        auto db = Connect();
        for (;;) {
            const auto items = Claim(db, kT0, 3, owner);
            if (items.empty()) break;
            for (const auto& item : items) {
                taken.push_back(item.id);
                store_->WriteTx([&](UnitOfWork& u) { u.Outbox().MarkSent(item.id, kT0); });
            }
        }
    };
    std::thread a(claim_all, "replica-a", std::ref(taken_a));
    std::thread b(claim_all, "replica-b", std::ref(taken_b));
    a.join();
    b.join();

    std::set<long long> all(taken_a.begin(), taken_a.end());
    for (long long id : taken_b) EXPECT_TRUE(all.insert(id).second) << "claimed twice: " << id;
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kItems));
}

TEST_F(PostgresClaims, ALiveLeaseKeepsOthersOffAndAnExpiredOneIsTakenOver) {
    EnqueueInLanes(1);
    auto db = Connect();
    ASSERT_EQ(Claim(db, kT0, 10, "replica-a").size(), 1u);

    EXPECT_TRUE(Claim(db, kT0 + 29s, 10, "replica-b").empty());
    EXPECT_EQ(Claim(db, kT0 + 29s, 10, "replica-a").size(), 1u);  // its own, renewed to 59 s
    EXPECT_TRUE(Claim(db, kT0 + 31s, 10, "replica-b").empty());
    const auto taken_over = Claim(db, kT0 + 60s, 10, "replica-b");  // replica-a died
    ASSERT_EQ(taken_over.size(), 1u);
    EXPECT_EQ(taken_over[0].lane, "C0");
}

TEST_F(PostgresClaims, AClaimFollowsDuesRulesAndEndsWithTheOutcome) {
    EnqueueInLanes(1);
    store_->WriteTx([](UnitOfWork& u) {
        OutboxItem behind;  // the lane's second item waits for the first
        behind.method = "chat.postMessage";
        behind.lane = "C0";
        behind.args = nlohmann::json::object();
        u.Outbox().Enqueue(behind, kT0);
    });
    auto db = Connect();
    const auto first = Claim(db, kT0, 10, "replica-a");
    ASSERT_EQ(first.size(), 1u);

    // Retried: the claim ends, and the item is claimable again once its next attempt is due.
    store_->WriteTx([&](UnitOfWork& u) { u.Outbox().MarkRetry(first[0].id, kT0 + 5s, "timeout"); });
    EXPECT_TRUE(Claim(db, kT0 + 1s, 10, "replica-b").empty());
    const auto again = Claim(db, kT0 + 5s, 10, "replica-b");
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].id, first[0].id);

    store_->WriteTx([&](UnitOfWork& u) { u.Outbox().MarkSent(first[0].id, kT0 + 6s); });
    const auto next = Claim(db, kT0 + 6s, 10, "replica-b");
    ASSERT_EQ(next.size(), 1u);
    EXPECT_GT(next[0].id, first[0].id);
}

TEST_F(PostgresClaims, TwoClaimersAtOnceFireEveryDueTimerExactlyOnce) {
    constexpr int kTimers = 60;
    store_->WriteTx([&](UnitOfWork& u) {
        for (int i = 0; i < kTimers; ++i) {
            u.Timers().Schedule({0, "test.fire", "timer:" + std::to_string(i), kT0 + 1s * i, {}});
        }
        u.Timers().Schedule({0, "test.fire", "timer:later", kT0 + 1h, {}});
    });
    std::vector<std::string> fired_a, fired_b;
    const auto fire_all = [&](const std::string& owner, std::vector<std::string>& fired) {
        auto db = Connect();
        for (;;) {
            db.Exec("BEGIN");
            const auto timers = postgres::ClaimDueTimers(db, kT0 + 1min, 4, owner, kT0 + 90s);
            db.Exec("COMMIT");
            if (timers.empty()) break;
            for (const auto& timer : timers) {
                fired.push_back(timer.key);
                store_->WriteTx([&](UnitOfWork& u) { u.Timers().Remove(timer.id); });
            }
        }
    };
    std::thread a(fire_all, "replica-a", std::ref(fired_a));
    std::thread b(fire_all, "replica-b", std::ref(fired_b));
    a.join();
    b.join();

    std::set<std::string> all(fired_a.begin(), fired_a.end());
    for (const auto& key : fired_b) EXPECT_TRUE(all.insert(key).second) << "fired twice: " << key;
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kTimers));
    EXPECT_FALSE(all.contains("timer:later"));
}

// What the outbox worker and the scheduler call (OutboxRepository/TimerRepository::ClaimDue).
TEST_F(PostgresClaims, TheRepositoriesKeepAnotherOwnerOffUntilTheLeaseRunsOut) {
    EnqueueInLanes(1);
    store_->WriteTx([](UnitOfWork& u) { u.Timers().Schedule({0, "k", "t", kT0, {}}); });
    const auto claim = [&](TimePoint now, const std::string& owner) {
        return store_->Write([&](UnitOfWork& u) {
            return std::make_pair(u.Outbox().ClaimDue(now, 10, owner, now + 20s).size(),
                                  u.Timers().ClaimDue(now, 10, owner, now + 20s).size());
        });
    };
    EXPECT_EQ(claim(kT0, "replica-a"), std::make_pair(1ul, 1ul));
    EXPECT_EQ(claim(kT0 + 19s, "replica-b"), std::make_pair(0ul, 0ul));
    EXPECT_EQ(claim(kT0 + 20s, "replica-b"), std::make_pair(1ul, 1ul));  // replica-a died
    EXPECT_EQ(claim(kT0 + 21s, "replica-a"), std::make_pair(0ul, 0ul));
}

}  // namespace
}  // namespace escbot::storage::test
