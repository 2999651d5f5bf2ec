#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/scheduling/scheduler.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/capture_sink.hpp"
#include "tests/support/paths.hpp"

namespace escbot::scheduling {
namespace {

using namespace std::chrono_literals;
using storage::Timer;
using storage::UnitOfWork;

const TimePoint kT0 = FromUnix(1'700'000'000);

// Polls `condition` until it holds or `timeout` passes; true if it held.
template <class Condition>
bool WaitFor(Condition condition, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

// A real SQLite file, a manual clock at kT0, and a scheduler over them; Restart() replaces the
// store and scheduler as a process restart would.
class SchedulerTest : public ::testing::Test {
protected:
    void Schedule(const std::string& kind, const std::string& key, TimePoint due,
                  nlohmann::json payload = nlohmann::json::object()) {
        store_->WriteTx([&](UnitOfWork& u) { u.Timers().Schedule({0, kind, key, due, payload}); });
    }
    std::optional<Timer> Find(const std::string& key) {
        return store_->Read([&](UnitOfWork& u) { return u.Timers().Find(key); });
    }
    std::size_t AuditCount(const std::string& entity) {
        return store_->Read([&](UnitOfWork& u) { return u.Audit().ForEntity(entity).size(); });
    }
    // A handler that records each firing in the audit log (an effect inside the transaction).
    Scheduler::Handler Recording(std::atomic<int>& calls) {
        return [&calls](const Timer& t, UnitOfWork& u) {
            u.Audit().Record({0, t.due_at, "bot", "timer.fired", t.key, t.payload});
            ++calls;
        };
    }
    // Starts the thread and returns once it has run a pass (fired a probe timer), so that it is
    // then asleep with the clock as the test left it.
    void StartAndWaitForFirstPass() {
        probe_fired_ = false;
        scheduler_->On("test.probe", [this](const Timer&, UnitOfWork&) { probe_fired_ = true; });
        Schedule("test.probe", "probe", clock_.Now());
        scheduler_->Start();
        ASSERT_TRUE(WaitFor([&] { return probe_fired_.load(); }));
    }
    void Restart() {
        scheduler_.reset();
        store_.reset();
        store_ = storage::sqlite::OpenSqliteStore(path_);
        scheduler_ = std::make_unique<Scheduler>(*store_, clock_);
    }

    test::TempDir dir_;
    const std::string path_ = (dir_ / "bot.db").string();
    ManualClock clock_{kT0};
    std::unique_ptr<storage::Store> store_ = storage::sqlite::OpenSqliteStore(path_);
    std::unique_ptr<Scheduler> scheduler_ = std::make_unique<Scheduler>(*store_, clock_);
    std::atomic<bool> probe_fired_ = false;
};

TEST_F(SchedulerTest, TimerDoesNotFireOneSecondBeforeItIsDue) {
    std::atomic<int> calls = 0;
    scheduler_->On("ladder.step", Recording(calls));
    Schedule("ladder.step", "case:1:ladder", kT0 + 30s);
    clock_.Advance(29s);

    const int fired = scheduler_->RunDue();

    EXPECT_EQ(fired, 0);
    EXPECT_EQ(calls, 0);
    EXPECT_TRUE(Find("case:1:ladder").has_value());
}

TEST_F(SchedulerTest, TimerFiresWhenItIsDue) {
    std::atomic<int> calls = 0;
    scheduler_->On("ladder.step", Recording(calls));
    Schedule("ladder.step", "case:1:ladder", kT0 + 30s);
    clock_.Advance(30s);

    const int fired = scheduler_->RunDue();

    EXPECT_EQ(fired, 1);
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(Find("case:1:ladder").has_value());
}

TEST_F(SchedulerTest, TimerFiresOnlyOnce) {
    std::atomic<int> calls = 0;
    scheduler_->On("ladder.step", Recording(calls));
    Schedule("ladder.step", "case:1:ladder", kT0);

    scheduler_->RunDue();
    clock_.Advance(60s);
    scheduler_->RunDue();

    EXPECT_EQ(calls, 1);
    EXPECT_EQ(AuditCount("case:1:ladder"), 1u);
}

TEST_F(SchedulerTest, DueTimersFireEarliestFirst) {
    std::vector<std::string> order;
    scheduler_->On("k", [&](const Timer& t, UnitOfWork&) { order.push_back(t.key); });
    Schedule("k", "second", kT0 + 2s);
    Schedule("k", "third", kT0 + 3s);
    Schedule("k", "first", kT0 + 1s);
    clock_.Advance(3s);

    scheduler_->RunDue();

    EXPECT_THAT(order, ::testing::ElementsAre("first", "second", "third"));
}

TEST_F(SchedulerTest, HandlerEffectsCommitTogetherWithTheTimersRemoval) {
    std::atomic<int> calls = 0;
    scheduler_->On("case.follow_up", Recording(calls));
    Schedule("case.follow_up", "case:2:follow_up", kT0, {{"case", 2}});

    scheduler_->RunDue();

    EXPECT_EQ(AuditCount("case:2:follow_up"), 1u);
    EXPECT_FALSE(Find("case:2:follow_up").has_value());
}

TEST_F(SchedulerTest, ThrowingHandlerLeavesNoEffectsAndItsTimerIsRetriedAFewSecondsLater) {
    test::CaptureLogs logs("error");
    int attempts = 0;
    scheduler_->On("case.follow_up", [&](const Timer& t, UnitOfWork& u) {
        u.Audit().Record({0, t.due_at, "bot", "timer.fired", t.key, {}});
        if (++attempts == 1) throw std::runtime_error("slack_down");
    });
    Schedule("case.follow_up", "case:3:follow_up", kT0);

    EXPECT_EQ(scheduler_->RunDue(), 0);
    EXPECT_EQ(AuditCount("case:3:follow_up"), 0u);
    EXPECT_EQ(Find("case:3:follow_up")->due_at, kT0 + 5s);
    EXPECT_THAT(logs.sink().All(), ::testing::HasSubstr("slack_down"));

    clock_.Advance(4s);
    EXPECT_EQ(scheduler_->RunDue(), 0);
    clock_.Advance(1s);
    EXPECT_EQ(scheduler_->RunDue(), 1);

    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(AuditCount("case:3:follow_up"), 1u);
    EXPECT_FALSE(Find("case:3:follow_up").has_value());
}

TEST_F(SchedulerTest, TimerOfAnUnknownKindIsLoggedAndRemoved) {
    test::CaptureLogs logs("warn");
    Schedule("retired.kind", "case:4:old", kT0);

    scheduler_->RunDue();

    EXPECT_FALSE(Find("case:4:old").has_value());
    EXPECT_THAT(logs.sink().All(), ::testing::HasSubstr("retired.kind"));
}

TEST_F(SchedulerTest, HandlerCanScheduleTheNextTimer) {
    std::atomic<int> steps = 0;
    scheduler_->On("ladder.step", [&](const Timer& t, UnitOfWork& u) {
        if (++steps < 3) u.Timers().Schedule({0, "ladder.step", "case:5:ladder", t.due_at + 30s, {}});
    });
    Schedule("ladder.step", "case:5:ladder", kT0 + 30s);

    for (int i = 0; i < 3; ++i) {
        clock_.Advance(30s);
        scheduler_->RunDue();
    }

    EXPECT_EQ(steps, 3);
    EXPECT_FALSE(Find("case:5:ladder").has_value());
}

TEST_F(SchedulerTest, HandlerThatReschedulesItsOwnKeyKeepsTheNewTimer) {
    scheduler_->On("case.reminder", [&](const Timer& t, UnitOfWork& u) {
        u.Timers().Schedule({0, t.kind, t.key, t.due_at + 24h, t.payload});
    });
    Schedule("case.reminder", "case:6:reminder", kT0);

    EXPECT_EQ(scheduler_->RunDue(), 1);

    const auto next = Find("case:6:reminder");
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->due_at, kT0 + 24h);
}

TEST_F(SchedulerTest, CancelledTimerDoesNotFire) {
    std::atomic<int> calls = 0;
    scheduler_->On("ladder.step", Recording(calls));
    Schedule("ladder.step", "case:7:ladder", kT0 + 30s);

    store_->WriteTx([](UnitOfWork& u) { u.Timers().Cancel("case:7:ladder"); });
    clock_.Advance(30s);
    scheduler_->RunDue();

    EXPECT_EQ(calls, 0);
}

TEST_F(SchedulerTest, TimersSurviveARestartAndFireWhenDue) {
    Schedule("case.follow_up", "case:8:follow_up", kT0 + 24h, {{"case", 8}});

    Restart();
    std::atomic<int> calls = 0;
    scheduler_->On("case.follow_up", Recording(calls));
    clock_.Advance(24h - 1s);
    scheduler_->RunDue();
    EXPECT_EQ(calls, 0);
    clock_.Advance(1s);
    scheduler_->RunDue();

    EXPECT_EQ(calls, 1);
    EXPECT_EQ(AuditCount("case:8:follow_up"), 1u);
}

TEST_F(SchedulerTest, StartedThreadFiresATimerOnceTheClockIsAdvancedAndNotified) {
    std::atomic<int> calls = 0;
    scheduler_->On("ladder.step", Recording(calls));
    Schedule("ladder.step", "case:9:ladder", kT0 + 30s);
    StartAndWaitForFirstPass();

    clock_.Advance(30s);
    scheduler_->Notify();

    EXPECT_TRUE(WaitFor([&] { return calls == 1; }));
    scheduler_->Stop();
    EXPECT_EQ(AuditCount("case:9:ladder"), 1u);
}

TEST_F(SchedulerTest, StartedThreadNoticesAJumpedClockWithoutBeingNotified) {
    std::atomic<int> calls = 0;
    scheduler_->On("ladder.step", Recording(calls));
    Schedule("ladder.step", "case:10:ladder", kT0 + 3600s);
    StartAndWaitForFirstPass();

    clock_.Advance(3600s);

    EXPECT_TRUE(WaitFor([&] { return calls == 1; }));
}

TEST_F(SchedulerTest, StartedThreadFiresATimerScheduledAfterStartOnNotify) {
    std::atomic<int> calls = 0;
    scheduler_->On("ladder.step", Recording(calls));
    StartAndWaitForFirstPass();

    Schedule("ladder.step", "case:11:ladder", kT0);
    scheduler_->Notify();

    EXPECT_TRUE(WaitFor([&] { return calls == 1; }));
}

TEST_F(SchedulerTest, RegisteringAHandlerAfterStartIsRefused) {
    scheduler_->Start();

    EXPECT_THROW(scheduler_->On("late", [](const Timer&, UnitOfWork&) {}), std::logic_error);
}

}  // namespace
}  // namespace escbot::scheduling
