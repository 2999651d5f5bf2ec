// The watchdog's pure parts: each check over a snapshot built by hand, and the state machine
// that decides what is reported once, what resolves and what is left alone.

#include "bot/app/watchdog/watchdog_checks.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/app/watchdog/watchdog_messages.hpp"
#include "bot/app/watchdog/watchdog_state.hpp"

namespace escbot::app::watchdog {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Status = CheckResult::Status;

const TimePoint kNow = FromUnix(1'795'446'000);

TEST(WatchdogChecks, ALadderIsStuckOnlyOnceItsGraceAfterTheDeadlineHasPassed) {
    Snapshot snap{.now = kNow};
    snap.paging_past_deadline = {{12, "tier2", 1, kNow - 29s}};
    EXPECT_EQ(CheckLadders(snap, {}).status, Status::kOk);

    snap.paging_past_deadline = {{12, "tier2", 1, kNow - 30s}, {13, "leads", 2, kNow - 5min}};
    const CheckResult result = CheckLadders(snap, {});

    EXPECT_EQ(result.status, Status::kProblem);
    EXPECT_THAT(result.summary, HasSubstr("2 live ladders"));
    EXPECT_THAT(result.summary, HasSubstr("ESC-12 (step 1, `tier2`, 30 s late)"));
    EXPECT_THAT(result.summary, HasSubstr("ESC-13 (step 2, `leads`, 5 min late)"));
}

TEST(WatchdogChecks, ATimerIsLateWhenPendingMoreThanTheLimitAfterItFellDue) {
    Snapshot snap{.now = kNow};
    snap.due_timers = {{"ladder.step", kNow - 60s}};
    EXPECT_EQ(CheckTimers(snap, {}).status, Status::kOk);  // exactly a minute: not yet

    snap.due_timers = {{"case.follow_up", kNow - 2h}, {"ladder.step", kNow - 61s}};
    const CheckResult result = CheckTimers(snap, {});

    EXPECT_EQ(result.status, Status::kProblem);
    EXPECT_THAT(result.summary, HasSubstr("2 timers have not fired, the oldest due 2 h ago"));
    EXPECT_THAT(result.summary, HasSubstr("`case.follow_up` ×1, `ladder.step` ×1"));
}

TEST(WatchdogChecks, TheOutboxStallsWhenItsOldestPendingItemIsOlderThanTheLimit) {
    Snapshot snap{.now = kNow, .pending = 4, .oldest_pending = kNow - 4min};
    EXPECT_EQ(CheckOutbox(snap, {}).status, Status::kOk);
    snap.oldest_pending = std::nullopt;
    EXPECT_EQ(CheckOutbox(snap, {}).status, Status::kOk);

    snap.oldest_pending = kNow - 7min;
    const CheckResult result = CheckOutbox(snap, {});

    EXPECT_EQ(result.status, Status::kProblem);
    EXPECT_THAT(result.summary, HasSubstr("4 messages are waiting"));
    EXPECT_THAT(result.summary, HasSubstr("the oldest for 7 min"));
}

TEST(WatchdogChecks, FailedMessagesAreReportedByCodeAndTheAdminChannelsOwnAreOnlyMarked) {
    Snapshot snap{.now = kNow};
    snap.unreported_failures = {{1, "chat.postMessage", "channel_not_found", false},
                                {2, "chat.postMessage", "channel_not_found", false},
                                {3, "chat.postMessage", "not_in_channel", true}};

    const CheckResult result = CheckFailures(snap);

    EXPECT_EQ(result.status, Status::kProblem);
    EXPECT_THAT(result.summary, HasSubstr("2 messages failed for good"));
    EXPECT_THAT(result.summary, HasSubstr("`chat.postMessage` `channel_not_found` ×2"));
    EXPECT_THAT(result.summary, Not(HasSubstr("not_in_channel")));
    EXPECT_EQ(result.failure_ids, (std::vector<long long>{1, 2, 3}));

    snap.unreported_failures = {{3, "chat.postMessage", "not_in_channel", true}};
    EXPECT_EQ(CheckFailures(snap).status, Status::kOk);
    EXPECT_EQ(CheckFailures(snap).failure_ids, (std::vector<long long>{3}));
}

TEST(WatchdogChecks, SocketModeIsUnknownWithinItsGraceThenAProblem) {
    Snapshot snap{.now = kNow};
    EXPECT_EQ(CheckSocketMode(snap, {}).status, Status::kOk);  // HTTP mode
    snap.socket_connected = true;
    EXPECT_EQ(CheckSocketMode(snap, {}).status, Status::kOk);

    snap.socket_connected = false;
    snap.socket_down_since = kNow - 30s;
    EXPECT_EQ(CheckSocketMode(snap, {}).status, Status::kUnknown);
    snap.socket_down_since = kNow - 3min;
    const CheckResult result = CheckSocketMode(snap, {});
    EXPECT_EQ(result.status, Status::kProblem);
    EXPECT_THAT(result.summary, HasSubstr("for 3 min"));
}

TEST(WatchdogChecks, ARefusedTokenIsAProblemTheAdminChannelDoesNotHearOf) {
    Snapshot snap{.now = kNow, .token_refused = true};

    EXPECT_EQ(CheckToken(snap).status, Status::kProblem);
    EXPECT_FALSE(AdminHears(kTokenRefused));
    EXPECT_TRUE(AdminHears(kOutboxStalled));
}

TEST(WatchdogChecks, RunChecksGivesOneResultPerCheckInOrder) {
    const auto results = RunChecks(Snapshot{.now = kNow}, {});

    ASSERT_EQ(results.size(), AllChecks().size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        EXPECT_EQ(results[i].check, AllChecks()[i]);
        EXPECT_EQ(results[i].status, Status::kOk);
    }
}

CheckResult Result(std::string_view check, Status status) {
    return {std::string(check), status, status == Status::kProblem ? "summary" : "", {}};
}

TEST(WatchdogState, AProblemOpensOnceAndResolvesOnce) {
    const auto first = Decide({}, {Result(kOutboxStalled, Status::kProblem)}, kNow);
    ASSERT_EQ(first.opened.size(), 1u);
    EXPECT_EQ(first.opened[0].check, kOutboxStalled);

    const std::vector<storage::WatchdogProblem> open = {
        {std::string(kOutboxStalled), kNow, "summary"}};
    EXPECT_TRUE(Decide(open, {Result(kOutboxStalled, Status::kProblem)}, kNow + 30s).empty());

    const auto cleared = Decide(open, {Result(kOutboxStalled, Status::kOk)}, kNow + 60s);
    ASSERT_EQ(cleared.resolved.size(), 1u);
    EXPECT_THAT(cleared.opened, IsEmpty());
    EXPECT_TRUE(Decide({}, {Result(kOutboxStalled, Status::kOk)}, kNow + 90s).empty());
}

TEST(WatchdogState, UnknownChangesNothing) {
    const std::vector<storage::WatchdogProblem> open = {
        {std::string(kSocketDisconnected), kNow, "x"}};

    EXPECT_TRUE(Decide(open, {Result(kSocketDisconnected, Status::kUnknown)}, kNow + 30s).empty());
    EXPECT_TRUE(Decide({}, {Result(kSocketDisconnected, Status::kUnknown)}, kNow + 30s).empty());
}

TEST(WatchdogState, NewFailuresAreReportedEachTimeAndForgottenSilentlyAnHourLater) {
    const std::vector<storage::WatchdogProblem> open = {{std::string(kMessageFailed), kNow, "x"}};

    EXPECT_EQ(Decide(open, {Result(kMessageFailed, Status::kProblem)}, kNow + 30s).opened.size(),
              1u);
    EXPECT_TRUE(Decide(open, {Result(kMessageFailed, Status::kOk)}, kNow + 30min).empty());
    const auto later = Decide(open, {Result(kMessageFailed, Status::kOk)}, kNow + 1h);
    EXPECT_EQ(later.forgotten.size(), 1u);
    EXPECT_THAT(later.resolved, IsEmpty());
}

TEST(WatchdogMessages, NoticesNameTheCheckAndTheResolvedOneSaysForHowLong) {
    const std::string problem =
        ProblemNotice({"outbox_stalled", Status::kProblem, "3 messages", {}});
    const std::string resolved =
        ResolvedNotice({"outbox_stalled", kNow, "3 messages"}, kNow + 7min);

    EXPECT_THAT(problem, HasSubstr("The outbox stopped draining"));
    EXPECT_THAT(problem, HasSubstr("`outbox_stalled`"));
    EXPECT_THAT(problem, HasSubstr("3 messages"));
    EXPECT_THAT(resolved, HasSubstr("resolved: The outbox stopped draining"));
    EXPECT_THAT(resolved, HasSubstr("after 7 min"));
}

}  // namespace
}  // namespace escbot::app::watchdog
