#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/slack/json_writer.hpp"
#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/format.hpp"
#include "tests/escalation/view_test_util.hpp"
#include "tests/sop/shipped_sop.hpp"

namespace escbot::commands::escalation::views {
namespace {

using test::LongHostile;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const TimePoint kT = FromUnix(1'795'446'000);

nlohmann::json ResumeModal(const UnfinishedForm& form, std::string_view private_metadata) {
    slack::JsonWriter out;
    WriteResumeModal(out, form, private_metadata);
    return nlohmann::json::parse(out.Take());
}

TEST(FlowViews, ResumeModalFitsAndEscalatesNothingTypedByTheAgent) {
    UnfinishedForm form{kT, kT + Seconds(60), "Offer a follow-up", "2026.11.1", LongHostile(500)};

    const auto view = ResumeModal(form, "d:1");

    EXPECT_THAT(test::ModalProblems(view), IsEmpty());
    EXPECT_TRUE(test::NoLiveInjection(view));
    EXPECT_EQ(view["callback_id"], "escalation_resume");
    EXPECT_EQ(view["private_metadata"], "d:1");
    EXPECT_THAT(view.dump(), HasSubstr("\"initial_option\""));
}

// The resume modal is written without the Block Kit builders (it opens on every repeated
// /escalate); it must be exactly what they would build.
TEST(FlowViews, ResumeModalIsWhatTheBlockKitBuildersMake) {
    namespace bk = block_kit;
    for (const std::string& name : {std::string(), std::string("Ana \"<!channel>\" & Co\n\t\x01"),
                                   LongHostile(500)}) {
        UnfinishedForm form{kT, kT + Seconds(3600), std::string(150, 'S') + "<b>",
                            "2026.11.1", name};
        std::string text = "*You have an escalation form you did not finish.*\nStarted " +
                           SlackDate(form.started_at) + ", last saved " +
                           SlackDate(form.saved_at) + ", at *" +
                           bk::EscapeAndTruncate(form.step_title, 100) + "* (SOP " +
                           bk::EscapeAndTruncate(form.sop_version, 64) + ").";
        if (!name.empty()) text += "\n*Homeowner:* " + bk::EscapeAndTruncate(name, 200);
        const std::vector<nlohmann::json> options = {
            bk::Option("Resume where I left off", "resume"),
            bk::Option("Start over (discard the unfinished form)", "start_over")};
        bk::ModalSpec spec;
        spec.title = "Escalate";
        spec.submit = "Continue";
        spec.close = "Cancel";
        spec.callback_id = "escalation_resume";
        spec.private_metadata = "d:42";
        spec.blocks = nlohmann::json::array(
            {bk::Section(text, "resume_intro"),
             bk::Input("resume_choice", "What do you want to do?",
                       bk::RadioButtons("resume_choice", options, std::size_t{0}))});
        const nlohmann::json built = bk::Modal(std::move(spec));

        slack::JsonWriter out;
        WriteResumeModal(out, form, "d:42");
        const std::string written = out.Take();

        EXPECT_EQ(nlohmann::json::parse(written), built) << written;
        EXPECT_EQ(written.find('\n'), std::string::npos);  // compact, escaped
    }
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
