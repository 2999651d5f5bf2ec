// Installer complaints (SOP §4, seed 004) and the unresponsive-installer chase (seed 001): every
// branch and timing of the flow over a real SQLite file and the real Scheduler. The table in
// tests/installer/README.md maps each rule of the seeds to a test here or in the HTTP test.

#include <filesystem>
#include <fstream>

#include "tests/installer/installer_flow_fixture.hpp"

namespace escbot::commands::installer::test {
namespace {

using ::testing::HasSubstr;
using storage::ChaseState;
using Status = storage::InstallerComplaint::Status;

const TimePoint kWednesday10 = kMonday10 + 48h;
const TimePoint kThursday10 = kMonday10 + 72h;
const TimePoint kNextMonday10 = kMonday10 + 7 * 24h;

// --- Which complaints open a case --------------------------------------------------------------

TEST_F(InstallerFlowTest, PtoBeforeM3NeedsNoCaseAndIsRecordedAsAnOutcome) {
    const Submitted s = Submit(Answers("pto_pre_m3"));

    EXPECT_EQ(s.kind, SubmitKind::kNoCase);
    EXPECT_EQ(Get(s.complaint.id).status, Status::kNoCase);
    EXPECT_TRUE(Outbox().empty());  // nothing posted to the back office
    EXPECT_FALSE(HasTimer(ChaseTimerKey(s.complaint.id)));
    EXPECT_EQ(store_->Read([](storage::UnitOfWork& u) {
                  return u.InstallerComplaints().CountByStatus(Status::kNoCase);
              }),
              1);
}

TEST_F(InstallerFlowTest, EveryCaseTypeOpensACasePostedToTheBackOffice) {
    for (const char* type : {"unresponsive", "rude", "vulgar_activity", "not_connected",
                             "missing_equipment", "damage", "no_confirmation"}) {
        const Submitted s = Submit(Answers(type, "everbright", std::string("Owner ") + type));
        EXPECT_EQ(s.kind, SubmitKind::kOpened) << type;
    }
    int roots = 0;
    for (const auto& item : Outbox()) {
        if (!item.result_key.empty()) {
            ++roots;
            EXPECT_EQ(item.args.at("channel"), "C0BACKOFFC1");
        }
    }
    EXPECT_EQ(roots, 7);
}

TEST_F(InstallerFlowTest, TheRootCarriesTheCaseFieldsAndAClaimButton) {
    const long long id = Open("rude");

    const auto items = Outbox();

    ASSERT_FALSE(items.empty());
    const std::string root = items.front().args.dump();
    EXPECT_EQ(items.front().result_key, RootKey(id));
    EXPECT_THAT(root, HasSubstr("Installer Complaints"));
    EXPECT_THAT(root, HasSubstr("Rude installer"));
    EXPECT_THAT(root, HasSubstr("Jane Doe"));
    EXPECT_THAT(root, HasSubstr("after 5 PM"));
    EXPECT_THAT(root, HasSubstr("CX-42"));
    EXPECT_THAT(root, HasSubstr(std::string(kClaimAction)));
    EXPECT_THAT(root, HasSubstr("<@U0BACKOFF01>"));  // unclaimed: the back office is tagged
}

TEST_F(InstallerFlowTest, TheFirstEmailFollowsTheSubjectRule) {
    Open("rude", "everbright");

    EXPECT_EQ(Count("Homeowner Concern – Jane Doe - SunCo"), 1);
    EXPECT_EQ(Count("ops@sunco.example"), 2);  // the root's installer field and the email's To
    EXPECT_EQ(Count("Do NOT copy the homeowner"), 0);
    EXPECT_EQ(Count("add the account manager as a requested participant"), 1);
}

TEST_F(InstallerFlowTest, ForConcertAndBeamTheEmailGoesToThePartnerAndTheHomeownerIsNotCopied) {
    Open("damage", "concert");
    Submit(Answers("damage", "beam", "John Roe"));

    EXPECT_EQ(Count("*To:* Green Tech Renewables"), 2);
    EXPECT_EQ(Count("Do NOT copy the homeowner"), 2);
    EXPECT_EQ(Count("add the account manager"), 0);
}

// --- One complaint per homeowner ------------------------------------------------------------------

TEST_F(InstallerFlowTest, AnOpenComplaintForTheSameHomeownerIsFoundAndNothingIsStored) {
    const long long id = Open("rude");
    nlohmann::json again = Answers("damage", "everbright", "JANE   doe");
    again["property_address"] = "12 N. Main St, Springfield";
    const std::size_t before = Outbox().size();

    const Submitted s = Submit(again);

    EXPECT_EQ(s.kind, SubmitKind::kExistingCase);
    ASSERT_EQ(s.existing.size(), 1u);
    EXPECT_EQ(s.existing.front().id, id);
    EXPECT_EQ(Outbox().size(), before);
}

TEST_F(InstallerFlowTest, FollowingUpTellsTheThreadAndTagsTheOwner) {
    const long long id = Open("rude");

    const Result r = Act([&](storage::UnitOfWork& u, const FlowEnv& env) {
        return FollowUp(u, env, id, "U0AGENT002");
    });

    EXPECT_EQ(r.outcome, Outcome::kDone);
    EXPECT_EQ(Count("<@U0AGENT002> followed up"), 1);
}

TEST_F(InstallerFlowTest, AClosedComplaintDoesNotBlockANewOne) {
    const long long id = Open("rude");
    Act([&](storage::UnitOfWork& u, const FlowEnv& env) {
        return Close(u, env, id, kBackOffice, "Installer called; homeowner satisfied.");
    });

    EXPECT_EQ(Submit(Answers("damage")).kind, SubmitKind::kOpened);
}

// --- Claim ------------------------------------------------------------------------------------------

TEST_F(InstallerFlowTest, TheBackOfficeClaimsOnceAndStepsTagTheOwnerFromThen) {
    const long long id = Open("rude");

    const Result stranger = Act([&](auto& u, const FlowEnv& env) { return Claim(u, env, id, kStranger); });
    const Result first = Act([&](auto& u, const FlowEnv& env) { return Claim(u, env, id, kBackOffice2); });
    const Result second = Act([&](auto& u, const FlowEnv& env) { return Claim(u, env, id, kBackOffice); });
    RunAt(kWednesday10);

    EXPECT_EQ(stranger.outcome, Outcome::kNotAllowed);
    EXPECT_EQ(first.outcome, Outcome::kDone);
    EXPECT_EQ(second.outcome, Outcome::kStale);
    EXPECT_EQ(Get(id).owner_id, kBackOffice2);
    EXPECT_EQ(Count("<@U0BACKOFF02>: chase 1/2 is due"), 1);
}

// --- The chase on business time ----------------------------------------------------------------------

TEST_F(InstallerFlowTest, TheFirstChaseIsDueTwoBusinessDaysAfterOpeningNotASecondBefore) {
    const long long id = Open("unresponsive");

    RunAt(kWednesday10 - 1s);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kWaiting);
    EXPECT_EQ(Count("chase 1/2 is due"), 0);

    RunAt(kWednesday10);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kDue);
    EXPECT_EQ(Count("chase 1/2 is due"), 1);
    EXPECT_EQ(Count(std::string(kNoReplyAction)), 1);
}

TEST_F(InstallerFlowTest, TheChaseCountsBusinessDaysOverTheWeekend) {
    clock_.Set(kThursday10);
    const long long id = Open("unresponsive");

    RunAt(kNextMonday10 - 1s);  // Friday is one business day; Saturday and Sunday are none
    EXPECT_EQ(Count("chase 1/2 is due"), 0);
    RunAt(kNextMonday10);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kDue);
}

TEST_F(InstallerFlowTest, NoReplyOnTheFirstChaseSchedulesTheSecondTwoBusinessDaysLater) {
    const long long id = Open("unresponsive");
    RunAt(kWednesday10);
    clock_.Set(kWednesday10 + 1h);

    const Result r = Chase(id, 1, /*replied=*/false);
    RunAt(kWednesday10 + 1h + 48h - 1s);
    const int before = Count("chase 2/2 is due");
    RunAt(kWednesday10 + 1h + 48h);

    EXPECT_EQ(r.outcome, Outcome::kDone);
    EXPECT_EQ(Count("No reply yet (chase 1/2)"), 1);
    EXPECT_EQ(before, 0);
    EXPECT_EQ(Count("chase 2/2 is due"), 1);
    EXPECT_EQ(Get(id).chase_attempt, 2);
}

TEST_F(InstallerFlowTest, NoReplyOnTheSecondChaseMakesTheReferralDueAndStopsChasing) {
    const long long id = Open("unresponsive");
    RunAt(kWednesday10);
    Chase(id, 1, false);
    RunAt(kWednesday10 + 48h);

    const Result r = Chase(id, 2, false);

    EXPECT_EQ(r.outcome, Outcome::kDone);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kReferralDue);
    EXPECT_EQ(Count("no reply after 2/2 chases"), 1);
    EXPECT_EQ(Count(std::string(kReferAction)), 1);
    EXPECT_FALSE(HasTimer(ChaseTimerKey(id)));
}

TEST_F(InstallerFlowTest, AChaseAnswerCountsOnceAndAnOldButtonChangesNothing) {
    const long long id = Open("unresponsive");
    RunAt(kWednesday10);

    const Result first = Chase(id, 1, false);
    const Result again = Chase(id, 1, false);
    const Result replied_late = Chase(id, 1, true);

    EXPECT_EQ(first.outcome, Outcome::kDone);
    EXPECT_EQ(again.outcome, Outcome::kStale);
    EXPECT_EQ(replied_late.outcome, Outcome::kStale);
    EXPECT_EQ(Get(id).chase_attempt, 2);
}

TEST_F(InstallerFlowTest, InstallerRepliedStopsTheChase) {
    const long long id = Open("unresponsive");
    RunAt(kWednesday10);

    const Result r = Chase(id, 1, true);
    RunAt(kWednesday10 + 10 * 24h);

    EXPECT_EQ(r.outcome, Outcome::kDone);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kReplied);
    EXPECT_EQ(Count("the installer replied (chase 1/2)"), 1);
    EXPECT_EQ(Count("chase 2/2 is due"), 0);
}

TEST_F(InstallerFlowTest, InstallerRepliedFromTheRootBeforeAnyChaseCancelsTheFirst) {
    const long long id = Open("unresponsive");

    const Result r = Chase(id, 0, true);
    RunAt(kWednesday10);

    EXPECT_EQ(r.outcome, Outcome::kDone);
    EXPECT_EQ(Count("the installer replied (chase 0/2)"), 1);
    EXPECT_EQ(Count("chase 1/2 is due"), 0);
}

TEST_F(InstallerFlowTest, ChaseButtonsAskTheAuthorizationTable) {
    const long long id = Open("unresponsive");
    RunAt(kWednesday10);

    const Result stranger = Chase(id, 1, false, kStranger);
    const Result raiser = Chase(id, 1, false, kAgent);

    EXPECT_EQ(stranger.outcome, Outcome::kNotAllowed);
    EXPECT_EQ(raiser.outcome, Outcome::kNotAllowed);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kDue);
}

}  // namespace
}  // namespace escbot::commands::installer::test
