// Installer complaints after the chase: the referral, the reminders, closure, seed 001's chase,
// durable timers and pinned SOP versions (the first part is installer_flow_test.cpp; the table
// in tests/installer/README.md maps each rule of the seeds to its test).

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
