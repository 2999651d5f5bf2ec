#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;

template <class F>
class DraftContract : public StoreContract<F> {
protected:
    long long Create(std::string user, std::string flow, TimePoint updated,
                     Draft::Status status = Draft::Status::kOpen) {
        Draft d;
        d.user_id = std::move(user);
        d.flow = std::move(flow);
        d.sop_version = "2024-05";
        d.step = "qualify";
        d.status = status;
        d.created_at = updated;
        d.updated_at = updated;
        return this->store().Write([&](UnitOfWork& u) { return u.Drafts().Create(d); });
    }
    std::optional<Draft> FindOpen(const std::string& user, const std::string& flow) {
        return this->store().Read([&](UnitOfWork& u) { return u.Drafts().FindOpen(user, flow); });
    }
};
TYPED_TEST_SUITE(DraftContract, StoreFactories);

TYPED_TEST(DraftContract, CreatedDraftKeepsEveryField) {
    Draft d;
    d.user_id = "U1";
    d.flow = "escalation";
    d.sop_version = "2024-05";
    d.step = "questionnaire";
    d.answers = {{"asked_for_lead", true}, {"qualifiers", {"q1", "q3"}}};
    d.view_id = "V1";
    d.channel_id = "C1";
    d.created_at = kT0;
    d.updated_at = kT0 + 5s;

    const long long id = this->store().Write([&](UnitOfWork& u) { return u.Drafts().Create(d); });
    const auto stored = this->store().Read([&](UnitOfWork& u) { return u.Drafts().Get(id); });

    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->id, id);
    EXPECT_EQ(stored->user_id, "U1");
    EXPECT_EQ(stored->flow, "escalation");
    EXPECT_EQ(stored->sop_version, "2024-05");
    EXPECT_EQ(stored->step, "questionnaire");
    EXPECT_EQ(stored->answers, d.answers);
    EXPECT_EQ(stored->view_id, "V1");
    EXPECT_EQ(stored->channel_id, "C1");
    EXPECT_EQ(stored->status, Draft::Status::kOpen);
    EXPECT_EQ(stored->created_at, kT0);
    EXPECT_EQ(stored->updated_at, kT0 + 5s);
}

TYPED_TEST(DraftContract, FindOpenReturnsTheUsersLatestOpenDraftOfThatFlow) {
    this->Create("U1", "escalation", kT0);
    const long long latest = this->Create("U1", "escalation", kT0 + 10s);
    this->Create("U1", "escalation", kT0 + 20s, Draft::Status::kSubmitted);
    this->Create("U1", "concert", kT0 + 30s);
    this->Create("U2", "escalation", kT0 + 40s);

    const auto found = this->FindOpen("U1", "escalation");

    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, latest);
}

TYPED_TEST(DraftContract, FindOpenIsEmptyWhenTheUserHasNoOpenDraft) {
    this->Create("U1", "escalation", kT0, Draft::Status::kAbandoned);

    EXPECT_FALSE(this->FindOpen("U1", "escalation").has_value());
}

TYPED_TEST(DraftContract, SaveUpdatesStepAnswersViewStatusAndTime) {
    const long long id = this->Create("U1", "escalation", kT0);
    Draft d = *this->store().Read([&](UnitOfWork& u) { return u.Drafts().Get(id); });
    d.step = "summary";
    d.answers = {{"reason", "r2"}};
    d.view_id = "V9";
    d.status = Draft::Status::kSubmitted;
    d.updated_at = kT0 + 60s;

    this->store().WriteTx([&](UnitOfWork& u) { u.Drafts().Save(d); });

    const auto saved = this->store().Read([&](UnitOfWork& u) { return u.Drafts().Get(id); });
    EXPECT_EQ(saved->step, "summary");
    EXPECT_EQ(saved->answers, d.answers);
    EXPECT_EQ(saved->view_id, "V9");
    EXPECT_EQ(saved->status, Draft::Status::kSubmitted);
    EXPECT_EQ(saved->updated_at, kT0 + 60s);
    EXPECT_EQ(saved->created_at, kT0);
    EXPECT_FALSE(this->FindOpen("U1", "escalation").has_value());
}

// Every /escalate asks FindOpen: the answers below must follow each change, whatever a store
// remembers between transactions.
TYPED_TEST(DraftContract, FindOpenFollowsASaveThatClosesTheDraft) {
    const long long id = this->Create("U1", "escalation", kT0);
    ASSERT_TRUE(this->FindOpen("U1", "escalation").has_value());
    Draft d = *this->FindOpen("U1", "escalation");
    ASSERT_EQ(d.id, id);

    d.status = Draft::Status::kSubmitted;
    this->store().WriteTx([&](UnitOfWork& u) { u.Drafts().Save(d); });

    EXPECT_FALSE(this->FindOpen("U1", "escalation").has_value());
}

TYPED_TEST(DraftContract, FindOpenFollowsSavedAnswers) {
    this->Create("U1", "escalation", kT0);
    Draft d = *this->FindOpen("U1", "escalation");
    d.answers = {{"homeowner_name", "Jane"}};
    d.step = "verify";
    this->store().WriteTx([&](UnitOfWork& u) { u.Drafts().Save(d); });

    const auto found = this->FindOpen("U1", "escalation");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->step, "verify");
    EXPECT_EQ(found->answers, d.answers);
}

TYPED_TEST(DraftContract, FindOpenFollowsACreateAfterItFoundNone) {
    EXPECT_FALSE(this->FindOpen("U1", "escalation").has_value());
    const long long id = this->Create("U1", "escalation", kT0);

    const auto found = this->FindOpen("U1", "escalation");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, id);
}

TYPED_TEST(DraftContract, FindOpenIgnoresARolledBackCreateAndSave) {
    EXPECT_FALSE(this->FindOpen("U1", "escalation").has_value());
    Draft d;
    d.user_id = "U1";
    d.flow = "escalation";
    d.step = "qualify";
    d.created_at = d.updated_at = kT0;
    EXPECT_THROW(this->store().WriteTx([&](UnitOfWork& u) {
        d.id = u.Drafts().Create(d);
        // Inside the transaction the new draft is visible...
        EXPECT_TRUE(u.Drafts().FindOpen("U1", "escalation").has_value());
        throw std::runtime_error("handler failed");
    }),
                 std::runtime_error);
    // ...and after its rollback it is not.
    EXPECT_FALSE(this->FindOpen("U1", "escalation").has_value());

    const long long id = this->Create("U1", "escalation", kT0);
    Draft open = *this->FindOpen("U1", "escalation");
    EXPECT_THROW(this->store().WriteTx([&](UnitOfWork& u) {
        open.status = Draft::Status::kAbandoned;
        u.Drafts().Save(open);
        EXPECT_FALSE(u.Drafts().FindOpen("U1", "escalation").has_value());
        throw std::runtime_error("handler failed");
    }),
                 std::runtime_error);
    const auto found = this->FindOpen("U1", "escalation");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->status, Draft::Status::kOpen);
}

TYPED_TEST(DraftContract, FindOpenKeepsUsersAndFlowsApart) {
    const long long mine = this->Create("U1", "escalation", kT0);
    EXPECT_FALSE(this->FindOpen("U2", "escalation").has_value());
    EXPECT_FALSE(this->FindOpen("U1", "concert").has_value());
    const long long theirs = this->Create("U2", "escalation", kT0);

    EXPECT_EQ(this->FindOpen("U1", "escalation")->id, mine);
    EXPECT_EQ(this->FindOpen("U2", "escalation")->id, theirs);
    EXPECT_FALSE(this->FindOpen("U1", "concert").has_value());
}

TYPED_TEST(DraftContract, SavingAnUnknownDraftThrows) {
    Draft d;
    d.id = 4242;

    EXPECT_ANY_THROW(this->store().WriteTx([&](UnitOfWork& u) { u.Drafts().Save(d); }));
}

TYPED_TEST(DraftContract, ListOpenHoldsEveryOpenDraftOfTheUserNewestFirst) {
    const long long older = this->Create("U1", "escalation", kT0);
    const long long newer = this->Create("U1", "escalation", kT0 + 10s);
    this->Create("U1", "escalation", kT0 + 20s, Draft::Status::kSubmitted);
    this->Create("U2", "escalation", kT0 + 30s);

    const auto open =
        this->store().Read([&](UnitOfWork& u) { return u.Drafts().ListOpen("U1", "escalation"); });

    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0].id, newer);
    EXPECT_EQ(open[1].id, older);
}

TYPED_TEST(DraftContract, ListOpenFollowsASaveOfOneOfSeveralDrafts) {
    const long long first = this->Create("U1", "escalation", kT0);
    const long long second = this->Create("U1", "escalation", kT0 + 10s);
    const auto list = [&] {
        return this->store().Read(
            [&](UnitOfWork& u) { return u.Drafts().ListOpen("U1", "escalation"); });
    };
    ASSERT_EQ(list().size(), 2u);
    Draft d = *this->store().Read([&](UnitOfWork& u) { return u.Drafts().Get(first); });
    d.updated_at = kT0 + 20s;
    d.answers = {{"homeowner_name", "Ann"}};
    this->store().WriteTx([&](UnitOfWork& u) { u.Drafts().Save(d); });

    const auto open = list();
    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0].id, first);
    EXPECT_EQ(open[0].answers["homeowner_name"], "Ann");
    EXPECT_EQ(open[1].id, second);
}

TYPED_TEST(DraftContract, OldestOpenListsTheFlowsOpenDraftsLeastRecentlySavedFirst) {
    const long long newest = this->Create("U1", "escalation", kT0 + 20s);
    const long long oldest = this->Create("U2", "escalation", kT0);
    this->Create("U3", "escalation", kT0 - 10s, Draft::Status::kAbandoned);
    this->Create("U4", "concert", kT0 - 20s);
    const long long middle = this->Create("U1", "escalation", kT0 + 10s);

    const auto two =
        this->store().Read([&](UnitOfWork& u) { return u.Drafts().OldestOpen("escalation", 2); });

    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].id, oldest);
    EXPECT_EQ(two[1].id, middle);
    (void)newest;
}

TYPED_TEST(DraftContract, PathIsKeptByCreateAndSave) {
    Draft d;
    d.user_id = "U1";
    d.flow = "escalation";
    d.sop_version = "2024-05";
    d.step = "verification";
    d.path = {"qualify", "offer_follow_up"};
    d.created_at = d.updated_at = kT0;
    d.id = this->store().Write([&](UnitOfWork& u) { return u.Drafts().Create(d); });
    EXPECT_EQ(this->store().Read([&](UnitOfWork& u) { return u.Drafts().Get(d.id); })->path,
              d.path);

    d.step = "offer_follow_up";
    d.path = {"qualify"};
    this->store().WriteTx([&](UnitOfWork& u) { u.Drafts().Save(d); });

    const auto saved = this->store().Read([&](UnitOfWork& u) { return u.Drafts().Get(d.id); });
    EXPECT_EQ(saved->path, std::vector<std::string>{"qualify"});
    EXPECT_EQ(saved->step, "offer_follow_up");
}

}  // namespace
}  // namespace escbot::storage::test
