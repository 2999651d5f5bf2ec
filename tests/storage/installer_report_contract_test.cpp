// The installer complaints as the export and the report read them, typed over the store
// backends: the complaints that became a case in a range, each with the owner's first recorded
// step, and the no-case ones counted.

#include <gmock/gmock.h>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;
using Status = InstallerComplaint::Status;

template <class F>
class InstallerReportContract : public StoreContract<F> {
protected:
    long long Create(Status status, TimePoint created_at) {
        InstallerComplaint c;
        c.sop_version = "2026.12.1";
        c.agent_id = "U0AGENT001";
        c.homeowner = "Jane Doe";
        c.address = "12 Main St";
        c.homeowner_key = "jane doe|12 main st";
        c.program = "concert";
        c.installer_name = "SunCo";
        c.complaint_type = "rude";
        c.status = status;
        c.created_at = created_at;
        return this->store().Write(
            [&](UnitOfWork& u) { return u.InstallerComplaints().Create(c); });
    }
    void Event(long long id, TimePoint at, std::string kind) {
        this->store().Write([&](UnitOfWork& u) {
            u.InstallerComplaints().AddEvent({0, id, at, "U0BACK1", std::move(kind), 1, ""});
        });
    }
    std::vector<InstallerReportRow> Rows(TimePoint since, TimePoint until) {
        std::vector<InstallerReportRow> rows;
        this->store().Read([&](UnitOfWork& u) {
            u.InstallerComplaints().ForEachCaseCreated(
                since, until, [&](const InstallerReportRow& row) { rows.push_back(row); });
        });
        return rows;
    }
};
TYPED_TEST_SUITE(InstallerReportContract, StoreFactories);

TYPED_TEST(InstallerReportContract, ListsTheCasesCreatedInTheRangeLowestIdFirst) {
    const long long open = this->Create(Status::kOpen, kT0);
    const long long closed = this->Create(Status::kClosed, kT0 + 1h);
    this->Create(Status::kNoCase, kT0 + 2h);  // no case: not listed
    this->Create(Status::kOpen, kT0 + 10h);   // at `until`: not listed
    this->Create(Status::kOpen, kT0 - 1s);    // before `since`

    const auto rows = this->Rows(kT0, kT0 + 10h);

    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].c.id, open);
    EXPECT_EQ(rows[1].c.id, closed);
    EXPECT_EQ(rows[1].c.status, Status::kClosed);
    EXPECT_EQ(rows[0].c.homeowner, "Jane Doe");  // the whole row, for --include-personal-data
    EXPECT_EQ(rows[0].c.complaint_type, "rude");
}

TYPED_TEST(InstallerReportContract, TheFirstUpdateIsTheOwnersFirstRecordedStepNotTheBots) {
    const long long id = this->Create(Status::kOpen, kT0);
    const long long quiet = this->Create(Status::kOpen, kT0);
    this->Event(id, kT0 + 1h, "claimed");
    this->Event(id, kT0 + 2h, "chase_due");
    this->Event(id, kT0 + 5h, "referred");
    this->Event(id, kT0 + 3h, "no_reply");
    this->Event(quiet, kT0 + 1h, "claimed");

    const auto rows = this->Rows(kT0, kT0 + 1h);

    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].first_update_at, kT0 + 3h);
    EXPECT_EQ(rows[1].first_update_at, std::nullopt);
}

TYPED_TEST(InstallerReportContract, CountsTheNoCaseComplaintsOfTheRange) {
    this->Create(Status::kNoCase, kT0);
    this->Create(Status::kNoCase, kT0 + 1h);
    this->Create(Status::kNoCase, kT0 + 5h);
    this->Create(Status::kOpen, kT0);

    const long long count = this->store().Read(
        [](UnitOfWork& u) { return u.InstallerComplaints().NoCaseBetween(kT0, kT0 + 5h); });

    EXPECT_EQ(count, 2);
}

}  // namespace
}  // namespace escbot::storage::test
