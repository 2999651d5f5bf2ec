#include <gmock/gmock.h>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;
using Status = ConcertRequest::Status;

ConcertRequest Held() {
    ConcertRequest r;
    r.agent_id = "U0AGENT001";
    r.agent_channel = "C0SUPPORT01";
    r.homeowner = "Jane Doe";
    r.address = "12 Main St, Springfield";
    r.rotation = "concert_confirmation";
    r.status = Status::kHeld;
    r.created_at = kT0;
    return r;
}

template <class F>
class ConcertContract : public StoreContract<F> {
protected:
    long long Create(const ConcertRequest& r) {
        return this->store().Write([&](UnitOfWork& u) { return u.Concert().Create(r); });
    }
    ConcertRequest Get(long long id) {
        auto r = this->store().Read([&](UnitOfWork& u) { return u.Concert().Get(id); });
        if (!r) throw std::runtime_error("no request");
        return *r;
    }
    template <class Fn>
    auto Write(Fn&& fn) {
        return this->store().Write([&](UnitOfWork& u) { return fn(u.Concert()); });
    }
};
TYPED_TEST_SUITE(ConcertContract, StoreFactories);

TYPED_TEST(ConcertContract, ACreatedRequestKeepsEveryField) {
    ConcertRequest r = Held();
    r.status = Status::kOpen;
    r.tagged = {"U0CONCERT1", "S0GROUP001"};
    r.posted_at = kT0 + 1s;

    const long long id = this->Create(r);
    const ConcertRequest stored = this->Get(id);

    EXPECT_GT(id, 0);
    EXPECT_EQ(stored.id, id);
    EXPECT_EQ(stored.agent_id, "U0AGENT001");
    EXPECT_EQ(stored.agent_channel, "C0SUPPORT01");
    EXPECT_EQ(stored.homeowner, "Jane Doe");
    EXPECT_EQ(stored.address, "12 Main St, Springfield");
    EXPECT_EQ(stored.rotation, "concert_confirmation");
    EXPECT_EQ(stored.status, Status::kOpen);
    EXPECT_EQ(stored.tagged, (std::vector<std::string>{"U0CONCERT1", "S0GROUP001"}));
    EXPECT_EQ(stored.reminders_sent, 0);
    EXPECT_FALSE(stored.fallback_tagged);
    EXPECT_EQ(stored.created_at, kT0);
    EXPECT_EQ(stored.posted_at, kT0 + 1s);
    EXPECT_EQ(stored.closed_at, std::nullopt);
}

TYPED_TEST(ConcertContract, AnUnknownIdIsNotFound) {
    const auto r = this->store().Read([](UnitOfWork& u) { return u.Concert().Get(999); });

    EXPECT_EQ(r, std::nullopt);
}

TYPED_TEST(ConcertContract, MarkPostedOpensAHeldRequestOnce) {
    const long long id = this->Create(Held());

    const bool first = this->Write(
        [&](ConcertRepository& c) { return c.MarkPosted(id, {"U0CONCERT1"}, kT0 + 11h); });
    const bool second = this->Write(
        [&](ConcertRepository& c) { return c.MarkPosted(id, {"U0CONCERT9"}, kT0 + 12h); });

    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    const auto stored = this->Get(id);
    EXPECT_EQ(stored.status, Status::kOpen);
    EXPECT_EQ(stored.tagged, std::vector<std::string>{"U0CONCERT1"});
    EXPECT_EQ(stored.posted_at, kT0 + 11h);
}

TYPED_TEST(ConcertContract, TheFirstAnswerWinsAndTheSecondChangesNothing) {
    ConcertRequest r = Held();
    r.status = Status::kOpen;
    const long long id = this->Create(r);

    const bool first = this->Write(
        [&](ConcertRepository& c) { return c.Answer(id, Status::kConfirmed, "U1", kT0 + 60s); });
    const bool second = this->Write(
        [&](ConcertRepository& c) { return c.Answer(id, Status::kNotConcert, "U2", kT0 + 61s); });

    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    const auto stored = this->Get(id);
    EXPECT_EQ(stored.status, Status::kConfirmed);
    EXPECT_EQ(stored.closed_by, "U1");
    EXPECT_EQ(stored.closed_at, kT0 + 60s);
}

TYPED_TEST(ConcertContract, AHeldRequestCannotBeAnswered) {
    const long long id = this->Create(Held());

    const bool answered = this->Write(
        [&](ConcertRepository& c) { return c.Answer(id, Status::kConfirmed, "U1", kT0); });

    EXPECT_FALSE(answered);
    EXPECT_EQ(this->Get(id).status, Status::kHeld);
}

TYPED_TEST(ConcertContract, AnAnswerMustBeConfirmedOrNotConcert) {
    ConcertRequest r = Held();
    r.status = Status::kOpen;
    const long long id = this->Create(r);

    EXPECT_THROW(this->Write([&](ConcertRepository& c) {
        return c.Answer(id, Status::kCancelled, "U1", kT0);
    }),
                 std::invalid_argument);
}

TYPED_TEST(ConcertContract, CancelClosesAHeldOrOpenRequestButNotAnAnsweredOne) {
    const long long held = this->Create(Held());
    ConcertRequest open = Held();
    open.status = Status::kOpen;
    const long long answered = this->Create(open);
    this->Write(
        [&](ConcertRepository& c) { return c.Answer(answered, Status::kConfirmed, "U1", kT0); });

    const bool cancelled_held =
        this->Write([&](ConcertRepository& c) { return c.Cancel(held, "U0AGENT001", kT0 + 5s); });
    const bool cancelled_answered =
        this->Write([&](ConcertRepository& c) { return c.Cancel(answered, "U0AGENT001", kT0); });

    EXPECT_TRUE(cancelled_held);
    EXPECT_FALSE(cancelled_answered);
    EXPECT_EQ(this->Get(held).status, Status::kCancelled);
    EXPECT_EQ(this->Get(held).closed_by, "U0AGENT001");
    EXPECT_EQ(this->Get(answered).status, Status::kConfirmed);
}

TYPED_TEST(ConcertContract, CountersAddUpAndFailForAMissingRequest) {
    const long long id = this->Create(Held());

    this->Write([&](ConcertRepository& c) {
        c.CountReminder(id);
        c.CountReminder(id);
        c.CountQuestion(id);
        c.MarkFallbackTagged(id);
        return 0;
    });

    const auto stored = this->Get(id);
    EXPECT_EQ(stored.reminders_sent, 2);
    EXPECT_EQ(stored.questions, 1);
    EXPECT_TRUE(stored.fallback_tagged);
    EXPECT_THROW(this->Write([](ConcertRepository& c) {
        c.CountReminder(999);
        return 0;
    }),
                 std::runtime_error);
}

TYPED_TEST(ConcertContract, AWaitingQuestionIsAnsweredOnceAndOnlyWhileOpen) {
    ConcertRequest open = Held();
    open.status = Status::kOpen;
    open.posted_at = kT0;
    const long long id = this->Create(open);
    EXPECT_FALSE(this->Get(id).question_waiting);
    EXPECT_FALSE(this->Write([&](ConcertRepository& c) { return c.MarkQuestionAnswered(id); }));

    this->Write([&](ConcertRepository& c) {
        c.MarkQuestionWaiting(id);
        return 0;
    });
    EXPECT_TRUE(this->Get(id).question_waiting);

    EXPECT_TRUE(this->Write([&](ConcertRepository& c) { return c.MarkQuestionAnswered(id); }));
    EXPECT_FALSE(this->Write([&](ConcertRepository& c) { return c.MarkQuestionAnswered(id); }));
    EXPECT_FALSE(this->Get(id).question_waiting);

    this->Write([&](ConcertRepository& c) {
        c.MarkQuestionWaiting(id);
        return c.Cancel(id, "U0AGENT001", kT0);
    });
    EXPECT_FALSE(this->Write([&](ConcertRepository& c) { return c.MarkQuestionAnswered(id); }));
}

TYPED_TEST(ConcertContract, ListByStatusReturnsTheOldestFirst) {
    ConcertRequest later = Held();
    later.created_at = kT0 + 10s;
    const long long second = this->Create(later);
    const long long first = this->Create(Held());
    ConcertRequest open = Held();
    open.status = Status::kOpen;
    this->Create(open);

    const auto held = this->store().Read(
        [](UnitOfWork& u) { return u.Concert().ListByStatus(Status::kHeld, 10); });

    ASSERT_EQ(held.size(), 2u);
    EXPECT_EQ(held[0].id, first);
    EXPECT_EQ(held[1].id, second);
}

TYPED_TEST(ConcertContract, RequestsSurviveReopeningTheStore) {
    const long long id = this->Create(Held());

    this->Reopen();

    EXPECT_EQ(this->Get(id).homeowner, "Jane Doe");
}

}  // namespace
}  // namespace escbot::storage::test
