#include "commands/concert/concert_flow.hpp"

#include <gtest/gtest.h>

#include "commands/concert/concert_ids.hpp"
#include "config/settings_loader.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/config/schedule_fixtures.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::concert {
namespace {

using config::test::At;
using storage::ConcertRequest;
using storage::UnitOfWork;
using Status = ConcertRequest::Status;
using namespace std::chrono_literals;

/// The flow's state changes against a real SQLite file and the example configuration (the
/// seed's Concert schedule, supervisors as the fallback, 10-minute reminders, 2 of them).
class ConcertFlowTest : public ::testing::Test {
protected:
    ConcertFlowTest() {
        auto loaded =
            config::LoadSettings(test::SourceDir() / "config" / "escalation-bot.example.toml", {});
        if (!loaded.ok()) throw std::runtime_error("example config does not load");
        settings_ = std::move(loaded).value();
    }

    long long Create(std::string_view when) {
        return store_->Write([&](UnitOfWork& u) {
            return CreateRequest(u, settings_,
                                 {"U0AGENT001", "C0SUPPORT01", "Jane Doe", "1 Main St"}, At(when))
                .request.id;
        });
    }
    ConcertRequest Get(long long id) {
        return *store_->Read([&](UnitOfWork& u) { return u.Concert().Get(id); });
    }
    std::optional<TimePoint> TimerDue(const std::string& key) {
        const auto timer = store_->Read([&](UnitOfWork& u) { return u.Timers().Find(key); });
        return timer ? std::optional(timer->due_at) : std::nullopt;
    }
    std::vector<storage::OutboxItem> Outbox() {
        std::vector<storage::OutboxItem> items;
        store_->Read([&](UnitOfWork& u) {
            for (long long id = 1;; ++id) {
                auto item = u.Outbox().Get(id);
                if (!item) break;
                items.push_back(*item);
            }
        });
        return items;
    }
    void Remind(long long id, std::string_view when) {
        store_->Write([&](UnitOfWork& u) { concert::Remind(u, settings_, id, At(when)); });
    }

    config::Settings settings_;
    test::TempDir dir_;
    std::unique_ptr<storage::Store> store_ =
        storage::sqlite::OpenSqliteStore((dir_ / "bot.sqlite3").string());
};

TEST_F(ConcertFlowTest, ARequestDuringAWindowIsPostedAndItsFirstReminderScheduled) {
    const long long id = Create("2026-11-23T10:00:00-05:00");

    const auto request = Get(id);
    EXPECT_EQ(request.status, Status::kOpen);
    EXPECT_EQ(request.tagged.size(), 5u);
    EXPECT_EQ(request.posted_at, At("2026-11-23T10:00:00-05:00"));
    const auto items = Outbox();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].method, "chat.postMessage");
    EXPECT_EQ(items[0].args["channel"], "C0SUPPORTCS");
    EXPECT_EQ(items[0].result_key, RootKey(id));
    EXPECT_EQ(items[0].notify_user, "U0AGENT001");
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), At("2026-11-23T10:10:00-05:00"));
}

TEST_F(ConcertFlowTest, ARequestAtNightIsHeldUntilTheNextWindowOpens) {
    const long long id = Create("2026-11-23T22:00:00-05:00");

    EXPECT_EQ(Get(id).status, Status::kHeld);
    EXPECT_TRUE(Outbox().empty());
    EXPECT_EQ(TimerDue(ReleaseTimerKey(id)), At("2026-11-24T09:00:00-05:00"));
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), std::nullopt);
}

TEST_F(ConcertFlowTest, ARequestTheNightBeforeThanksgivingIsHeldUntilThatMorning) {
    // Seed 001 names no holiday for the Concert contacts: the example keeps their hours.
    const long long id = Create("2026-11-25T22:00:00-05:00");

    EXPECT_EQ(TimerDue(ReleaseTimerKey(id)), At("2026-11-26T09:00:00-05:00"));
}

TEST_F(ConcertFlowTest, AReleaseWithNobodyOnDutyWaitsForTheNextWindowAgain) {
    const long long id = Create("2026-11-23T22:00:00-05:00");

    store_->Write(
        [&](UnitOfWork& u) { ReleaseHeld(u, settings_, id, At("2026-11-24T08:00:00-05:00")); });

    EXPECT_EQ(Get(id).status, Status::kHeld);
    EXPECT_TRUE(Outbox().empty());
    EXPECT_EQ(TimerDue(ReleaseTimerKey(id)), At("2026-11-24T09:00:00-05:00"));
}

TEST_F(ConcertFlowTest, AReminderDueOutsideAWindowMovesToTheNextOpeningUnspent) {
    const long long id = Create("2026-11-23T20:55:00-05:00");

    Remind(id, "2026-11-23T21:05:00-05:00");

    EXPECT_EQ(Get(id).reminders_sent, 0);
    EXPECT_EQ(Outbox().size(), 1u);  // the post only
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), At("2026-11-24T09:00:00-05:00"));
}

TEST_F(ConcertFlowTest, AfterTheLastReminderTheFallbackWaitsForItsOwnWindow) {
    const long long id = Create("2026-11-23T20:30:00-05:00");
    Remind(id, "2026-11-23T20:40:00-05:00");
    Remind(id, "2026-11-23T20:50:00-05:00");

    // Supervisors are off at 21:30 (weekdays 08:00-21:00): nothing is posted yet.
    Remind(id, "2026-11-23T21:30:00-05:00");

    EXPECT_EQ(Get(id).reminders_sent, 2);
    EXPECT_FALSE(Get(id).fallback_tagged);
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), At("2026-11-24T08:00:00-05:00"));

    Remind(id, "2026-11-24T08:00:00-05:00");

    EXPECT_TRUE(Get(id).fallback_tagged);
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), std::nullopt);
    const auto items = Outbox();
    ASSERT_EQ(items.size(), 5u);  // post, two reminders, the fallback, the agent's DM
    const std::string fallback = items[3].args["text"];
    EXPECT_NE(fallback.find("<@U0SUPERV001> <@U0SUPERV002>"), std::string::npos);
    EXPECT_EQ(items[3].thread_key, RootKey(id));
    EXPECT_EQ(items.back().args["channel"], "U0AGENT001");
    EXPECT_NE(items.back().args["text"].get<std::string>().find("went to the `supervisors`"),
              std::string::npos);
}

TEST_F(ConcertFlowTest, AnswersComeFromTheRotationAndTheFallbackOnlyOnceItWasTagged) {
    const long long id = Create("2026-11-23T10:00:00-05:00");
    ConcertRequest request = Get(id);

    EXPECT_TRUE(IsConcertContact(settings_, request, "U0CONCERT5"));
    EXPECT_FALSE(IsConcertContact(settings_, request, "U0AGENT001"));
    EXPECT_FALSE(IsConcertContact(settings_, request, "U0SUPERV001"));
    request.fallback_tagged = true;
    EXPECT_TRUE(IsConcertContact(settings_, request, "U0SUPERV001"));
}

TEST_F(ConcertFlowTest, AnAnswerStopsTheReminders) {
    const long long id = Create("2026-11-23T10:00:00-05:00");

    const Result result = store_->Write([&](UnitOfWork& u) {
        return AnswerRequest(u, settings_, id, "U0CONCERT2", Status::kNotConcert,
                             At("2026-11-23T10:03:00-05:00"));
    });

    EXPECT_EQ(result.outcome, Outcome::kDone);
    EXPECT_EQ(result.request->status, Status::kNotConcert);
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), std::nullopt);
}

TEST_F(ConcertFlowTest, AQuestionPausesRemindersUntilTheAgentAnswersIt) {
    const long long id = Create("2026-11-23T10:00:00-05:00");

    const Result result = store_->Write([&](UnitOfWork& u) {
        return AskQuestion(u, settings_, id, "U0CONCERT2", "Which installer?",
                           At("2026-11-23T10:08:00-05:00"));
    });

    EXPECT_EQ(result.outcome, Outcome::kDone);
    EXPECT_EQ(Get(id).questions, 1);
    EXPECT_EQ(Get(id).status, Status::kOpen);
    EXPECT_TRUE(Get(id).question_waiting);
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), std::nullopt);  // paused

    const Result stranger = store_->Write([&](UnitOfWork& u) {
        return QuestionAnswered(u, settings_, id, "U0CONCERT2", At("2026-11-23T10:20:00-05:00"));
    });
    EXPECT_EQ(stranger.outcome, Outcome::kNotAllowed);
    EXPECT_TRUE(Get(id).question_waiting);

    const Result answered = store_->Write([&](UnitOfWork& u) {
        return QuestionAnswered(u, settings_, id, "U0AGENT001", At("2026-11-23T10:30:00-05:00"));
    });
    EXPECT_EQ(answered.outcome, Outcome::kDone);
    EXPECT_FALSE(Get(id).question_waiting);
    EXPECT_EQ(TimerDue(RemindTimerKey(id)), At("2026-11-23T10:40:00-05:00"));
}

TEST_F(ConcertFlowTest, OnlyTheRequesterMayCancel) {
    const long long id = Create("2026-11-23T22:00:00-05:00");

    const auto refused = store_->Write([&](UnitOfWork& u) {
        return CancelRequest(u, settings_, id, "U0CONCERT1", At("2026-11-23T22:01:00-05:00"));
    });
    const auto done = store_->Write([&](UnitOfWork& u) {
        return CancelRequest(u, settings_, id, "U0AGENT001", At("2026-11-23T22:02:00-05:00"));
    });

    EXPECT_EQ(refused.outcome, Outcome::kNotAllowed);
    EXPECT_EQ(done.outcome, Outcome::kDone);
    EXPECT_EQ(Get(id).status, Status::kCancelled);
    EXPECT_EQ(TimerDue(ReleaseTimerKey(id)), std::nullopt);
    EXPECT_TRUE(Outbox().empty());  // a held request has no post to update
}

}  // namespace
}  // namespace escbot::commands::concert
