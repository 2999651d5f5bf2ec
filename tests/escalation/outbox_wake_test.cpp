// Committing a unit of work that queued outbox items wakes the outbox by itself
// (Store::SetOnOutboxCommit): the flows never wake it by hand.

#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage {
namespace {

OutboxItem Item() {
    OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", "C1"}, {"text", "hi"}};
    item.lane = "test";
    return item;
}

class OutboxWake : public ::testing::Test {
protected:
    OutboxWake() : store_(sqlite::OpenSqliteStore((dir_ / "bot.sqlite3").string())) {
        store_->SetOnOutboxCommit([this] { ++wakes_; });
    }

    ::escbot::test::TempDir dir_;
    std::unique_ptr<Store> store_;
    int wakes_ = 0;
    const TimePoint now_ = FromUnix(1'795'446'000);
};

TEST_F(OutboxWake, ACommitThatEnqueuedWakesTheOutboxOnce) {
    store_->Write([&](UnitOfWork& u) {
        u.Outbox().Enqueue(Item(), now_);
        u.Outbox().Enqueue(Item(), now_);
    });

    EXPECT_EQ(wakes_, 1);
}

TEST_F(OutboxWake, ACommitThatEnqueuedNothingDoesNotWake) {
    store_->Write([&](UnitOfWork& u) { u.Timers().Cancel("nothing"); });
    store_->Read([&](UnitOfWork& u) { return u.Outbox().Stats(); });

    EXPECT_EQ(wakes_, 0);
}

TEST_F(OutboxWake, ARolledBackTransactionDoesNotWakeNorLeaveTheMarkBehind) {
    EXPECT_THROW(store_->Write([&](UnitOfWork& u) {
        u.Outbox().Enqueue(Item(), now_);
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    store_->Write([&](UnitOfWork& u) { u.Timers().Cancel("nothing"); });

    EXPECT_EQ(wakes_, 0);
    EXPECT_EQ(store_->Read([](UnitOfWork& u) { return u.Outbox().Stats().pending; }), 0);
}

}  // namespace
}  // namespace escbot::storage
