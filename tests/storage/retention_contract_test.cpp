// The retention repository's contract, typed over the store backends: a PostgreSQL store must
// pass the same suite.

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;

template <class F>
class RetentionContract : public StoreContract<F> {
protected:
    long long NewCase(EscalationCase::Status status, std::optional<TimePoint> resolved_at) {
        EscalationCase c;
        c.sop_version = "2026.12.1";
        c.status = status;
        c.outcome = status == EscalationCase::Status::kTransferred ? "live_ladder" : "follow_up";
        c.homeowner_key = "zelda quartermaine|1 elm st";
        c.answers = {{"homeowner_name", "Zelda"}, {"concern_types", {"fraud"}}};
        c.created_by = "U0AGENT1";
        c.created_at = kT0;
        c.resolved_at = resolved_at;
        c.resolution_note = status == EscalationCase::Status::kResolved ? "Zelda is happy" : "";
        return this->store().Write([&](UnitOfWork& u) { return u.Escalation().Cases().Create(c); });
    }
    std::vector<long long> Due(TimePoint cutoff) {
        std::vector<long long> ids;
        for (const auto& c : this->store().Read(
                 [&](UnitOfWork& u) { return u.Retention().CasesDueForPurge(cutoff, 10); }))
            ids.push_back(c.id);
        return ids;
    }
};
TYPED_TEST_SUITE(RetentionContract, StoreFactories);

TYPED_TEST(RetentionContract, ListsCasesClosedBeforeTheCutoffOnly) {
    const long long old_resolved = this->NewCase(EscalationCase::Status::kResolved, kT0 + 1h);
    const long long new_resolved = this->NewCase(EscalationCase::Status::kResolved, kT0 + 10h);
    const long long open = this->NewCase(EscalationCase::Status::kOpen, std::nullopt);
    const long long old_transfer = this->NewCase(EscalationCase::Status::kTransferred, std::nullopt);
    this->store().Write([&](UnitOfWork& u) {
        u.Escalation().Ladders().Create({.case_id = old_transfer, .sop_version = "x", .tier_id = "tier2",
                                         .step = 1, .deadline = kT0 + 30s, .started_at = kT0});
        u.Escalation().Ladders().Accept(old_transfer, 1, "U0TIER2", kT0 + 10s);
    });

    const auto due = this->Due(kT0 + 5h);

    EXPECT_EQ(due.front(), old_resolved);
    EXPECT_EQ(std::count(due.begin(), due.end(), new_resolved), 0);
    EXPECT_EQ(std::count(due.begin(), due.end(), open), 0);
    EXPECT_EQ(std::count(due.begin(), due.end(), old_transfer), 1);  // accepted at kT0 + 10s
}

TYPED_TEST(RetentionContract, APurgedCaseKeepsOnlyWhatItIsGivenAndIsNotListedAgain) {
    const long long id = this->NewCase(EscalationCase::Status::kResolved, kT0 + 1h);
    this->store().Write([&](UnitOfWork& u) {
        u.Escalation().Updates().Add({.case_id = id, .author = "U0LEAD1", .kind = "update",
                                      .text = "Called Zelda", .at = kT0});
        u.Escalation().Interactions().Add({.case_id = id, .agent = "U0AGENT1", .interaction_id = "CX-99",
                                           .said = "Zelda called again", .at = kT0});
        u.Retention().PurgeCase(id, {{"concern_types", {"fraud"}}}, kT0 + 2h);
    });

    const auto [c, updates, interactions] = this->store().Read([&](UnitOfWork& u) {
        return std::tuple(*u.Escalation().Cases().Get(id), u.Escalation().Updates().ForCase(id),
                          u.Escalation().Interactions().ForCase(id));
    });

    EXPECT_EQ(c.answers, nlohmann::json({{"concern_types", {"fraud"}}}));
    EXPECT_EQ(c.homeowner_key, "");
    EXPECT_EQ(c.resolution_note, "");
    EXPECT_EQ(c.status, EscalationCase::Status::kResolved);  // the record stays
    EXPECT_EQ(c.resolved_at, kT0 + 1h);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].text, "");
    EXPECT_EQ(updates[0].kind, "update");
    ASSERT_EQ(interactions.size(), 1u);
    EXPECT_EQ(interactions[0].said, "");
    EXPECT_EQ(interactions[0].interaction_id, "");
    EXPECT_TRUE(this->Due(kT0 + 5h).empty());
}

TYPED_TEST(RetentionContract, ClosedDraftsAndConcertRequestsLoseTheirPersonalDataOpenOnesKeepIt) {
    auto draft = [&](Draft::Status status, TimePoint updated) {
        Draft d{.user_id = "U1", .flow = "escalation", .sop_version = "x", .step = "s",
                .answers = {{"homeowner_name", "Zelda"}}, .status = status, .created_at = updated,
                .updated_at = updated};
        return this->store().Write([&](UnitOfWork& u) { return u.Drafts().Create(d); });
    };
    const long long old_closed = draft(Draft::Status::kSubmitted, kT0);
    const long long old_open = draft(Draft::Status::kOpen, kT0);
    const long long new_closed = draft(Draft::Status::kAbandoned, kT0 + 10h);
    auto request = [&](bool close) {
        return this->store().Write([&](UnitOfWork& u) {
            const long long id = u.Concert().Create({.agent_id = "U1", .homeowner = "Zelda", .address = "1 Elm",
                                                     .rotation = "concert", .created_at = kT0});
            if (close) u.Concert().Cancel(id, "U1", kT0 + 1h);
            return id;
        });
    };
    const long long closed_request = request(true);
    const long long held_request = request(false);
    const TimePoint cutoff = kT0 + 5h;

    const auto counted = this->store().Read([&](UnitOfWork& u) {
        return std::pair(u.Retention().CountClosedDrafts(cutoff), u.Retention().CountClosedConcertRequests(cutoff));
    });
    const auto purged = this->store().Write([&](UnitOfWork& u) {
        return std::pair(u.Retention().PurgeClosedDrafts(cutoff), u.Retention().PurgeClosedConcertRequests(cutoff));
    });

    EXPECT_EQ(counted, std::pair(1LL, 1LL));
    EXPECT_EQ(purged, std::pair(1LL, 1LL));
    this->store().Read([&](UnitOfWork& u) {
        EXPECT_TRUE(u.Drafts().Get(old_closed)->answers.empty());
        EXPECT_EQ(u.Drafts().Get(old_open)->answers["homeowner_name"], "Zelda");
        EXPECT_EQ(u.Drafts().Get(new_closed)->answers["homeowner_name"], "Zelda");
        EXPECT_EQ(u.Concert().Get(closed_request)->homeowner, "");
        EXPECT_EQ(u.Concert().Get(closed_request)->address, "");
        EXPECT_EQ(u.Concert().Get(held_request)->homeowner, "Zelda");
    });
    // Nothing left to do: a second purge changes nothing.
    EXPECT_EQ(this->store().Write([&](UnitOfWork& u) { return u.Retention().PurgeClosedDrafts(cutoff); }), 0);
}

TYPED_TEST(RetentionContract, ClosedInstallerComplaintsLoseTheirPersonalDataOpenOnesKeepIt) {
    auto complaint = [&](InstallerComplaint::Status status, bool close) {
        return this->store().Write([&](UnitOfWork& u) {
            InstallerComplaint c{.sop_version = "x", .agent_id = "U1", .homeowner = "Zelda", .address = "1 Elm",
                                 .homeowner_key = "zelda|1 elm", .program = "concert", .installer_name = "SunCo",
                                 .installer_email = "ops@sunco.example", .complaint_type = "damage",
                                 .description = "Roof leak at Zelda's", .phone = "555-0100", .status = status,
                                 .created_at = kT0};
            const long long id = u.InstallerComplaints().Create(c);
            u.InstallerComplaints().AddEvent({.complaint_id = id, .at = kT0, .actor = "U1", .kind = "note",
                                              .detail = "Zelda called"});
            if (close) u.InstallerComplaints().Close(id, "Zelda is satisfied", "U2", kT0 + 1h);
            return id;
        });
    };
    const long long closed = complaint(InstallerComplaint::Status::kOpen, true);
    const long long no_case = complaint(InstallerComplaint::Status::kNoCase, false);
    const long long open = complaint(InstallerComplaint::Status::kOpen, false);
    const TimePoint cutoff = kT0 + 5h;

    EXPECT_EQ(this->store().Read([&](UnitOfWork& u) { return u.Retention().CountClosedInstallerComplaints(cutoff); }), 2);
    EXPECT_EQ(this->store().Write([&](UnitOfWork& u) { return u.Retention().PurgeClosedInstallerComplaints(cutoff); }), 2);

    this->store().Read([&](UnitOfWork& u) {
        for (const long long id : {closed, no_case}) {
            const auto c = *u.InstallerComplaints().Get(id);
            EXPECT_EQ(c.homeowner + c.address + c.phone + c.description + c.installer_email + c.closure_comments, "");
            EXPECT_EQ(c.installer_name, "SunCo");
            EXPECT_EQ(c.complaint_type, "damage");
            EXPECT_EQ(u.InstallerComplaints().Events(id).at(0).detail, "");
        }
        EXPECT_EQ(u.InstallerComplaints().Get(open)->homeowner, "Zelda");
        EXPECT_EQ(u.InstallerComplaints().Events(open).at(0).detail, "Zelda called");
    });
    EXPECT_EQ(this->store().Read([&](UnitOfWork& u) { return u.Retention().CountClosedInstallerComplaints(cutoff); }), 0);
}

}  // namespace
}  // namespace escbot::storage::test
