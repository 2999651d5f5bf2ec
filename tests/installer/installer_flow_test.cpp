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

// --- Referral ------------------------------------------------------------------------------------------

TEST_F(InstallerFlowTest, TheReferralIsRecordedWithItsTextAndOnlyWhenDue) {
    const long long id = Open("unresponsive");
    const nlohmann::json answers = {{"recent_communications", "None since October."},
                                    {"addressed", "No."},
                                    {"make_it_right", "Unknown."}};

    const Result early = Act([&](auto& u, const FlowEnv& env) { return Refer(u, env, id, kBackOffice, answers); });
    RunAt(kWednesday10);
    Chase(id, 1, false);
    RunAt(kWednesday10 + 48h);
    Chase(id, 2, false);
    const Result due = Act([&](auto& u, const FlowEnv& env) { return Refer(u, env, id, kBackOffice, answers); });

    EXPECT_EQ(early.outcome, Outcome::kStale);
    EXPECT_EQ(due.outcome, Outcome::kDone);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kReferred);
    EXPECT_EQ(Get(id).referral, answers);
    EXPECT_EQ(Count("Referral to the account manager and the sales manager recorded"), 1);
    EXPECT_EQ(Count("None since October."), 1);
    EXPECT_EQ(Count("How did the sale occur"), 0);
}

TEST_F(InstallerFlowTest, FraudRelatedReferralsAskTheSaleQuestions) {
    const long long id = Open("vulgar_activity");
    RunAt(kWednesday10);
    Chase(id, 1, false);
    RunAt(kWednesday10 + 48h);
    Chase(id, 2, false);

    Act([&](auto& u, const FlowEnv& env) {
        return Refer(u, env, id, kBackOffice, {{"sale_how", "In person."}});
    });

    EXPECT_EQ(Count("How did the sale occur (in person, remote, phone)?"), 1);
}

// --- Reminders ------------------------------------------------------------------------------------------

TEST_F(InstallerFlowTest, TheOwnerIsRemindedOnceOneWeekAfterOpening) {
    const long long id = Open("rude");
    Chase(id, 0, true);  // no chase messages in the way

    RunAt(kNextMonday10 - 1s);
    EXPECT_EQ(Count("one week since this case opened"), 0);
    RunAt(kNextMonday10);
    RunAt(kNextMonday10 + 14 * 24h);

    EXPECT_EQ(Count("one week since this case opened"), 1);
    EXPECT_EQ(Count("<@U0BACKOFF01>: one week since"), 1);  // unclaimed: the back office
}

TEST_F(InstallerFlowTest, ConcertCommitmentIsDueEveryWeekUntilThePartnerGivesAnUpdate) {
    const long long id = Open("damage", "concert");
    Chase(id, 0, true);

    RunAt(kNextMonday10);
    RunAt(kNextMonday10 + 7 * 24h);
    const Result r = Act([&](auto& u, const FlowEnv& env) { return PartnerUpdated(u, env, id, kBackOffice); });
    RunAt(kNextMonday10 + 21 * 24h);

    EXPECT_EQ(r.outcome, Outcome::kDone);
    EXPECT_EQ(Count("weekly commitment update due"), 2);
    EXPECT_EQ(Count("Green Tech Renewables gave an update"), 1);
    EXPECT_FALSE(HasTimer(CommitmentTimerKey(id)));
}

TEST_F(InstallerFlowTest, EverBrightHasNoWeeklyCommitment) {
    const long long id = Open("damage", "everbright");

    RunAt(kNextMonday10 + 21 * 24h);

    EXPECT_FALSE(HasTimer(CommitmentTimerKey(id)));
    EXPECT_EQ(Count("weekly commitment update due"), 0);
}

// --- Closure -------------------------------------------------------------------------------------------

TEST_F(InstallerFlowTest, ClosingNeedsCommentsAndStopsEveryTimer) {
    const long long id = Open("damage", "concert");

    const Result blank = Act([&](auto& u, const FlowEnv& env) { return Close(u, env, id, kBackOffice, "  \n "); });
    const Result stranger = Act([&](auto& u, const FlowEnv& env) { return Close(u, env, id, kStranger, "x"); });
    const Result closed = Act([&](auto& u, const FlowEnv& env) {
        return Close(u, env, id, kBackOffice, "Installer made contact; homeowner satisfied.");
    });
    RunAt(kNextMonday10 + 30 * 24h);

    EXPECT_EQ(blank.outcome, Outcome::kInvalid);
    EXPECT_EQ(stranger.outcome, Outcome::kNotAllowed);
    EXPECT_EQ(closed.outcome, Outcome::kDone);
    EXPECT_EQ(Get(id).status, Status::kClosed);
    EXPECT_EQ(Get(id).closure_comments, "Installer made contact; homeowner satisfied.");
    EXPECT_EQ(fired_, 0);
    EXPECT_FALSE(HasTimer(ChaseTimerKey(id)));
    EXPECT_FALSE(HasTimer(OwnerReminderTimerKey(id)));
    EXPECT_FALSE(HasTimer(CommitmentTimerKey(id)));
    EXPECT_EQ(Count("Closed by <@U0BACKOFF01>."), 1);  // the thread (the root says it too)
}

// --- Seed 001: the unresponsive installer ------------------------------------------------------------

TEST_F(InstallerFlowTest, Seed001ChasesTheAccountManagerTwiceThenClosesOnConfirmation) {
    const long long id = Open("no_confirmation");

    RunAt(kWednesday10);
    Chase(id, 1, false);
    RunAt(kWednesday10 + 48h);
    const Result replied = Chase(id, 2, true);

    EXPECT_EQ(Count("Email the account manager again"), 2);
    EXPECT_EQ(Count("chase 1/2 is due"), 1);
    EXPECT_EQ(Count("chase 2/2 is due"), 1);
    EXPECT_EQ(replied.outcome, Outcome::kDone);
    EXPECT_EQ(Count("Close the case when: The installer confirmed receipt."), 1);
    const auto events = Events(id);
    std::vector<std::string> kinds;
    for (const auto& e : events) kinds.push_back(e.kind + ":" + std::to_string(e.attempt));
    EXPECT_EQ(kinds, (std::vector<std::string>{"opened:0", "chase_due:1", "no_reply:1", "chase_due:2",
                                               "installer_replied:2"}));
}

// --- Durable timers --------------------------------------------------------------------------------------

TEST_F(InstallerFlowTest, ARestartInTheMiddleOfTheWaitFiresTheChaseOnce) {
    const long long id = Open("unresponsive");
    RunAt(kMonday10 + 24h);

    Boot();  // a new process: the timer is a row, the SOP version comes back from the database
    RunAt(kWednesday10);
    RunAt(kWednesday10 + 1h);
    Boot();
    RunAt(kWednesday10 + 2h);

    EXPECT_EQ(Count("chase 1/2 is due"), 1);
    EXPECT_EQ(Get(id).chase_state, ChaseState::kDue);
}

TEST_F(InstallerFlowTest, AComplaintKeepsTheCadenceOfTheVersionItOpenedUnder) {
    // The SOP file moves on to three attempts while a complaint opened under two is running.
    const auto sop_dir = dir_.path() / "sop";
    std::filesystem::create_directories(sop_dir);
    settings_.escalation.sop_file = (sop_dir / "escalation.toml").string();
    std::string text = escbot::test::ReadFile(escbot::test::SourceDir() / "config/sop/installer_complaints.toml");
    std::ofstream(sop_dir / "installer_complaints.toml") << text;
    const long long old_id = Open("unresponsive");
    const auto edit = [&](const std::string& from, const std::string& to) {
        text.replace(text.find(from), from.size(), to);
    };
    edit("version = \"2026.12.1\"", "version = \"2026.12.9\"");
    edit("attempts = 2", "attempts = 3");
    std::ofstream(sop_dir / "installer_complaints.toml", std::ios::trunc) << text;
    const long long new_id = Submit(Answers("unresponsive", "everbright", "John Roe")).complaint.id;
    Boot();  // and the process restarts: the old version comes back from the database

    RunAt(kWednesday10);
    Chase(old_id, 1, false);
    Chase(new_id, 1, false);
    RunAt(kWednesday10 + 48h);
    Chase(old_id, 2, false);
    Chase(new_id, 2, false);

    EXPECT_EQ(Get(old_id).sop_version, "2026.12.1");
    EXPECT_EQ(Get(new_id).sop_version, "2026.12.9");
    EXPECT_EQ(Get(old_id).chase_state, ChaseState::kReferralDue);
    EXPECT_EQ(Get(new_id).chase_state, ChaseState::kWaiting);
    EXPECT_EQ(Get(new_id).chase_attempt, 3);
}

TEST_F(InstallerFlowTest, ABadSopFileKeepsTheVersionLoadedBeforeAndWithoutOneNothingStarts) {
    const auto sop_dir = dir_.path() / "sop";
    std::filesystem::create_directories(sop_dir);
    settings_.escalation.sop_file = (sop_dir / "escalation.toml").string();
    const auto current = [&] {
        return store_->Write([&](storage::UnitOfWork& u) { return sops_->Current(u, settings_, clock_.Now()); });
    };

    std::ofstream(sop_dir / "installer_complaints.toml") << "[sop]\nid = \"installer_complaints\"\n";
    const auto none = current();
    std::ofstream(sop_dir / "installer_complaints.toml", std::ios::trunc)
        << escbot::test::ReadFile(escbot::test::SourceDir() / "config/sop/installer_complaints.toml");
    const auto good = current();
    std::ofstream(sop_dir / "installer_complaints.toml", std::ios::trunc) << "not toml = = =";
    const auto kept = current();

    EXPECT_EQ(none, nullptr);
    ASSERT_NE(good, nullptr);
    EXPECT_EQ(kept, good);
}

}  // namespace
}  // namespace escbot::commands::installer::test
