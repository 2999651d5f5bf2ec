#include <vector>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;

template <class F>
class TimerContract : public StoreContract<F> {
protected:
    void Schedule(std::string kind, std::string key, TimePoint due,
                  nlohmann::json payload = nlohmann::json::object()) {
        this->store().WriteTx([&](UnitOfWork& u) {
            u.Timers().Schedule({0, kind, key, due, payload});
        });
    }
    std::optional<Timer> Find(const std::string& key) {
        return this->store().Read([&](UnitOfWork& u) { return u.Timers().Find(key); });
    }
    std::vector<std::string> DueKeys(TimePoint now, int limit = 100) {
        const auto timers =
            this->store().Read([&](UnitOfWork& u) { return u.Timers().Due(now, limit); });
        std::vector<std::string> keys;
        for (const auto& t : timers) keys.push_back(t.key);
        return keys;
    }
};
TYPED_TEST_SUITE(TimerContract, StoreFactories);

TYPED_TEST(TimerContract, ScheduledTimerCanBeFoundWithItsFields) {
    this->Schedule("ladder.step", "case:1:ladder", kT0 + 30s, {{"step", 2}});

    const auto timer = this->Find("case:1:ladder");

    ASSERT_TRUE(timer.has_value());
    EXPECT_GT(timer->id, 0);
    EXPECT_EQ(timer->kind, "ladder.step");
    EXPECT_EQ(timer->due_at, kT0 + 30s);
    EXPECT_EQ(timer->payload, nlohmann::json({{"step", 2}}));
}

TYPED_TEST(TimerContract, SchedulingTheSameKeyAgainMovesTheTimer) {
    this->Schedule("ladder.step", "case:1:ladder", kT0 + 30s, {{"step", 1}});

    this->Schedule("ladder.step", "case:1:ladder", kT0 + 60s, {{"step", 2}});

    EXPECT_THAT(this->DueKeys(kT0 + 59s), ::testing::IsEmpty());
    EXPECT_THAT(this->DueKeys(kT0 + 60s), ElementsAre("case:1:ladder"));
    EXPECT_EQ(this->Find("case:1:ladder")->payload["step"], 2);
}

TYPED_TEST(TimerContract, CancelledTimerIsGone) {
    this->Schedule("case.follow_up", "case:1:follow_up", kT0 + 60s);

    this->store().WriteTx([](UnitOfWork& u) { u.Timers().Cancel("case:1:follow_up"); });

    EXPECT_FALSE(this->Find("case:1:follow_up").has_value());
    EXPECT_THAT(this->DueKeys(kT0 + 3600s), ::testing::IsEmpty());
}

TYPED_TEST(TimerContract, DueReturnsTimersUpToNowEarliestFirstWithinTheLimit) {
    this->Schedule("k", "late", kT0 + 20s);
    this->Schedule("k", "early", kT0 + 5s);
    this->Schedule("k", "middle", kT0 + 10s);
    this->Schedule("k", "future", kT0 + 21s);

    EXPECT_THAT(this->DueKeys(kT0 + 20s), ElementsAre("early", "middle", "late"));
    EXPECT_THAT(this->DueKeys(kT0 + 20s, 2), ElementsAre("early", "middle"));
}

TYPED_TEST(TimerContract, RemovingAFiredTimerByIdKeepsTheTimerMovedMeanwhile) {
    this->Schedule("ladder.step", "case:1:ladder", kT0 + 30s);
    const long long fired_id = this->Find("case:1:ladder")->id;
    this->Schedule("ladder.step", "case:1:ladder", kT0 + 60s);

    this->store().WriteTx([&](UnitOfWork& u) { u.Timers().Remove(fired_id); });

    const auto moved = this->Find("case:1:ladder");
    ASSERT_TRUE(moved.has_value());
    EXPECT_EQ(moved->due_at, kT0 + 60s);
}

TYPED_TEST(TimerContract, MovedTimerNeverReusesTheIdOfTheTimerItReplaced) {
    this->Schedule("k", "a", kT0 + 30s);
    const long long first = this->Find("a")->id;

    this->Schedule("k", "a", kT0 + 40s);  // `a` had the highest id: a reused id would show here

    EXPECT_NE(this->Find("a")->id, first);
}

TYPED_TEST(TimerContract, RemoveByIdDeletesTheTimer) {
    this->Schedule("k", "a", kT0 + 30s);

    this->store().WriteTx([&](UnitOfWork& u) { u.Timers().Remove(u.Timers().Find("a")->id); });

    EXPECT_FALSE(this->Find("a").has_value());
}

TYPED_TEST(TimerContract, NextDueIsTheEarliestDueTime) {
    this->Schedule("k", "a", kT0 + 30s);
    this->Schedule("k", "b", kT0 + 10s);

    EXPECT_EQ(this->store().Read([](UnitOfWork& u) { return u.Timers().NextDue(); }), kT0 + 10s);
}

TYPED_TEST(TimerContract, NextDueIsEmptyWithoutTimers) {
    EXPECT_FALSE(
        this->store().Read([](UnitOfWork& u) { return u.Timers().NextDue(); }).has_value());
}


// ClaimDue on either backend: what Due returns, claimed; the claimer always sees its own claims,
// and a fired (removed) or moved timer is not claimed again.
TYPED_TEST(TimerContract, ClaimDueReturnsWhatDueReturnsUntilFiredOrMoved) {
    this->Schedule("k", "late", kT0 + 20s);
    this->Schedule("k", "early", kT0 + 5s);
    this->Schedule("k", "future", kT0 + 60s);
    const auto claim = [&](TimePoint now) {
        const auto timers = this->store().Write([&](UnitOfWork& u) {
            return u.Timers().ClaimDue(now, 100, "replica-a", now + 20s);
        });
        std::vector<std::string> keys;
        for (const auto& t : timers) keys.push_back(t.key);
        return keys;
    };

    EXPECT_THAT(claim(kT0 + 20s), ElementsAre("early", "late"));
    EXPECT_THAT(claim(kT0 + 20s), ElementsAre("early", "late"));
    EXPECT_EQ(claim(kT0 + 20s), this->DueKeys(kT0 + 20s));

    const long long early = this->Find("early")->id;
    this->store().WriteTx([&](UnitOfWork& u) { u.Timers().Remove(early); });
    this->Schedule("k", "late", kT0 + 40s);
    EXPECT_THAT(claim(kT0 + 20s), ::testing::IsEmpty());
    EXPECT_THAT(claim(kT0 + 60s), ElementsAre("late", "future"));
}

}  // namespace
}  // namespace escbot::storage::test
