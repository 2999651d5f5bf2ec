#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/format.hpp"
#include "tests/escalation/view_test_util.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using test::LongHostile;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const TimePoint kT = FromUnix(1'795'446'000);

TEST(FlowViews, ResumeModalFitsAndEscalatesNothingTypedByTheAgent) {
    UnfinishedForm form{kT, kT + Seconds(60), "Offer a follow-up", "2026.11.1", LongHostile(500)};

    const auto view = ResumeModal(form, "d:1", test::NewYorkCalendar());

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(view));
    EXPECT_EQ(view["callback_id"], "escalation_resume");
    EXPECT_EQ(view["private_metadata"], "d:1");
    EXPECT_THAT(view.dump(), HasSubstr("\"initial_option\""));
}

TEST(FlowViews, ResumeModalOffersResumeFirstAndCarriesTheDraft) {
    UnfinishedForm form{kT, kT + Seconds(3600), std::string(150, 'S') + "<b>", "2026.11.1",
                        "Ana \"<!channel>\" & Co"};

    const auto view = ResumeModal(form, "d:42", test::NewYorkCalendar());

    const auto& input = view["blocks"][1];
    EXPECT_EQ(input["block_id"], "resume_choice");
    EXPECT_EQ(input["element"]["type"], "radio_buttons");
    EXPECT_EQ(input["element"]["action_id"], "resume_choice");
    EXPECT_EQ(input["element"]["options"].size(), 2u);
    EXPECT_EQ(input["element"]["initial_option"]["value"], "resume");
    EXPECT_EQ(view["private_metadata"], "d:42");
    EXPECT_THAT(view["blocks"][0]["text"]["text"].get<std::string>(),
                HasSubstr("*Homeowner:* Ana"));
}

routing::StateValues RadioState(std::string block, std::string action,
                                std::vector<std::string> selected) {
    routing::StateValues state;
    state[block][action] = {"radio_buttons", std::nullopt, std::move(selected), std::nullopt};
    return state;
}

TEST(FlowViews, ResumeChoiceReadsTheRadioAndRejectsAnythingElse) {
    EXPECT_EQ(ResumeChoice(RadioState("resume_choice", "resume_choice", {"start_over"})),
              "start_over");
    EXPECT_EQ(ResumeChoice(RadioState("resume_choice", "resume_choice", {"resume"})), "resume");
    EXPECT_EQ(ResumeChoice({}), "");
    EXPECT_EQ(ResumeChoice(RadioState("resume_choice", "resume_choice", {"evil"})), "");
    EXPECT_EQ(ResumeChoice(RadioState("resume_choice", "resume_choice", {})), "");
    EXPECT_EQ(ResumeChoice(RadioState("other", "resume_choice", {"resume"})), "");
}

TEST(FlowViews, LiveTransferModalForAPagedTierFits) {
    const auto& sop = test::ShippedSop();
    LiveTransferInfo info;
    info.case_id = "ESC-12";
    info.paged = sop.FindTier("tier2");
    info.users = {"U0TIER2001", "U0TIER2002"};
    info.groups = {"S0LEADS0001"};
    info.skipped = {"Resolution Lead"};

    const auto view = LiveTransferModal(sop, *sop.FindOutcome("live_ladder"), info, "d:1",
                                        test::NewYorkCalendar());

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

    const auto view = LiveTransferModal(sop, *sop.FindOutcome("live_ladder"), info, "d:1",
                                        test::NewYorkCalendar());

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_THAT(view.dump(), HasSubstr("leave a voicemail"));
    EXPECT_THAT(view.dump(), HasSubstr("Follow-up case *ESC-12*"));
}

TEST(FlowViews, AddedToCaseModalFitsWithAHostileLastUpdate) {
    const auto& sop = test::ShippedSop();
    ExistingCaseInfo info{"ESC-3", "Claimed",       "U0LEAD00001",
                          kT,      kT + Seconds(5), LongHostile(5000)};

    const auto view =
        AddedToCaseModal(*sop.FindOutcome("add_to_existing"), info, "d:1", test::NewYorkCalendar());

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
    routing::StateValues state;
    state["case_note"]["case_note"] = {"plain_text_input", "hello", {}, std::nullopt};
    EXPECT_EQ(CaseNoteText(state), "hello");
    state["case_note"]["case_note"].value.reset();
    EXPECT_EQ(CaseNoteText(state), "");
    EXPECT_EQ(CaseNoteText({}), "");
}

TEST(FlowViews, NoticeModalFits) {
    EXPECT_THAT(test::ModalProblems(NoticeModal("Escalate", "Done.")), IsEmpty());
}

}  // namespace
}  // namespace escbot::commands::escalation::views
