// The case-report repository's contract, typed over the store backends (tests/storage's
// StoreFactories): a PostgreSQL store must pass the same suite.

#include <gtest/gtest.h>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

template <class Factory>
class CaseReportContract : public StoreContract<Factory> {
protected:
    long long NewCase(TimePoint created, std::string outcome = "follow_up") {
        EscalationCase c;
        c.sop_version = "2026.12.1";
        c.status = outcome == "live_ladder" ? EscalationCase::Status::kLive : EscalationCase::Status::kOpen;
        c.outcome = std::move(outcome);
        c.created_by = "U0AGENT1";
        c.created_at = created;
        return this->store().Write([&](UnitOfWork& u) { return u.Escalation().Cases().Create(c); });
    }
    void AddUpdate(long long id, std::string kind, TimePoint at) {
        this->store().Write([&](UnitOfWork& u) {
            u.Escalation().Updates().Add({.case_id = id, .author = "U0LEAD1", .kind = kind, .at = at});
        });
    }
    std::vector<CaseReportRow> Rows(TimePoint since, TimePoint until) {
        std::vector<CaseReportRow> rows;
        this->store().Read([&](UnitOfWork& u) {
            u.Escalation().Reports().ForEachCreated(since, until,
                                                    [&](const CaseReportRow& r) { rows.push_back(r); });
        });
        return rows;
    }
};

TYPED_TEST_SUITE(CaseReportContract, StoreFactories);

TYPED_TEST(CaseReportContract, ListsCasesCreatedInTheHalfOpenRangeInIdOrder) {
    const long long before = this->NewCase(kT0 - minutes(1));
    const long long first = this->NewCase(kT0);
    const long long second = this->NewCase(kT0 + hours(1));
    const long long at_until = this->NewCase(kT0 + hours(2));

    const auto rows = this->Rows(kT0, kT0 + hours(2));

    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].c.id, first);
    EXPECT_EQ(rows[1].c.id, second);
    EXPECT_NE(before, at_until);
}

TYPED_TEST(CaseReportContract, TheFirstUpdateIsTheEarliestUpdateOrResolutionNotAClaimOrReminder) {
    const long long id = this->NewCase(kT0);
    this->AddUpdate(id, "claim", kT0 + minutes(5));
    this->AddUpdate(id, "reminder", kT0 + minutes(6));
    this->AddUpdate(id, "update", kT0 + hours(3));
    this->AddUpdate(id, "resolution", kT0 + hours(5));
    const long long resolved_only = this->NewCase(kT0);
    this->AddUpdate(resolved_only, "resolution", kT0 + hours(4));
    const long long untouched = this->NewCase(kT0);

    const auto rows = this->Rows(kT0, kT0 + hours(1));

    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].first_update_at, kT0 + hours(3));
    EXPECT_EQ(rows[1].first_update_at, kT0 + hours(4));
    EXPECT_EQ(rows[2].c.id, untouched);
    EXPECT_FALSE(rows[2].first_update_at.has_value());
}

TYPED_TEST(CaseReportContract, ALiveCaseCarriesItsLadderStatusTierAndEnd) {
    const long long id = this->NewCase(kT0, "live_ladder");
    const long long waited = this->NewCase(kT0);
    this->store().Write([&](UnitOfWork& u) {
        LiveLadder l{.case_id = id, .sop_version = "2026.12.1", .tier_id = "tier2", .step = 1,
                     .deadline = kT0 + std::chrono::seconds(30), .started_at = kT0};
        u.Escalation().Ladders().Create(l);
        u.Escalation().Ladders().Advance(id, 1, "resolution_lead", kT0 + std::chrono::seconds(60));
        u.Escalation().Ladders().EndInVoicemail(id, 2, kT0 + std::chrono::seconds(60));
    });

    const auto rows = this->Rows(kT0, kT0 + hours(1));

    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].ladder_status, "voicemail");
    EXPECT_EQ(rows[0].ladder_tier, "resolution_lead");
    EXPECT_EQ(rows[0].ladder_ended_at, kT0 + std::chrono::seconds(60));
    EXPECT_EQ(rows[1].c.id, waited);
    EXPECT_EQ(rows[1].ladder_status, "");
    EXPECT_FALSE(rows[1].ladder_ended_at.has_value());
}

TYPED_TEST(CaseReportContract, AttemptsWithoutACaseAreCountedInTheRange) {
    const long long id = this->NewCase(kT0);
    this->store().Write([&](UnitOfWork& u) {
        u.Audit().Record({0, kT0, "U1", "escalation.not_qualified", "draft:1", {}});
        u.Audit().Record({0, kT0 + minutes(1), "U1", "escalation.not_qualified", "draft:2", {}});
        u.Audit().Record({0, kT0 + hours(5), "U1", "escalation.not_qualified", "draft:3", {}});
        u.Audit().Record({0, kT0, "U1", "escalation.started", "draft:4", {}});
        u.Escalation().Interactions().Add({.case_id = id, .agent = "U1", .sop_version = "2026.12.1",
                                           .at = kT0 + minutes(2)});
    });

    const auto counts = this->store().Read(
        [&](UnitOfWork& u) { return u.Escalation().Reports().AttemptsBetween(kT0, kT0 + hours(1)); });

    EXPECT_EQ(counts.not_qualified, 2);
    EXPECT_EQ(counts.added_to_existing, 1);
}

}  // namespace
}  // namespace escbot::storage::test
