#include <vector>

#include <gtest/gtest.h>

#include "bot/slack/json_text.hpp"
#include "bot/slack/rendered_parts.hpp"
#include "commands/escalation/views/step_modal.hpp"
#include "tests/escalation_views/view_fixtures.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using config::sop::Sop;
using config::sop::Step;
using nlohmann::json;
using slack::RenderedParts;
using slack::ToJsonText;

// A step modal with reused parts must reach Slack byte for byte as the one built whole: these
// render every screen of the shipped SOP both ways, with one cache across answers and facts that
// change, so a part cached when it depends on them would show as a difference.
class StepModalPartsTest : public ::testing::Test {
protected:
    const Sop& sop_ = test::ShippedSop();
    const std::vector<ExistingCaseInfo> cases_{
        {"42", "Claimed", "U0LEAD1", FromUnix(1'700'000'000), std::nullopt, "Called back"}};
    RenderedParts parts_;

    json Render(const Step& step, const flow::Answers& answers, const flow::Facts& facts,
                bool with_back, RenderedParts* parts) {
        return StepModal(sop_, step, answers, "draft:17", test::NewYorkCalendar(), facts, &cases_,
                         with_back, parts);
    }

    static std::size_t WrittenBlocks(const json& view) {
        std::size_t written = 0;
        for (const json& block : view["blocks"]) written += block.is_binary() ? 1 : 0;
        return written;
    }
};

TEST_F(StepModalPartsTest, ShippedSopHasAFingerprintToKeyPartsBy) {
    EXPECT_FALSE(sop_.fingerprint.empty());
}

TEST_F(StepModalPartsTest, EveryScreenIsWrittenAsTheWholeViewIs) {
    flow::Facts with_cases;
    with_cases.open_case_exists = true;
    with_cases.open_cases = {{"42", "ESC-42 (claimed)"}, {"43", "ESC-43 (open)"}};
    flow::Facts other_cases;
    other_cases.open_cases = {{"44", "ESC-44 (open)"}};
    const std::vector<flow::Answers> answer_sets{flow::Answers::object(),
                                                 test::PlausibleAnswers(sop_),
                                                 test::MaximalAnswers(sop_),
                                                 flow::Answers::object()};
    for (const flow::Answers& answers : answer_sets) {
        for (const flow::Facts* facts : {&with_cases, &other_cases}) {
            for (const Step& step : sop_.steps) {
                for (const bool with_back : {false, true}) {
                    const std::string whole =
                        ToJsonText(Render(step, answers, *facts, with_back, nullptr));
                    EXPECT_EQ(ToJsonText(Render(step, answers, *facts, with_back, &parts_)), whole)
                        << step.id << " answers " << answers.dump();
                }
            }
        }
    }
    EXPECT_GT(parts_.size(), sop_.steps.size());
}

TEST_F(StepModalPartsTest, UnansweredInputsNotesAndBackAreReused) {
    const Step& first = sop_.steps.front();
    const json whole = Render(first, flow::Answers::object(), {}, true, nullptr);
    Render(first, flow::Answers::object(), {}, true, &parts_);

    const json reused = Render(first, flow::Answers::object(), {}, true, &parts_);

    EXPECT_EQ(WrittenBlocks(whole), 0u);
    EXPECT_EQ(WrittenBlocks(reused), reused["blocks"].size());
}

TEST_F(StepModalPartsTest, AnAnsweredInputIsBuiltEachTime) {
    const Step& first = sop_.steps.front();
    flow::Answers answers = flow::Answers::object();
    answers[first.questions.front().id] = first.questions.front().options.empty()
                                              ? json("typed")
                                              : json(first.questions.front().options.front().value);

    const json view = Render(first, answers, {}, false, &parts_);

    EXPECT_EQ(WrittenBlocks(view), view["blocks"].size() - 1);
}

}  // namespace
}  // namespace escbot::commands::escalation::views
