// Which draft /escalate opens (several per agent, one per homeowner), the path Back follows, and
// the Back button on the screens after the first.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/escalation/draft_selection.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow/path.hpp"
#include "commands/escalation/views/step_modal.hpp"
#include "tests/escalation/view_test_util.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation {
namespace {

using ::testing::IsEmpty;

views::UnfinishedForm Form(long long id, std::string name) {
    views::UnfinishedForm form;
    form.draft_id = id;
    form.homeowner_name = std::move(name);
    form.step_title = "Offer a follow-up";
    return form;
}

TEST(DraftSelection, ANameResumesThatHomeownersNewestDraft) {
    const std::vector<views::UnfinishedForm> forms = {Form(9, "John Smith"),
                                                      Form(4, "Jane Q. Homeowner"),
                                                      Form(2, "Jane Q. Homeowner")};

    const EscalateChoice choice = ChooseForEscalate(forms, "jane q homeowner");

    EXPECT_EQ(choice.kind, EscalateChoice::Kind::kResume);
    EXPECT_EQ(choice.draft_id, 4);
    EXPECT_EQ(ChooseForEscalate(forms, "JOHN  SMITH").draft_id, 9);
}

TEST(DraftSelection, ANameWithNoDraftStartsANewOne) {
    const std::vector<views::UnfinishedForm> forms = {Form(9, "John Smith"), Form(4, "")};

    EXPECT_EQ(ChooseForEscalate(forms, "Mary Major").kind, EscalateChoice::Kind::kStartNew);
    EXPECT_EQ(ChooseForEscalate({}, "Mary Major").kind, EscalateChoice::Kind::kStartNew);
}

TEST(DraftSelection, NoNameListsTheDraftsOrStartsANewOneWhenThereAreNone) {
    EXPECT_EQ(ChooseForEscalate({Form(1, "Ann")}, "").kind, EscalateChoice::Kind::kPick);
    EXPECT_EQ(ChooseForEscalate({Form(1, "Ann")}, " ,. ").kind, EscalateChoice::Kind::kPick);
    EXPECT_EQ(ChooseForEscalate({}, "").kind, EscalateChoice::Kind::kStartNew);
}

TEST(DraftSelection, SameHomeownerUsesTheExistingCaseMatchingAndNeverMatchesBlanks) {
    EXPECT_TRUE(SameHomeowner("Jane  Doe", "jane doe"));
    EXPECT_TRUE(SameHomeowner("Jane-Doe", "JANE DOE."));
    EXPECT_FALSE(SameHomeowner("Jane Doe", "John Doe"));
    EXPECT_FALSE(SameHomeowner("", ""));
    EXPECT_FALSE(SameHomeowner("...", "!!"));
}

TEST(DraftPath, MovingOnAddsTheStepLeftAndARedrawAddsNothing) {
    std::vector<std::string> path = flow::PathAfterMove({}, "qualify", "offer_follow_up");
    path = flow::PathAfterMove(path, "offer_follow_up", "offer_follow_up");
    path = flow::PathAfterMove(path, "offer_follow_up", "verification");

    EXPECT_EQ(path, (std::vector<std::string>{"qualify", "offer_follow_up"}));
}

TEST(DraftPath, BackReturnsToTheLastStepShownAndPassesOverStepsTheSopLacks) {
    const auto& sop = test::ShippedSop();

    const auto back = flow::StepBack(sop, {"qualify", "offer_follow_up", "gone_step"});

    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->step, "offer_follow_up");
    EXPECT_EQ(back->path, std::vector<std::string>{"qualify"});
    EXPECT_FALSE(flow::StepBack(sop, {}).has_value());
    EXPECT_FALSE(flow::StepBack(sop, {"gone_step"}).has_value());
}

// The engine knows the path a flow takes: Back then Next again follows the routes from the
// step gone back to, and the answers of the later screen are kept for when it shows again.
TEST(DraftPath, BackThenNextKeepsTheAnswersOfTheLaterScreen) {
    const auto& sop = test::ShippedSop();
    flow::Answers answers = {{"origin", "homeowner"},       {"asked_for_lead", "yes"},
                             {"homeowner_name", "Jane Doe"}, {"property_address", "1 Elm St"},
                             {"interaction_id", "CX-1"},     {"agrees_to_wait", "yes"},
                             {"email_status", "none"}};

    const flow::FlowResult again =
        flow::Submit(sop, "offer_follow_up", answers, {{"agrees_to_wait", "yes"}}, {});

    ASSERT_EQ(again.kind, flow::FlowResult::Kind::kScreen);
    EXPECT_EQ(again.step->id, "verification");
    EXPECT_EQ(again.answers["email_status"], "none");
}

TEST(StepModalBack, OnlyScreensAfterTheFirstHaveBack) {
    const auto& sop = test::ShippedSop();
    const auto* offer = sop.FindStep("offer_follow_up");

    const auto first = views::StepModal(sop, *sop.FindStep("qualify"), {}, "d:1", test::NewYorkCalendar());
    const auto later = views::StepModal(sop, *offer, {}, "d:1", test::NewYorkCalendar(), {}, nullptr, true);

    EXPECT_EQ(first.dump().find("escalation_back"), std::string::npos);
    const auto& nav = later["blocks"].back();
    EXPECT_EQ(nav["block_id"], "step_nav");
    EXPECT_EQ(nav["elements"][0]["action_id"], "escalation_back");
    EXPECT_EQ(nav["elements"][0]["value"], "offer_follow_up");
    EXPECT_THAT(test::ModalProblems(later), IsEmpty());
}

TEST(StepModalDates, ADateQuestionIsADatePickerPrefilledFromItsAnswer) {
    const auto& sop = test::ShippedSop();
    const auto* step = sop.FindStep("sales_rep");

    const auto view = views::StepModal(sop, *step, {{"rep_first_visit_on", "2026-04-15"}}, "d:1",
                                       test::NewYorkCalendar());

    bool found = false;
    for (const auto& block : view["blocks"]) {
        if (block.value("block_id", "") != "q_rep_first_visit_on") continue;
        found = true;
        EXPECT_EQ(block["element"]["type"], "datepicker");
        EXPECT_EQ(block["element"]["initial_date"], "2026-04-15");
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace escbot::commands::escalation
