// TeamViewRepository: both kinds of open case in one list (App Home, /escalation list|status).

#include <gmock/gmock.h>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;
using Kind = OpenCaseRow::Kind;
using ::testing::ElementsAre;

EscalationCase Case(std::string raiser, EscalationCase::Status status,
                    std::optional<TimePoint> due, TimePoint created = kT0) {
    EscalationCase c;
    c.sop_version = "2026.12.1";
    c.status = status;
    c.outcome = status == EscalationCase::Status::kLive ? "live_ladder" : "follow_up";
    c.homeowner_key = "jane doe|12 main st";
    c.answers = {{"concern_types", "fraud"}};
    c.created_by = std::move(raiser);
    c.created_at = created;
    c.follow_up_due = due;
    return c;
}

InstallerComplaint Complaint(std::string agent, TimePoint created = kT0) {
    InstallerComplaint c;
    c.sop_version = "2026.12.1";
    c.agent_id = std::move(agent);
    c.homeowner = "Jane Doe";
    c.address = "12 Main St";
    c.homeowner_key = "jane doe|12 main st";
    c.program = "everbright";
    c.installer_name = "SunCo";
    c.complaint_type = "no_confirmation";
    c.status = InstallerComplaint::Status::kOpen;
    c.created_at = created;
    return c;
}

/// "ESC-1" / "IC-2" for readable expectations.
std::string Ref(const OpenCaseRow& row) {
    return (row.kind == Kind::kEscalation ? "ESC-" : "IC-") + std::to_string(row.id);
}

std::vector<std::string> Refs(const std::vector<OpenCaseRow>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(Ref(row));
    return out;
}

template <class F>
class TeamViewContract : public StoreContract<F> {
protected:
    long long AddCase(const EscalationCase& c) {
        return this->store().Write([&](UnitOfWork& u) { return u.Escalation().Cases().Create(c); });
    }
    long long AddComplaint(const InstallerComplaint& c) {
        return this->store().Write([&](UnitOfWork& u) { return u.InstallerComplaints().Create(c); });
    }
    std::vector<OpenCaseRow> List(const OpenCaseFilter& filter, int limit = 50, int offset = 0) {
        return this->store().Read(
            [&](UnitOfWork& u) { return u.TeamView().ListOpen(filter, limit, offset); });
    }
    long long Count(const OpenCaseFilter& filter) {
        return this->store().Read([&](UnitOfWork& u) { return u.TeamView().CountOpen(filter); });
    }
};
TYPED_TEST_SUITE(TeamViewContract, StoreFactories);

TYPED_TEST(TeamViewContract, BothKindsAreListedOverdueFirstThenDueSoonThenNothingDue) {
    using S = EscalationCase::Status;
    const long long later = this->AddCase(Case("U0AGENT001", S::kOpen, kT0 + 48h));
    const long long overdue = this->AddCase(Case("U0AGENT001", S::kClaimed, kT0 - 1h));
    const long long live = this->AddCase(Case("U0AGENT001", S::kLive, std::nullopt));
    this->AddCase(Case("U0AGENT001", S::kResolved, kT0 - 5h));
    this->AddCase(Case("U0AGENT001", S::kTransferred, std::nullopt));
    const long long ic = this->AddComplaint(Complaint("U0AGENT001"));
    InstallerComplaint closed = Complaint("U0AGENT001");
    closed.status = InstallerComplaint::Status::kClosed;
    this->AddComplaint(closed);
    this->store().Write([&](UnitOfWork& u) {
        u.Timers().Schedule({0, "installer.chase", "installer:" + std::to_string(ic) + ":chase",
                             kT0 + 3h, {{"complaint", ic}, {"attempt", 1}}});
        u.MessageRefs().Put({"case:" + std::to_string(overdue) + ":root", "C0RESOLVE", "1700.0001"});
        u.MessageRefs().Put({"installer:" + std::to_string(ic) + ":root", "C0BACKOFF", "1700.0002"});
    });

    const auto rows = this->List({});

    ASSERT_EQ(rows.size(), 4u);
    EXPECT_THAT(Refs(rows), ElementsAre("ESC-" + std::to_string(overdue), "IC-" + std::to_string(ic),
                                        "ESC-" + std::to_string(later), "ESC-" + std::to_string(live)));
    EXPECT_EQ(rows[0].state, "claimed");
    EXPECT_EQ(rows[0].thread_channel, "C0RESOLVE");
    EXPECT_EQ(rows[0].thread_ts, "1700.0001");
    EXPECT_EQ(rows[0].answers.value("concern_types", ""), "fraud");
    EXPECT_EQ(rows[1].state, "waiting");
    EXPECT_EQ(rows[1].due_at, kT0 + 3h);  // the next chase
    EXPECT_EQ(rows[1].type, "no_confirmation");
    EXPECT_EQ(rows[1].thread_channel, "C0BACKOFF");
    EXPECT_EQ(rows[2].thread_channel, "");  // root not posted yet
    EXPECT_FALSE(rows[3].due_at.has_value());
    EXPECT_EQ(this->Count({}), 4);
}

TYPED_TEST(TeamViewContract, AnInstallerComplaintOwesItsChaseSinceItBecameDueAndNothingOnceReplied) {
    const long long due = this->AddComplaint(Complaint("U0AGENT001"));
    const long long replied = this->AddComplaint(Complaint("U0AGENT001"));
    this->store().Write([&](UnitOfWork& u) {
        auto& repo = u.InstallerComplaints();
        ASSERT_TRUE(repo.MoveChase(due, ChaseState::kWaiting, 1, ChaseState::kDue, 1));
        repo.AddEvent({0, due, kT0 + 24h, "bot", "chase_due", 1, ""});
        ASSERT_TRUE(repo.MoveChase(replied, ChaseState::kWaiting, 1, ChaseState::kReplied, 1));
    });

    const auto rows = this->List({});

    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(Ref(rows[0]), "IC-" + std::to_string(due));
    EXPECT_EQ(rows[0].state, "due");
    EXPECT_EQ(rows[0].due_at, kT0 + 24h);
    EXPECT_EQ(rows[1].state, "replied");
    EXPECT_FALSE(rows[1].due_at.has_value());
}

TYPED_TEST(TeamViewContract, FiltersInvolvingUnclaimedAndDueByAndPaging) {
    using S = EscalationCase::Status;
    const long long mine = this->AddCase(Case("U0AGENT001", S::kOpen, kT0 + 2h));
    const long long owned = this->AddCase(Case("U0AGENT002", S::kOpen, kT0 - 2h));
    const long long other = this->AddCase(Case("U0AGENT002", S::kOpen, kT0 + 1h));
    this->AddCase(Case("U0AGENT002", S::kLive, std::nullopt));
    const long long ic_mine = this->AddComplaint(Complaint("U0AGENT003"));
    this->store().Write([&](UnitOfWork& u) {
        ASSERT_TRUE(u.Escalation().Cases().Claim(owned, "U0LEAD0001", kT0));
        ASSERT_TRUE(u.InstallerComplaints().Claim(ic_mine, "U0LEAD0001", kT0));
    });

    EXPECT_THAT(Refs(this->List({"U0AGENT001"})), ElementsAre("ESC-" + std::to_string(mine)));
    EXPECT_THAT(Refs(this->List({"U0LEAD0001"})),
                ElementsAre("ESC-" + std::to_string(owned), "IC-" + std::to_string(ic_mine)));
    OpenCaseFilter unclaimed;
    unclaimed.unclaimed_only = true;  // the live ladder is nobody's to claim
    EXPECT_THAT(Refs(this->List(unclaimed)),
                ElementsAre("ESC-" + std::to_string(other), "ESC-" + std::to_string(mine)));
    OpenCaseFilter overdue;
    overdue.due_by = kT0;
    EXPECT_THAT(Refs(this->List(overdue)), ElementsAre("ESC-" + std::to_string(owned)));
    EXPECT_EQ(this->Count(overdue), 1);

    EXPECT_EQ(this->Count({}), 5);
    const auto page1 = this->List({}, 2, 0);
    const auto page2 = this->List({}, 2, 2);
    const auto page3 = this->List({}, 2, 4);
    EXPECT_EQ(page1.size() + page2.size() + page3.size(), 5u);
    EXPECT_EQ(Ref(page2[0]), "ESC-" + std::to_string(mine));
}

TYPED_TEST(TeamViewContract, CountsOldestUnclaimedLaddersAndStages) {
    using S = EscalationCase::Status;
    this->AddCase(Case("U0AGENT001", S::kOpen, kT0 + 30min, kT0 - 5h));     // due soon
    const long long oldest = this->AddCase(Case("U0AGENT001", S::kOpen, kT0 + 30h, kT0 - 9h));
    const long long claimed = this->AddCase(Case("U0AGENT001", S::kOpen, kT0 - 1h, kT0 - 2h));
    const long long live = this->AddCase(Case("U0AGENT002", S::kLive, std::nullopt));
    const long long ic1 = this->AddComplaint(Complaint("U0AGENT001", kT0 - 10h));
    this->AddComplaint(Complaint("U0AGENT001", kT0 - 1h));
    this->store().Write([&](UnitOfWork& u) {
        ASSERT_TRUE(u.Escalation().Cases().Claim(claimed, "U0LEAD0001", kT0));
        ASSERT_TRUE(u.InstallerComplaints().Claim(ic1, "U0BACK0001", kT0));
        ASSERT_TRUE(u.InstallerComplaints().MoveChase(ic1, ChaseState::kWaiting, 1, ChaseState::kDue, 1));
        u.InstallerComplaints().AddEvent({0, ic1, kT0 - 1h, "bot", "chase_due", 1, ""});
        LiveLadder ladder;
        ladder.case_id = live;
        ladder.sop_version = "2026.12.1";
        ladder.tier_id = "tier2";
        ladder.step = 1;
        ladder.deadline = kT0 + 5min;
        ladder.started_at = kT0 - 1min;
        u.Escalation().Ladders().Create(ladder);
    });

    const TeamCounts counts =
        this->store().Read([&](UnitOfWork& u) { return u.TeamView().Counts(kT0, kT0 + 1h); });
    const auto oldest_row =
        this->store().Read([&](UnitOfWork& u) { return u.TeamView().OldestUnclaimed(); });
    const auto ladders = this->store().Read([&](UnitOfWork& u) { return u.TeamView().LiveLadders(10); });
    const auto stages = this->store().Read([&](UnitOfWork& u) { return u.TeamView().InstallerByStage(); });

    EXPECT_EQ(counts.escalations.unclaimed, 2);
    EXPECT_EQ(counts.escalations.claimed, 1);
    EXPECT_EQ(counts.escalations.due_soon, 1);
    EXPECT_EQ(counts.escalations.overdue, 1);
    EXPECT_EQ(counts.installer.unclaimed, 1);
    EXPECT_EQ(counts.installer.claimed, 1);
    EXPECT_EQ(counts.installer.overdue, 1);
    EXPECT_EQ(counts.live_ladders, 1);
    ASSERT_TRUE(oldest_row.has_value());
    EXPECT_EQ(oldest_row->kind, Kind::kEscalation);  // the claimed IC-1 is older but owned
    EXPECT_EQ(oldest_row->id, oldest);
    ASSERT_EQ(ladders.size(), 1u);
    EXPECT_EQ(ladders[0].case_id, live);
    EXPECT_EQ(ladders[0].raised_by, "U0AGENT002");
    EXPECT_EQ(ladders[0].tier_id, "tier2");
    EXPECT_EQ(ladders[0].status, "paging");
    ASSERT_EQ(stages.size(), 2u);
    EXPECT_EQ(stages[0].state, "waiting");
    EXPECT_EQ(stages[0].count, 1);
    EXPECT_EQ(stages[1].state, "due");
    EXPECT_EQ(stages[1].attempt, 1);
}

TYPED_TEST(TeamViewContract, FindOpenByKindAndNothingOnceClosed) {
    using S = EscalationCase::Status;
    const long long esc = this->AddCase(Case("U0AGENT001", S::kOpen, kT0 + 1h));
    const long long ic = this->AddComplaint(Complaint("U0AGENT001"));

    const auto found = this->store().Read(
        [&](UnitOfWork& u) { return u.TeamView().FindOpen(Kind::kEscalation, esc); });
    const auto found_ic = this->store().Read(
        [&](UnitOfWork& u) { return u.TeamView().FindOpen(Kind::kInstaller, ic); });
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->due_at, kT0 + 1h);
    ASSERT_TRUE(found_ic.has_value());
    EXPECT_EQ(found_ic->kind, Kind::kInstaller);

    this->store().Write([&](UnitOfWork& u) {
        ASSERT_TRUE(u.Escalation().Cases().Resolve(esc, "U0LEAD0001", "done", kT0));
    });
    EXPECT_FALSE(this->store()
                     .Read([&](UnitOfWork& u) { return u.TeamView().FindOpen(Kind::kEscalation, esc); })
                     .has_value());
    EXPECT_FALSE(this->store()
                     .Read([&](UnitOfWork& u) { return u.TeamView().FindOpen(Kind::kInstaller, 999); })
                     .has_value());
}

TYPED_TEST(TeamViewContract, HomeViewersAreRememberedAcrossAReopen) {
    this->store().Write([&](UnitOfWork& u) {
        u.TeamView().NoteHomeOpened("U0AGENT001", kT0);
        u.TeamView().NoteHomeOpened("U0AGENT001", kT0 + 1h);  // again: still one row
    });
    this->Reopen();

    EXPECT_TRUE(this->store().Read([&](UnitOfWork& u) { return u.TeamView().OpenedHome("U0AGENT001"); }));
    EXPECT_FALSE(this->store().Read([&](UnitOfWork& u) { return u.TeamView().OpenedHome("U0AGENT002"); }));
}

}  // namespace
}  // namespace escbot::storage::test
