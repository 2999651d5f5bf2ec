// The escalation repositories' contract, typed over the store backends (tests/storage's
// StoreFactories): a PostgreSQL store must pass the same suite.

#include <stdexcept>

#include <gtest/gtest.h>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

template <class Factory>
class EscalationStoreContract : public StoreContract<Factory> {
protected:
    long long NewCase(EscalationCase::Status status = EscalationCase::Status::kOpen,
                      std::string key = "jane doe|12 main st") {
        EscalationCase c;
        c.sop_version = "2026.11.1";
        c.status = status;
        c.outcome = status == EscalationCase::Status::kLive ? "live_ladder" : "follow_up";
        c.homeowner_key = std::move(key);
        c.answers = {{"homeowner_name", "Jane Doe"}};
        c.created_by = "U0AGENT1";
        c.created_at = kT0;
        if (status == EscalationCase::Status::kOpen) c.follow_up_due = kT0 + std::chrono::hours(24);
        return this->store().Write([&](UnitOfWork& u) { return u.Escalation().Cases().Create(c); });
    }
    void NewLadder(long long case_id, int step, TimePoint deadline) {
        LiveLadder l;
        l.case_id = case_id;
        l.sop_version = "2026.11.1";
        l.tier_id = "tier2";
        l.step = step;
        l.deadline = deadline;
        l.started_at = kT0;
        this->store().Write([&](UnitOfWork& u) { u.Escalation().Ladders().Create(l); });
    }
    template <class F>
    auto W(F&& f) {
        return this->store().Write(std::forward<F>(f));
    }
};

TYPED_TEST_SUITE(EscalationStoreContract, StoreFactories);

TYPED_TEST(EscalationStoreContract, CaseRoundTripsEveryField) {
    const long long id = this->NewCase();
    this->Reopen();

    const auto c =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); });

    ASSERT_TRUE(c);
    EXPECT_EQ(c->sop_version, "2026.11.1");
    EXPECT_EQ(c->status, EscalationCase::Status::kOpen);
    EXPECT_EQ(c->homeowner_key, "jane doe|12 main st");
    EXPECT_EQ(c->answers["homeowner_name"], "Jane Doe");
    EXPECT_EQ(c->created_at, kT0);
    EXPECT_EQ(c->follow_up_due, kT0 + std::chrono::hours(24));
    EXPECT_FALSE(c->claimed_at.has_value());
    EXPECT_FALSE(c->resolved_at.has_value());
}

TYPED_TEST(EscalationStoreContract, OpenCasesAreFoundByHomeownerNewestFirstAndClosedOnesAreNot) {
    const long long first = this->NewCase();
    const long long second = this->NewCase();
    const long long live = this->NewCase(EscalationCase::Status::kLive);
    this->NewCase(EscalationCase::Status::kOpen, "someone else|1 elm st");
    this->W([&](UnitOfWork& u) { u.Escalation().Cases().Resolve(first, "U0LEAD1", "done", kT0); });

    const auto found = this->store().Read([](UnitOfWork& u) {
        return u.Escalation().Cases().FindOpenByHomeowner("jane doe|12 main st", 10);
    });

    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, second);
    (void)live;
}

// Every /escalate at the first screen asks FindOpenByHomeowner: its answer must follow each change
// to the cases, whatever a store remembers between transactions.
TYPED_TEST(EscalationStoreContract, OpenCasesByHomeownerFollowEachChange) {
    const auto find = [this](int limit = 10) {
        return this->store().Read([&](UnitOfWork& u) {
            return u.Escalation().Cases().FindOpenByHomeowner("jane doe|12 main st", limit);
        });
    };
    EXPECT_TRUE(find().empty());
    EXPECT_TRUE(find().empty());

    const long long first = this->NewCase();
    ASSERT_EQ(find().size(), 1u);
    const long long second = this->NewCase();
    ASSERT_EQ(find().size(), 2u);
    ASSERT_EQ(find(1).size(), 1u);
    EXPECT_EQ(find(1)[0].id, second);

    this->W([&](UnitOfWork& u) { u.Escalation().Cases().Claim(first, "U0LEAD1", kT0); });
    ASSERT_EQ(find().size(), 2u);
    EXPECT_EQ(find()[1].status, EscalationCase::Status::kClaimed);

    this->W([&](UnitOfWork& u) { u.Escalation().Cases().Resolve(second, "U0LEAD1", "ok", kT0); });
    ASSERT_EQ(find().size(), 1u);
    EXPECT_EQ(find(1)[0].id, first);

    this->W([&](UnitOfWork& u) { u.Escalation().Cases().SetHomeownerKey(first, "moved|1 elm st"); });
    EXPECT_TRUE(find().empty());
}

TYPED_TEST(EscalationStoreContract, OpenCasesByHomeownerIgnoreARolledBackCreate) {
    const auto find = [this] {
        return this->store().Read([&](UnitOfWork& u) {
            return u.Escalation().Cases().FindOpenByHomeowner("jane doe|12 main st", 10);
        });
    };
    EXPECT_TRUE(find().empty());
    EscalationCase c;
    c.sop_version = "2026.11.1";
    c.status = EscalationCase::Status::kOpen;
    c.outcome = "follow_up";
    c.homeowner_key = "jane doe|12 main st";
    c.created_by = "U0AGENT1";
    c.created_at = kT0;
    EXPECT_THROW(this->W([&](UnitOfWork& u) {
        u.Escalation().Cases().Create(c);
        // Read inside the transaction that wrote: it sees its own case...
        EXPECT_EQ(u.Escalation().Cases().FindOpenByHomeowner(c.homeowner_key, 10).size(), 1u);
        throw std::runtime_error("roll back");
    }),
                 std::runtime_error);

    // ...which is gone with the rollback.
    EXPECT_TRUE(find().empty());
}

TYPED_TEST(EscalationStoreContract, ClaimIsACompareAndSet) {
    const long long id = this->NewCase();

    EXPECT_TRUE(
        this->W([&](UnitOfWork& u) { return u.Escalation().Cases().Claim(id, "U0LEAD1", kT0); }));
    EXPECT_FALSE(
        this->W([&](UnitOfWork& u) { return u.Escalation().Cases().Claim(id, "U0LEAD2", kT0); }));

    const auto c =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); });
    EXPECT_EQ(c->owner, "U0LEAD1");
    EXPECT_EQ(c->status, EscalationCase::Status::kClaimed);
    EXPECT_EQ(c->claimed_at, kT0);
}

TYPED_TEST(EscalationStoreContract, ResolveClosesAnOpenOrClaimedCaseOnce) {
    const long long id = this->NewCase();
    this->W([&](UnitOfWork& u) { u.Escalation().Cases().Claim(id, "U0LEAD1", kT0); });

    EXPECT_TRUE(this->W(
        [&](UnitOfWork& u) { return u.Escalation().Cases().Resolve(id, "U0LEAD1", "note", kT0); }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().Resolve(id, "U0LEAD2", "again", kT0);
    }));

    const auto c =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); });
    EXPECT_EQ(c->status, EscalationCase::Status::kResolved);
    EXPECT_EQ(c->resolved_by, "U0LEAD1");
    EXPECT_EQ(c->resolution_note, "note");
}

TYPED_TEST(EscalationStoreContract, ReassignMovesAClaimedCaseOnlyFromItsCurrentOwner) {
    const long long id = this->NewCase();
    const long long open = this->NewCase();
    this->W([&](UnitOfWork& u) { u.Escalation().Cases().Claim(id, "U0LEAD1", kT0); });
    const TimePoint later = kT0 + std::chrono::hours(2);

    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().Reassign(id, "U0LEAD9", "U0LEAD2", later);
    }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().Reassign(open, "", "U0LEAD2", later);
    }));
    EXPECT_TRUE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().Reassign(id, "U0LEAD1", "U0LEAD2", later);
    }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().Reassign(id, "U0LEAD1", "U0LEAD3", later);
    }));

    const auto c =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); });
    EXPECT_EQ(c->owner, "U0LEAD2");
    EXPECT_EQ(c->status, EscalationCase::Status::kClaimed);
    EXPECT_EQ(c->claimed_at, later);
    EXPECT_EQ(this->store()
                  .Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(open); })
                  ->owner,
              "");
}

TYPED_TEST(EscalationStoreContract, OverdueIsMarkedOnceAndClearedWhenThePromiseRestarts) {
    const long long id = this->NewCase();
    const TimePoint due = kT0 + std::chrono::hours(24);
    const TimePoint next = kT0 + std::chrono::hours(72);

    EXPECT_TRUE(this->W([&](UnitOfWork& u) { return u.Escalation().Cases().MarkOverdue(id, due); }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().MarkOverdue(id, due + std::chrono::hours(1));
    }));
    this->Reopen();
    EXPECT_EQ(this->store()
                  .Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); })
                  ->overdue_since,
              due);

    EXPECT_TRUE(
        this->W([&](UnitOfWork& u) { return u.Escalation().Cases().RestartPromise(id, next); }));

    const auto c =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); });
    EXPECT_EQ(c->follow_up_due, next);
    EXPECT_FALSE(c->overdue_since.has_value());
}

TYPED_TEST(EscalationStoreContract, AResolvedCaseIsNeitherMarkedOverdueNorGivenANewDeadline) {
    const long long id = this->NewCase();
    this->W([&](UnitOfWork& u) { u.Escalation().Cases().Resolve(id, "U0LEAD1", "done", kT0); });

    EXPECT_FALSE(this->W([&](UnitOfWork& u) { return u.Escalation().Cases().MarkOverdue(id, kT0); }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().RestartPromise(id, kT0 + std::chrono::hours(9));
    }));

    const auto c =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); });
    EXPECT_FALSE(c->overdue_since.has_value());
    EXPECT_EQ(c->follow_up_due, kT0 + std::chrono::hours(24));
}

TYPED_TEST(EscalationStoreContract, LiveCaseBecomesTransferredOrAFollowUpOnlyFromLive) {
    const long long a = this->NewCase(EscalationCase::Status::kLive);
    const long long b = this->NewCase(EscalationCase::Status::kLive);

    EXPECT_TRUE(this->W(
        [&](UnitOfWork& u) { return u.Escalation().Cases().MarkTransferred(a, "U0T2", kT0); }));
    EXPECT_FALSE(
        this->W([&](UnitOfWork& u) { return u.Escalation().Cases().MarkFollowUp(a, kT0); }));
    EXPECT_TRUE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Cases().MarkFollowUp(b, kT0 + std::chrono::hours(24));
    }));

    const auto cb =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(b); });
    EXPECT_EQ(cb->status, EscalationCase::Status::kOpen);
    EXPECT_EQ(cb->follow_up_due, kT0 + std::chrono::hours(24));
}

TYPED_TEST(EscalationStoreContract, LatestUpdateIsTheNewestNoteNotAReminderOrClaim) {
    const long long id = this->NewCase();
    this->W([&](UnitOfWork& u) {
        auto& updates = u.Escalation().Updates();
        updates.Add({0, id, "U0LEAD1", "update", "first", kT0});
        updates.Add({0, id, "U0LEAD1", "update", "second", kT0 + Seconds(5)});
        updates.Add({0, id, "bot", "reminder", "", kT0 + Seconds(9)});
        updates.Add({0, id, "U0LEAD2", "claim", "", kT0 + Seconds(10)});
    });

    const auto latest =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Updates().Latest(id); });
    const auto all =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Updates().ForCase(id); });

    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->text, "second");
    EXPECT_EQ(all.size(), 4u);
}

TYPED_TEST(EscalationStoreContract, AcceptWinsOnlyWhilePagingAtThatStepBeforeTheDeadline) {
    const long long id = this->NewCase(EscalationCase::Status::kLive);
    this->NewLadder(id, 1, kT0 + Seconds(30));

    EXPECT_FALSE(
        this->W([&](UnitOfWork& u) { return u.Escalation().Ladders().Accept(id, 2, "U1", kT0); }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Ladders().Accept(id, 1, "U1", kT0 + Seconds(30));
    }));
    EXPECT_TRUE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Ladders().Accept(id, 1, "U1", kT0 + Seconds(29));
    }));
    EXPECT_FALSE(
        this->W([&](UnitOfWork& u) { return u.Escalation().Ladders().Accept(id, 1, "U2", kT0); }));

    const auto l =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
    EXPECT_EQ(l->status, LiveLadder::Status::kAccepted);
    EXPECT_EQ(l->owner, "U1");
}

TYPED_TEST(EscalationStoreContract, AdvanceMovesOneStepOnlyFromTheExpectedStep) {
    const long long id = this->NewCase(EscalationCase::Status::kLive);
    this->NewLadder(id, 1, kT0 + Seconds(30));

    EXPECT_TRUE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Ladders().Advance(id, 1, "resolution_lead", kT0 + Seconds(60));
    }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Ladders().Advance(id, 1, "supervisor", kT0 + Seconds(90));
    }));

    const auto l =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
    EXPECT_EQ(l->step, 2);
    EXPECT_EQ(l->tier_id, "resolution_lead");
    EXPECT_EQ(l->deadline, kT0 + Seconds(60));
}

TYPED_TEST(EscalationStoreContract, ExtendDeadlineOnlyMovesAPagingStepsDeadlineLater) {
    const long long id = this->NewCase(EscalationCase::Status::kLive);
    this->NewLadder(id, 1, kT0 + Seconds(30));
    const auto extend = [&](int step, TimePoint to) {
        return this->W([&](UnitOfWork& u) { return u.Escalation().Ladders().ExtendDeadline(id, step, to); });
    };

    EXPECT_FALSE(extend(2, kT0 + Seconds(45)));
    EXPECT_FALSE(extend(1, kT0 + Seconds(20)));
    EXPECT_TRUE(extend(1, kT0 + Seconds(45)));
    EXPECT_TRUE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Ladders().Accept(id, 1, "U1", kT0 + Seconds(40));
    }));
    EXPECT_FALSE(extend(1, kT0 + Seconds(60)));  // no longer paging

    const auto l =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
    EXPECT_EQ(l->deadline, kT0 + Seconds(45));
}

TYPED_TEST(EscalationStoreContract, VoicemailEndsThePagingAndHistoryIsKept) {
    const long long id = this->NewCase(EscalationCase::Status::kLive);
    this->NewLadder(id, 3, kT0 + Seconds(30));
    const nlohmann::json history = nlohmann::json::array({{{"event", "paged"}, {"tier", "tier2"}}});

    EXPECT_TRUE(this->W(
        [&](UnitOfWork& u) { return u.Escalation().Ladders().EndInVoicemail(id, 3, kT0); }));
    this->W([&](UnitOfWork& u) { u.Escalation().Ladders().SetHistory(id, history); });
    this->Reopen();

    const auto l =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
    EXPECT_EQ(l->status, LiveLadder::Status::kVoicemail);
    EXPECT_EQ(l->ended_at, kT0);
    EXPECT_EQ(l->history, history);
    EXPECT_FALSE(
        this->W([&](UnitOfWork& u) { return u.Escalation().Ladders().Accept(id, 3, "U1", kT0); }));
}

TYPED_TEST(EscalationStoreContract, AnswerWinsOnlyWhilePagingAtThatStepBeforeTheDeadline) {
    const long long id = this->NewCase(EscalationCase::Status::kLive);
    this->NewLadder(id, 1, kT0 + Seconds(30));
    auto answer = [&](int step, const char* user, TimePoint at) {
        return this->W(
            [&](UnitOfWork& u) { return u.Escalation().Ladders().Answer(id, step, user, at); });
    };

    EXPECT_FALSE(answer(2, "U1", kT0));
    EXPECT_FALSE(answer(1, "U1", kT0 + Seconds(30)));
    EXPECT_TRUE(answer(1, "U1", kT0 + Seconds(29)));
    EXPECT_FALSE(answer(1, "U2", kT0 + Seconds(29)));  // the first answer holds it
    this->Reopen();

    const auto l =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
    EXPECT_EQ(l->status, LiveLadder::Status::kAnswered);
    EXPECT_EQ(l->answered_by, "U1");
    EXPECT_EQ(l->answered_at, kT0 + Seconds(29));
    EXPECT_EQ(l->owner, "");
    // Answered, the step no longer moves on by itself: the old Accept and Advance refuse it.
    EXPECT_FALSE(this->W(
        [&](UnitOfWork& u) { return u.Escalation().Ladders().Accept(id, 1, "U1", kT0); }));
    EXPECT_FALSE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Ladders().Advance(id, 1, "supervisor", kT0 + Seconds(90));
    }));
}

TYPED_TEST(EscalationStoreContract, OnlyTheOneWhoAnsweredAcceptsAndOnlyAfterAnswering) {
    const long long id = this->NewCase(EscalationCase::Status::kLive);
    this->NewLadder(id, 1, kT0 + Seconds(30));
    auto accept = [&](const char* user, TimePoint at) {
        return this->W(
            [&](UnitOfWork& u) { return u.Escalation().Ladders().AcceptAnswered(id, 1, user, at); });
    };

    EXPECT_FALSE(accept("U1", kT0));  // nobody answered
    this->W([&](UnitOfWork& u) { return u.Escalation().Ladders().Answer(id, 1, "U1", kT0); });
    EXPECT_FALSE(accept("U2", kT0 + Seconds(5)));
    // The discussion may last beyond the window: answering stopped the clock.
    EXPECT_TRUE(accept("U1", kT0 + Seconds(300)));
    EXPECT_FALSE(accept("U1", kT0 + Seconds(301)));

    const auto l =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
    EXPECT_EQ(l->status, LiveLadder::Status::kAccepted);
    EXPECT_EQ(l->owner, "U1");
    EXPECT_EQ(l->ended_at, kT0 + Seconds(300));
}

TYPED_TEST(EscalationStoreContract, ReleaseByTheOneWhoAnsweredReturnsTheStepToPaging) {
    const long long id = this->NewCase(EscalationCase::Status::kLive);
    this->NewLadder(id, 1, kT0 + Seconds(30));
    this->W([&](UnitOfWork& u) { return u.Escalation().Ladders().Answer(id, 1, "U1", kT0); });

    EXPECT_FALSE(this->W(
        [&](UnitOfWork& u) { return u.Escalation().Ladders().ReleaseAnswered(id, 1, "U2"); }));
    EXPECT_TRUE(this->W([&](UnitOfWork& u) {
        return u.Escalation().Ladders().ReleaseAnswered(id, 1, "U1") &&
               u.Escalation().Ladders().Advance(id, 1, "supervisor", kT0 + Seconds(120));
    }));

    const auto l =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
    EXPECT_EQ(l->status, LiveLadder::Status::kPaging);
    EXPECT_EQ(l->step, 2);
    EXPECT_EQ(l->answered_by, "");
    EXPECT_FALSE(l->answered_at);
}

TYPED_TEST(EscalationStoreContract, SopVersionIsStoredOnceAndReadBack) {
    EXPECT_TRUE(this->W([](UnitOfWork& u) {
        return u.Escalation().SopVersions().PutIfAbsent({"1.0", "abc", "text one", kT0});
    }));
    EXPECT_FALSE(this->W([](UnitOfWork& u) {
        return u.Escalation().SopVersions().PutIfAbsent({"1.0", "def", "text two", kT0});
    }));
    this->Reopen();

    const auto stored =
        this->store().Read([](UnitOfWork& u) { return u.Escalation().SopVersions().Get("1.0"); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->text, "text one");
    EXPECT_FALSE(
        this->store().Read([](UnitOfWork& u) { return u.Escalation().SopVersions().Get("2.0"); }));
}

TYPED_TEST(EscalationStoreContract, InteractionsAreKeptApartFromUpdates) {
    const long long id = this->NewCase();
    const long long other = this->NewCase();
    this->W([&](UnitOfWork& u) {
        u.Escalation().Updates().Add({0, id, "U0LEAD1", "update", "called the installer", kT0});
        u.Escalation().Interactions().Add(
            {0, id, "U0AGENT2", "CX-9", "Still no call back", "2026.11.1", kT0 + Seconds(60)});
        u.Escalation().Interactions().Add(
            {0, id, "U0AGENT3", "", "Asked again", "2026.11.1", kT0 + Seconds(90)});
    });
    this->Reopen();

    const auto interactions = this->store().Read(
        [&](UnitOfWork& u) { return u.Escalation().Interactions().ForCase(id); });
    const auto latest =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Updates().Latest(id); });
    const auto updates =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Updates().ForCase(id); });

    ASSERT_EQ(interactions.size(), 2u);
    EXPECT_EQ(interactions[0].agent, "U0AGENT2");
    EXPECT_EQ(interactions[0].interaction_id, "CX-9");
    EXPECT_EQ(interactions[0].said, "Still no call back");
    EXPECT_EQ(interactions[0].sop_version, "2026.11.1");
    EXPECT_EQ(interactions[0].at, kT0 + Seconds(60));
    EXPECT_EQ(interactions[1].said, "Asked again");
    // The last update given to the customer is still the lead's note.
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->text, "called the installer");
    EXPECT_EQ(updates.size(), 1u);
    EXPECT_TRUE(this->store()
                    .Read([&](UnitOfWork& u) { return u.Escalation().Interactions().ForCase(other); })
                    .empty());
}

TYPED_TEST(EscalationStoreContract, ANewKeyClearsNothingButTheKeyOfACaseNotMarked) {
    const long long id = this->NewCase();
    this->W([&](UnitOfWork& u) { u.Escalation().Cases().SetHomeownerKey(id, "jane doe|1 elm st"); });

    const auto c =
        this->store().Read([&](UnitOfWork& u) { return u.Escalation().Cases().Get(id); });
    const auto pending =
        this->store().Read([](UnitOfWork& u) { return u.Escalation().Cases().PendingRekey(10); });

    EXPECT_EQ(c->homeowner_key, "jane doe|1 elm st");
    EXPECT_TRUE(pending.empty());  // new cases are written with the current key
}

}  // namespace
}  // namespace escbot::storage::test
