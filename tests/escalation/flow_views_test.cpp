#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/draft_messages.hpp"
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

UnfinishedForm Form(long long id, std::string name, std::string step = "Offer a follow-up") {
    return {kT, kT + Seconds(60), std::move(step), "2026.11.1", std::move(name), id};
}

TEST(FlowViews, ResumeModalFitsAndEscalatesNothingTypedByTheAgent) {
    const auto view = ResumeModal({Form(1, LongHostile(500), LongHostile(200))},
                                  kT + Seconds(90), "C0AGENTS01", test::NewYorkCalendar());

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(view));
    EXPECT_EQ(view["callback_id"], "escalation_resume");
    EXPECT_EQ(view["private_metadata"], "C0AGENTS01");
    EXPECT_THAT(view.dump(), HasSubstr("\"initial_option\""));
}

TEST(FlowViews, ResumeModalListsEachDraftWithItsStepAndAgeThenANewOne) {
    const auto view = ResumeModal({Form(7, "Ana \"<!channel>\" & Co"),
                                   Form(3, "", "Verification")},
                                  kT + std::chrono::hours(5), "C1", test::NewYorkCalendar());

    const auto& input = view["blocks"][1];
    EXPECT_EQ(input["block_id"], "resume_choice");
    EXPECT_EQ(input["element"]["type"], "radio_buttons");
    const auto& options = input["element"]["options"];
    ASSERT_EQ(options.size(), 3u);
    EXPECT_EQ(options[0]["value"], "draft:7");
    EXPECT_EQ(options[0]["text"]["text"], "Ana \"<!channel>\" & Co · Offer a follow-up · 5 h");
    EXPECT_EQ(options[1]["value"], "draft:3");
    EXPECT_THAT(options[1]["text"]["text"].get<std::string>(), HasSubstr("no homeowner name yet"));
    EXPECT_EQ(options[2]["value"], "new");
    EXPECT_EQ(input["element"]["initial_option"]["value"], "draft:7");
    const std::string intro = view["blocks"][0]["text"]["text"];
    EXPECT_THAT(intro, HasSubstr("2 unfinished escalation forms"));
    EXPECT_THAT(intro, HasSubstr("*Ana \"&lt;!channel&gt;\" &amp; Co*: at *Offer a follow-up*"));
}

TEST(FlowViews, ResumeModalListsAtMostNineDraftsWithinSlacksLimits) {
    std::vector<UnfinishedForm> forms;
    for (int i = 0; i < 14; ++i) forms.push_back(Form(100 - i, LongHostile(300), LongHostile(300)));

    const auto view = ResumeModal(forms, kT + std::chrono::hours(50), "C1", test::NewYorkCalendar());

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_EQ(view["blocks"][2]["element"]["options"].size(), 10u);
    EXPECT_THAT(view.dump(), HasSubstr("5 older forms are not listed"));
}

TEST(FlowViews, AgeTextRoundsDown) {
    EXPECT_EQ(AgeText(kT, kT), "1 min");
    EXPECT_EQ(AgeText(kT, kT + Seconds(59 * 60 + 59)), "59 min");
    EXPECT_EQ(AgeText(kT, kT + std::chrono::hours(47)), "47 h");
    EXPECT_EQ(AgeText(kT, kT + std::chrono::hours(73)), "3 d");
}

routing::StateValues RadioState(std::string block, std::string action,
                                std::vector<std::string> selected) {
    routing::StateValues state;
    state[block][action] = {"radio_buttons", std::nullopt, std::move(selected), std::nullopt};
    return state;
}

bool Missing(const routing::StateValues& state) {
    return std::holds_alternative<ResumeChoiceMissing>(ResumeChoice(state));
}

TEST(FlowViews, ResumeChoiceReadsADraftOrANewOneAndRejectsAnythingElse) {
    EXPECT_EQ(std::get<std::optional<long long>>(
                  ResumeChoice(RadioState("resume_choice", "resume_choice", {"draft:42"}))),
              std::optional<long long>(42));
    EXPECT_EQ(std::get<std::optional<long long>>(
                  ResumeChoice(RadioState("resume_choice", "resume_choice", {"new"}))),
              std::nullopt);
    EXPECT_TRUE(Missing({}));
    EXPECT_TRUE(Missing(RadioState("resume_choice", "resume_choice", {"evil"})));
    EXPECT_TRUE(Missing(RadioState("resume_choice", "resume_choice", {"draft:"})));
    EXPECT_TRUE(Missing(RadioState("resume_choice", "resume_choice", {"draft:-1"})));
    EXPECT_TRUE(Missing(RadioState("resume_choice", "resume_choice", {"draft:99999999999999999999"})));
    EXPECT_TRUE(Missing(RadioState("resume_choice", "resume_choice", {})));
    EXPECT_TRUE(Missing(RadioState("other", "resume_choice", {"new"})));
}

TEST(FlowViews, DraftExpiredMessageFitsAndEscapesTheName) {
    ExpiredDraft draft{LongHostile(400), LongHostile(200), kT, kT + Seconds(60), "3d"};

    const auto message = DraftExpiredMessage(draft, test::NewYorkCalendar());

    EXPECT_THAT(test::MessageProblems(message), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(message));
    EXPECT_THAT(message.dump(), HasSubstr("no change for 3d"));
    EXPECT_THAT(message.dump(), HasSubstr("/escalate"));
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
    // As the SOP says: the tier answers within the window, then accepts the transfer or not.
    EXPECT_THAT(dump, HasSubstr("seconds to answer, then they accept the transfer or not"));
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
