#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/views/ids.hpp"
#include "commands/escalation/views/state_values.hpp"
#include "commands/escalation/views/step_modal.hpp"
#include "config/sop/sop_validator.hpp"
#include "tests/escalation_views/view_fixtures.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using block_kit::CheckLimits;
using block_kit::Surface;
using config::sop::Question;
using config::sop::Sop;
using config::sop::Step;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class StepModalTest : public ::testing::Test {
protected:
    const Sop& sop_ = test::ShippedSop();
    const ExistingCaseInfo existing_{
        "42", "Claimed", "U0LEAD1", FromUnix(1'700'000'000), FromUnix(1'700'086'400),
        test::kHostile + std::string(5000, 'u')};

    json Render(const Step& step, const flow::Answers& answers) {
        return StepModal(sop_, step, answers, "draft:17", test::NewYorkCalendar(), {}, &existing_);
    }

    /// The input block for a question in a rendered view.
    static json InputFor(const json& view, std::string_view question_id) {
        for (const json& block : view["blocks"]) {
            if (block.value("block_id", "") == ids::QuestionBlockId(question_id)) return block;
        }
        return nullptr;
    }
};

TEST_F(StepModalTest, EveryScreenPassesSlackLimitsWithPlausibleAnswers) {
    const flow::Answers answers = test::PlausibleAnswers(sop_);
    for (const Step& step : sop_.steps) {
        const json view = Render(step, answers);

        EXPECT_THAT(CheckLimits(view, Surface::kModal), IsEmpty()) << step.id;
        EXPECT_LE(view["blocks"].size(), config::sop::ScreenBlockBudget(step)) << step.id;
    }
}

TEST_F(StepModalTest, EveryScreenPassesSlackLimitsWithMaximalAnswers) {
    const flow::Answers answers = test::MaximalAnswers(sop_);
    for (const Step& step : sop_.steps) {
        EXPECT_THAT(CheckLimits(Render(step, answers), Surface::kModal), IsEmpty()) << step.id;
    }
}

TEST_F(StepModalTest, EveryScreenPassesSlackLimitsWithNoAnswers) {
    for (const Step& step : sop_.steps) {
        EXPECT_THAT(
            CheckLimits(StepModal(sop_, step, {}, "1", test::NewYorkCalendar()), Surface::kModal),
            IsEmpty())
            << step.id;
    }
}

TEST_F(StepModalTest, InputBlockIdsComeFromQuestionIdsAndStayStableAcrossRenders) {
    const Step& step = *sop_.FindStep("verification");

    const json first = Render(step, {{"email_status", "none"}});
    const json second = Render(step, {{"email_status", "none"}, {"rep_created_email", "yes"},
                                      {"callback_phone", "5551234567"}});

    std::vector<std::string> first_ids, second_ids;
    for (const json& b : first["blocks"]) first_ids.push_back(b.value("block_id", ""));
    for (const json& b : second["blocks"]) second_ids.push_back(b.value("block_id", ""));
    EXPECT_EQ(first_ids, second_ids);
    EXPECT_EQ(std::set<std::string>(first_ids.begin(), first_ids.end()).size(), first_ids.size());
    for (const Question* q : flow::VisibleQuestions(sop_, step, {{"email_status", "none"}})) {
        const json input = InputFor(first, q->id);
        ASSERT_FALSE(input.is_null()) << q->id;
        EXPECT_EQ(input["element"]["action_id"], ids::kAnswerActionId);
    }
}

TEST_F(StepModalTest, CallbackIdIsStableAndMetadataIsPassedThrough) {
    const json view = Render(*sop_.FindStep("qualify"), {});

    EXPECT_EQ(view["callback_id"], ids::kStepCallbackId);
    EXPECT_EQ(view["private_metadata"], "draft:17");
    EXPECT_EQ(view["title"]["text"], "Escalate: qualify");
    EXPECT_EQ(view["submit"]["text"], "Next");
}

TEST_F(StepModalTest, QualifyScreenShowsTheGuardrailAndOffersFourteenQualifiersInAMultiSelect) {
    const json view = Render(*sop_.FindStep("qualify"), {});

    EXPECT_THAT(view["blocks"][0]["text"]["text"].get<std::string>(),
                HasSubstr("never OFFER to escalate"));
    const json qualifiers = InputFor(view, "qualifiers");
    EXPECT_EQ(qualifiers["element"]["type"], "multi_static_select");
    EXPECT_EQ(qualifiers["element"]["options"].size(), 14u);
    EXPECT_EQ(qualifiers["optional"], true);
    EXPECT_EQ(InputFor(view, "origin")["element"]["type"], "radio_buttons");
    EXPECT_EQ(InputFor(view, "asked_for_lead")["element"]["type"], "radio_buttons");
    EXPECT_EQ(InputFor(view, "homeowner_name")["optional"], false);
}

TEST_F(StepModalTest, EachKindGetsItsElement) {
    const flow::Answers answers = test::PlausibleAnswers(sop_);

    const json verification = Render(*sop_.FindStep("verification"), answers);
    const json system = Render(*sop_.FindStep("system"), answers);
    const json closing = Render(*sop_.FindStep("closing"), answers);

    EXPECT_EQ(InputFor(verification, "email")["element"]["type"], "email_text_input");
    EXPECT_EQ(InputFor(verification, "callback_phone")["element"]["type"], "plain_text_input");
    EXPECT_EQ(InputFor(verification, "callback_phone")["element"]["max_length"], 32);
    EXPECT_EQ(InputFor(verification, "concern_types")["element"]["type"], "checkboxes");
    EXPECT_EQ(InputFor(verification, "email_status")["element"]["type"], "radio_buttons");
    EXPECT_EQ(InputFor(system, "installed_on")["element"]["type"], "datepicker");
    EXPECT_EQ(InputFor(system, "installed_on")["element"]["initial_date"], "2026-03-14");
    EXPECT_EQ(InputFor(closing, "main_concern")["element"]["multiline"], true);
    EXPECT_EQ(InputFor(closing, "main_concern")["element"]["max_length"], 3000);
}

TEST_F(StepModalTest, InputsOtherQuestionsDependOnDispatchActions) {
    const json view = Render(*sop_.FindStep("verification"), {});

    EXPECT_EQ(InputFor(view, "email_status").value("dispatch_action", false), true);
    EXPECT_EQ(InputFor(view, "concern_types").value("dispatch_action", false), false);
}

TEST_F(StepModalTest, HiddenQuestionsAreNotRendered) {
    const json view = Render(*sop_.FindStep("verification"), {{"email_status", "none"}});

    EXPECT_TRUE(InputFor(view, "email").is_null());
    EXPECT_FALSE(InputFor(view, "rep_created_email").is_null());
}

TEST_F(StepModalTest, StateValuesRoundTripToTheAnswers) {
    const flow::Answers answers = test::PlausibleAnswers(sop_);
    for (const Step& step : sop_.steps) {
        const json view = Render(step, answers);

        const flow::Answers parsed = ParseStateValues(sop_, test::SimulatedStateValues(view));

        flow::Answers expected = flow::Answers::object();
        for (const Question* q : flow::VisibleQuestions(sop_, step, answers)) {
            expected[q->id] = answers[q->id];
        }
        EXPECT_EQ(flow::MergeAnswers({}, parsed), expected) << step.id;
    }
}

TEST_F(StepModalTest, EmptyInputsParseAsNullSoTheEngineSeesThemOnScreen) {
    const json view = Render(*sop_.FindStep("qualify"), {});

    const flow::Answers parsed = ParseStateValues(sop_, test::SimulatedStateValues(view));

    EXPECT_EQ(parsed.size(), 6u);
    EXPECT_TRUE(parsed["homeowner_name"].is_null());
    EXPECT_TRUE(parsed["origin"].is_null());
}

TEST_F(StepModalTest, ParsingIgnoresUnknownBlocksAndElementTypes) {
    routing::StateValues state;
    state["q_ghost"]["escalation_answer"] = {"plain_text_input", "x", {}, std::nullopt};
    state["other"]["other"] = {"plain_text_input", "y", {}, std::nullopt};
    state["q_homeowner_name"]["escalation_answer"] = {"rich_text_input", "z", {}, std::nullopt};

    const flow::Answers parsed = ParseStateValues(sop_, state);

    EXPECT_FALSE(parsed.contains("ghost"));
    EXPECT_EQ(parsed.size(), 1u);
    EXPECT_TRUE(parsed["homeowner_name"].is_null());
    EXPECT_TRUE(ParseStateValues(sop_, {}).empty());
}

TEST_F(StepModalTest, ValidationErrorsAreKeyedByBlockId) {
    const json response = ErrorsResponse({{"email", "Enter an email address."}});

    EXPECT_EQ(response, json({{"response_action", "errors"},
                              {"errors", {{"q_email", "Enter an email address."}}}}));
}

TEST_F(StepModalTest, ExistingCaseScreenShowsStatusAndEscapedLastUpdate) {
    const json view = Render(*sop_.FindStep("existing_case"), {});

    const std::string panel = view["blocks"][0]["text"]["text"];
    const std::string update = view["blocks"][1]["text"]["text"];
    EXPECT_THAT(panel, HasSubstr("*Status:* Claimed"));
    EXPECT_THAT(panel, HasSubstr("<@U0LEAD1>"));
    EXPECT_THAT(update, HasSubstr("<!date^1700086400^"));
    EXPECT_THAT(update, HasSubstr("&lt;!channel&gt;"));
    EXPECT_THAT(update, ::testing::Not(HasSubstr("<!channel>")));
    const json choice = InputFor(view, "existing_case_action");
    EXPECT_EQ(choice["element"]["options"][0]["value"], "add_to_existing");
    EXPECT_EQ(choice["element"]["options"][1]["value"], "open_new");
}

TEST_F(StepModalTest, ExistingCaseNeverUpdatedSaysSo) {
    ExistingCaseInfo info{"42", "Open", "", std::nullopt, std::nullopt, ""};

    const json view = StepModal(sop_, *sop_.FindStep("existing_case"), {}, "1",
                                test::NewYorkCalendar(), {}, &info);

    EXPECT_THAT(view["blocks"][1]["text"]["text"].get<std::string>(), HasSubstr("not been updated"));
    EXPECT_THAT(CheckLimits(view, Surface::kModal), IsEmpty());
}

}  // namespace
}  // namespace escbot::commands::escalation::views
