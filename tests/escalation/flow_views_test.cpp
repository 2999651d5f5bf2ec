#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/escalation/views/flow_modals.hpp"
#include "tests/escalation/view_test_util.hpp"
#include "tests/sop/shipped_sop.hpp"

namespace escbot::commands::escalation::views {
namespace {

using test::LongHostile;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const TimePoint kT = FromUnix(1'795'446'000);

TEST(FlowViews, ResumeModalFitsAndEscalatesNothingTypedByTheAgent) {
    UnfinishedForm form{kT, kT + Seconds(60), "Offer a follow-up", "2026.11.1", LongHostile(500)};

    const auto view = ResumeModal(form, "d:1");

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(view));
    EXPECT_EQ(view["callback_id"], "escalation_resume");
    EXPECT_THAT(view.dump(), HasSubstr("\"initial_option\""));
}

TEST(FlowViews, ResumeChoiceReadsTheRadioAndRejectsAnythingElse) {
    const nlohmann::json state = {
        {"resume_choice",
         {{"resume_choice",
           {{"type", "radio_buttons"}, {"selected_option", {{"value", "start_over"}}}}}}}};
    EXPECT_EQ(ResumeChoice(state), "start_over");
    EXPECT_EQ(ResumeChoice(nlohmann::json::object()), "");
    EXPECT_EQ(ResumeChoice({{"resume_choice",
                             {{"resume_choice", {{"selected_option", {{"value", "evil"}}}}}}}}),
              "");
    EXPECT_EQ(ResumeChoice("not an object"), "");
}

TEST(FlowViews, LiveTransferModalForAPagedTierFits) {
    const auto& sop = test::ShippedSop();
    LiveTransferInfo info;
    info.case_id = "ESC-12";
    info.paged = sop.FindTier("tier2");
    info.users = {"U0TIER2001", "U0TIER2002"};
    info.groups = {"S0LEADS0001"};
    info.skipped = {"Resolution Lead"};

    const auto view = LiveTransferModal(sop, *sop.FindOutcome("live_ladder"), info, "d:1");

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    const std::string dump = view.dump();
    EXPECT_THAT(dump, HasSubstr("Paging Tier 2 now"));
    EXPECT_THAT(dump, HasSubstr("<@U0TIER2001>"));
    EXPECT_THAT(dump, HasSubstr("<!subteam^S0LEADS0001>"));
    EXPECT_THAT(dump, HasSubstr("Skipped, no one on duty: Resolution Lead"));
}

TEST(FlowViews, LiveTransferModalWhenNoOneIsAvailableGivesTheVoicemailInstructions) {
    const auto& sop = test::ShippedSop();
    LiveTransferInfo info;
    info.case_id = "ESC-12";
    info.voicemail = sop.FindTier("voicemail");
    info.follow_up_due = kT + std::chrono::hours(24);

    const auto view = LiveTransferModal(sop, *sop.FindOutcome("live_ladder"), info, "d:1");

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_THAT(view.dump(), HasSubstr("leave a voicemail"));
    EXPECT_THAT(view.dump(), HasSubstr("Follow-up case *ESC-12*"));
}

TEST(FlowViews, AddedToCaseModalFitsWithAHostileLastUpdate) {
    const auto& sop = test::ShippedSop();
    ExistingCaseInfo info{"ESC-3", "Claimed",       "U0LEAD00001",
                          kT,      kT + Seconds(5), LongHostile(5000)};

    const auto view = AddedToCaseModal(*sop.FindOutcome("add_to_existing"), info, "d:1");

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(view));
    EXPECT_THAT(view.dump(), HasSubstr("<@U0LEAD00001>"));
}

TEST(FlowViews, NoteModalsFitAndReadTheirText) {
    const auto update = CaseUpdateModal("ESC-3", "c:3");
    const auto resolve = ResolveCaseModal("ESC-3", "c:3");

    EXPECT_THAT(test::ModalProblems(update), IsEmpty());
    EXPECT_THAT(test::ModalProblems(resolve), IsEmpty());
    EXPECT_EQ(update["callback_id"], "case_update");
    EXPECT_EQ(resolve["callback_id"], "case_resolve_note");
    const nlohmann::json state = {
        {"case_note", {{"case_note", {{"type", "plain_text_input"}, {"value", "hello"}}}}}};
    EXPECT_EQ(CaseNoteText(state), "hello");
    EXPECT_EQ(CaseNoteText({{"case_note", {{"case_note", {{"value", nullptr}}}}}}), "");
}

TEST(FlowViews, NoticeModalFits) {
    EXPECT_THAT(test::ModalProblems(NoticeModal("Escalate", "Done.")), IsEmpty());
}

}  // namespace
}  // namespace escbot::commands::escalation::views
