#include <gmock/gmock.h>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;
using Status = InstallerComplaint::Status;

InstallerComplaint Open() {
    InstallerComplaint c;
    c.sop_version = "2026.12.1";
    c.agent_id = "U0AGENT001";
    c.agent_channel = "C0AGENTS01";
    c.homeowner = "Jane Doe";
    c.address = "12 Main St, Springfield";
    c.homeowner_key = "jane doe|12 main st springfield";
    c.program = "concert";
    c.installer_name = "SunCo";
    c.installer_email = "ops@sunco.example";
    c.complaint_type = "rude";
    c.description = "Yelled at the homeowner.";
    c.phone = "555-010-0101";
    c.best_time = "after 5 PM";
    c.interaction_id = "CX-42";
    c.status = Status::kOpen;
    c.created_at = kT0;
    return c;
}

template <class F>
class InstallerComplaintContract : public StoreContract<F> {
protected:
    long long Create(const InstallerComplaint& c) {
        return this->store().Write([&](UnitOfWork& u) { return u.InstallerComplaints().Create(c); });
    }
    InstallerComplaint Get(long long id) {
        auto c = this->store().Read([&](UnitOfWork& u) { return u.InstallerComplaints().Get(id); });
        if (!c) throw std::runtime_error("no complaint");
        return *c;
    }
    template <class Fn>
    auto Write(Fn&& fn) {
        return this->store().Write([&](UnitOfWork& u) { return fn(u.InstallerComplaints()); });
    }
};
TYPED_TEST_SUITE(InstallerComplaintContract, StoreFactories);

TYPED_TEST(InstallerComplaintContract, ACreatedComplaintKeepsEveryFieldAcrossAReopen) {
    InstallerComplaint c = Open();
    c.referral = {{"addressed", "no"}};

    const long long id = this->Create(c);
    this->Reopen();
    const InstallerComplaint stored = this->Get(id);

    EXPECT_GT(id, 0);
    EXPECT_EQ(stored.id, id);
    EXPECT_EQ(stored.sop_version, "2026.12.1");
    EXPECT_EQ(stored.agent_id, "U0AGENT001");
    EXPECT_EQ(stored.agent_channel, "C0AGENTS01");
    EXPECT_EQ(stored.homeowner, "Jane Doe");
    EXPECT_EQ(stored.address, "12 Main St, Springfield");
    EXPECT_EQ(stored.homeowner_key, "jane doe|12 main st springfield");
    EXPECT_EQ(stored.program, "concert");
    EXPECT_EQ(stored.installer_name, "SunCo");
    EXPECT_EQ(stored.installer_email, "ops@sunco.example");
    EXPECT_EQ(stored.complaint_type, "rude");
    EXPECT_EQ(stored.description, "Yelled at the homeowner.");
    EXPECT_EQ(stored.phone, "555-010-0101");
    EXPECT_EQ(stored.best_time, "after 5 PM");
    EXPECT_EQ(stored.interaction_id, "CX-42");
    EXPECT_EQ(stored.status, Status::kOpen);
    EXPECT_EQ(stored.owner_id, "");
    EXPECT_EQ(stored.chase_state, ChaseState::kWaiting);
    EXPECT_EQ(stored.chase_attempt, 1);
    EXPECT_FALSE(stored.partner_updated);
    EXPECT_EQ(stored.referral, (nlohmann::json{{"addressed", "no"}}));
    EXPECT_EQ(stored.created_at, kT0);
    EXPECT_FALSE(stored.claimed_at.has_value());
    EXPECT_FALSE(stored.closed_at.has_value());
}

TYPED_TEST(InstallerComplaintContract, OnlyOpenComplaintsOfTheHomeownerAreFound) {
    InstallerComplaint no_case = Open();
    no_case.status = Status::kNoCase;
    InstallerComplaint other = Open();
    other.homeowner_key = "john roe|1 elm st";
    const long long first = this->Create(Open());
    this->Create(no_case);
    this->Create(other);
    const long long closed = this->Create(Open());
    this->Write([&](auto& r) { return r.Close(closed, "done", "U0BACK0001", kT0 + 1h); });
    const long long second = this->Create(Open());

    const auto found = this->store().Read([&](UnitOfWork& u) {
        return u.InstallerComplaints().FindOpenForHomeowner("jane doe|12 main st springfield");
    });

    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].id, first);
    EXPECT_EQ(found[1].id, second);
}

TYPED_TEST(InstallerComplaintContract, TheFirstClaimWins) {
    const long long id = this->Create(Open());

    const bool first = this->Write([&](auto& r) { return r.Claim(id, "U0BACK0001", kT0 + 1min); });
    const bool second = this->Write([&](auto& r) { return r.Claim(id, "U0BACK0002", kT0 + 2min); });

    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    EXPECT_EQ(this->Get(id).owner_id, "U0BACK0001");
    EXPECT_EQ(this->Get(id).claimed_at, kT0 + 1min);
}

TYPED_TEST(InstallerComplaintContract, AChaseMovesOnlyFromTheStateAndAttemptExpected) {
    const long long id = this->Create(Open());

    const bool due = this->Write([&](auto& r) {
        return r.MoveChase(id, ChaseState::kWaiting, 1, ChaseState::kDue, 1);
    });
    const bool again = this->Write([&](auto& r) {
        return r.MoveChase(id, ChaseState::kWaiting, 1, ChaseState::kDue, 1);
    });
    const bool wrong_attempt = this->Write([&](auto& r) {
        return r.MoveChase(id, ChaseState::kDue, 2, ChaseState::kWaiting, 3);
    });
    const bool next = this->Write([&](auto& r) {
        return r.MoveChase(id, ChaseState::kDue, 1, ChaseState::kWaiting, 2);
    });

    EXPECT_TRUE(due);
    EXPECT_FALSE(again);
    EXPECT_FALSE(wrong_attempt);
    EXPECT_TRUE(next);
    EXPECT_EQ(this->Get(id).chase_state, ChaseState::kWaiting);
    EXPECT_EQ(this->Get(id).chase_attempt, 2);
}

TYPED_TEST(InstallerComplaintContract, AClosedComplaintNoLongerMovesOrCloses) {
    const long long id = this->Create(Open());

    const bool closed = this->Write([&](auto& r) { return r.Close(id, "Installer called; HO satisfied.", "U0BACK0001", kT0 + 1h); });
    const bool closed_again = this->Write([&](auto& r) { return r.Close(id, "x", "U0BACK0002", kT0 + 2h); });
    const bool moved = this->Write([&](auto& r) {
        return r.MoveChase(id, ChaseState::kWaiting, 1, ChaseState::kDue, 1);
    });
    const bool claimed = this->Write([&](auto& r) { return r.Claim(id, "U0BACK0001", kT0 + 3h); });

    EXPECT_TRUE(closed);
    EXPECT_FALSE(closed_again);
    EXPECT_FALSE(moved);
    EXPECT_FALSE(claimed);
    const InstallerComplaint stored = this->Get(id);
    EXPECT_EQ(stored.status, Status::kClosed);
    EXPECT_EQ(stored.closure_comments, "Installer called; HO satisfied.");
    EXPECT_EQ(stored.closed_by, "U0BACK0001");
    EXPECT_EQ(stored.closed_at, kT0 + 1h);
}

TYPED_TEST(InstallerComplaintContract, AReferralIsRecordedOnlyWhenDue) {
    const long long id = this->Create(Open());
    const nlohmann::json answers = {{"addressed", "No answer to two emails."}};

    const bool early = this->Write([&](auto& r) { return r.RecordReferral(id, answers); });
    this->Write([&](auto& r) {
        return r.MoveChase(id, ChaseState::kWaiting, 1, ChaseState::kReferralDue, 2);
    });
    const bool due = this->Write([&](auto& r) { return r.RecordReferral(id, answers); });
    const bool twice = this->Write([&](auto& r) { return r.RecordReferral(id, answers); });

    EXPECT_FALSE(early);
    EXPECT_TRUE(due);
    EXPECT_FALSE(twice);
    EXPECT_EQ(this->Get(id).chase_state, ChaseState::kReferred);
    EXPECT_EQ(this->Get(id).referral, answers);
}

TYPED_TEST(InstallerComplaintContract, ThePartnerUpdateIsRecordedOnce) {
    const long long id = this->Create(Open());

    const bool first = this->Write([&](auto& r) { return r.MarkPartnerUpdated(id); });
    const bool second = this->Write([&](auto& r) { return r.MarkPartnerUpdated(id); });

    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    EXPECT_TRUE(this->Get(id).partner_updated);
}

TYPED_TEST(InstallerComplaintContract, EventsComeBackInTheOrderRecorded) {
    const long long id = this->Create(Open());
    const long long other = this->Create(Open());

    this->Write([&](auto& r) {
        r.AddEvent({0, id, kT0 + 1min, "U0BACK0001", "claimed", 0, ""});
        r.AddEvent({0, other, kT0 + 2min, "bot", "chase_due", 1, ""});
        r.AddEvent({0, id, kT0 + 3min, "U0BACK0001", "no_reply", 1, ""});
        return 0;
    });
    const auto events = this->store().Read([&](UnitOfWork& u) { return u.InstallerComplaints().Events(id); });

    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, "claimed");
    EXPECT_EQ(events[0].at, kT0 + 1min);
    EXPECT_EQ(events[1].kind, "no_reply");
    EXPECT_EQ(events[1].attempt, 1);
    EXPECT_EQ(events[1].actor, "U0BACK0001");
}

TYPED_TEST(InstallerComplaintContract, NoCaseOutcomesAreCounted) {
    InstallerComplaint no_case = Open();
    no_case.status = Status::kNoCase;
    this->Create(no_case);
    this->Create(no_case);
    this->Create(Open());

    const auto count = [&](Status s) {
        return this->store().Read([&](UnitOfWork& u) { return u.InstallerComplaints().CountByStatus(s); });
    };

    EXPECT_EQ(count(Status::kNoCase), 2);
    EXPECT_EQ(count(Status::kOpen), 1);
    EXPECT_EQ(count(Status::kClosed), 0);
}

TYPED_TEST(InstallerComplaintContract, AnSopVersionIsStoredOnceAndKeptAcrossAReopen) {
    const bool first = this->Write([&](auto& r) {
        return r.PutSopIfAbsent({"2026.12.1", "abc", "[sop]\nid = \"installer_complaints\"", kT0});
    });
    const bool second = this->Write([&](auto& r) {
        return r.PutSopIfAbsent({"2026.12.1", "def", "other", kT0 + 1h});
    });
    this->Reopen();

    const auto stored = this->store().Read([&](UnitOfWork& u) { return u.InstallerComplaints().GetSop("2026.12.1"); });
    const auto missing = this->store().Read([&](UnitOfWork& u) { return u.InstallerComplaints().GetSop("2026.12.2"); });

    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->fingerprint, "abc");
    EXPECT_EQ(stored->stored_at, kT0);
    EXPECT_FALSE(missing.has_value());
}

}  // namespace
}  // namespace escbot::storage::test
