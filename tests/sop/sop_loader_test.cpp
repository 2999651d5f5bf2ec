#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/sop/sop_lint.hpp"
#include "config/sop/sop_loader.hpp"
#include "config/sop/sop_validator.hpp"
#include "tests/support/paths.hpp"

namespace escbot::config::sop {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;

// A small valid SOP; each test breaks it in one place.
constexpr std::string_view kMinimalSop = R"(
[sop]
id = "escalation"
version = "t.1"
effective_date = 2026-01-01
first_step = "start"

[[sections]]
id = "main"
title = "Main"

[notes.tip]
kind = "tip"
text = "Be kind."

[[steps]]
id = "start"
title = "Start"
section = "main"
notes = ["tip"]

  [[steps.questions]]
  id = "origin"
  kind = "single_choice"
  label = "Who is escalating?"
  options = [ { value = "homeowner", label = "Homeowner" } ]

  [[steps.questions]]
  id = "name"
  kind = "short_text"
  label = "Name"

  [[steps.questions]]
  id = "address"
  kind = "short_text"
  label = "Address"

  [[steps.routes]]
  when = { question = "origin", equals = "homeowner" }
  next = "details"

  [[steps.routes]]
  outcome = "done"

[[steps]]
id = "details"
title = "Details"
section = "main"
outcome = "done"

  [[steps.questions]]
  id = "notes"
  kind = "long_text"
  label = "Notes"

[outcomes.done]
kind = "follow_up"
title = "Done"
advice = "Done."
request_type = "Complaints"
follow_up_hours = 24

[fields]
origin = "origin"
homeowner_name = "name"
property_address = "address"
)";

/// The minimal SOP with `from` replaced by `to` (which must occur).
std::string Variant(std::string_view from, std::string_view to) {
    std::string text(kMinimalSop);
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "fixture lacks: " << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

std::vector<std::string> ErrorLines(const SopLoadResult& result) {
    std::vector<std::string> lines;
    for (const SopError& error : result.errors) lines.push_back(error.ToString());
    return lines;
}

int LineOf(std::string_view text, std::string_view needle) {
    const std::size_t at = text.find(needle);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

TEST(SopLoaderTest, MinimalSopLoads) {
    const SopLoadResult result = LoadSopString(kMinimalSop, "mini.toml");

    ASSERT_TRUE(result.ok()) << ::testing::PrintToString(ErrorLines(result));
    EXPECT_EQ(result.sop->version, "t.1");
    EXPECT_EQ(result.sop->effective_date, "2026-01-01");
    EXPECT_EQ(result.sop->QuestionCount(), 4u);
    EXPECT_EQ(result.sop->FindQuestion("name")->max_length, 250);  // default for short text
}

TEST(SopLoaderTest, UnknownKeyInAQuestionNamesFileLineStepAndQuestion) {
    const std::string text = Variant("label = \"Name\"\n", "label = \"Name\"\n  lable = \"x\"\n");

    const SopLoadResult result = LoadSopString(text, "mini.toml");

    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].step, "start");
    EXPECT_EQ(result.errors[0].question, "name");
    EXPECT_EQ(result.errors[0].line, LineOf(text, "lable"));
    EXPECT_EQ(result.errors[0].ToString(),
              "mini.toml:" + std::to_string(LineOf(text, "lable")) +
                  ": step \"start\": question \"name\": unknown key \"lable\" in "
                  "[[steps.questions]]");
}

TEST(SopLoaderTest, StepKeyWrittenAfterItsQuestionsIsAnUnknownQuestionKey) {
    const std::string text = Variant("  label = \"Notes\"\n", "  label = \"Notes\"\nnext = \"start\"\n");

    const SopLoadResult result = LoadSopString(text, "mini.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"details\": question \"notes\""),
                               HasSubstr("unknown key \"next\""))));
}

TEST(SopLoaderTest, WrongTypeIsReportedWithTheStep) {
    const SopLoadResult result = LoadSopString(
        Variant("label = \"Address\"\n", "label = \"Address\"\n  required = \"yes\"\n"), "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"start\": question \"address\""),
                               HasSubstr("\"required\" must be a boolean, found a string"))));
}

TEST(SopLoaderTest, UnknownQuestionKindIsReported) {
    const SopLoadResult result =
        LoadSopString(Variant("kind = \"long_text\"", "kind = \"essay\""), "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("question \"notes\""), HasSubstr("unknown kind \"essay\""))));
}

TEST(SopLoaderTest, DuplicateQuestionIdIsReported) {
    const SopLoadResult result = LoadSopString(Variant("id = \"address\"", "id = \"name\""), "m.toml");

    EXPECT_THAT(ErrorLines(result), Contains(AllOf(HasSubstr("step \"start\": question \"name\""),
                                                   HasSubstr("duplicate question id \"name\""))));
}

TEST(SopLoaderTest, RouteToMissingStepIsADanglingReference) {
    const SopLoadResult result =
        LoadSopString(Variant("next = \"details\"", "next = \"detail\""), "m.toml");

    EXPECT_THAT(ErrorLines(result), Contains(AllOf(HasSubstr("step \"start\""),
                                                   HasSubstr("unknown step \"detail\""))));
}

TEST(SopLoaderTest, ConditionNamingAMissingOptionIsADanglingReference) {
    const SopLoadResult result =
        LoadSopString(Variant("equals = \"homeowner\"", "equals = \"installer\""), "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"start\""),
                               HasSubstr("option \"installer\" that question \"origin\" does not "
                                         "have"))));
}

TEST(SopLoaderTest, ConditionNamingAMissingQuestionIsADanglingReference) {
    const SopLoadResult result =
        LoadSopString(Variant("question = \"origin\"", "question = \"origine\""), "m.toml");

    EXPECT_THAT(ErrorLines(result), Contains(AllOf(HasSubstr("step \"start\""),
                                                   HasSubstr("unknown question \"origine\""))));
}

TEST(SopLoaderTest, ShowIfOnAQuestionNamingAnUnknownQuestionNamesBoth) {
    const SopLoadResult result = LoadSopString(
        Variant("label = \"Notes\"\n",
                "label = \"Notes\"\n  show_if = { question = \"ghost\", answered = true }\n"),
        "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"details\": question \"notes\""),
                               HasSubstr("unknown question \"ghost\""))));
}

TEST(SopLoaderTest, ConditionOnAQuestionAskedOnlyLaterIsReported) {
    const SopLoadResult result = LoadSopString(
        Variant("when = { question = \"origin\", equals = \"homeowner\" }",
                "when = { question = \"notes\", answered = true }"),
        "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"start\""),
                               HasSubstr("question \"notes\" of step \"details\", which is never "
                                         "asked before this step"))));
}

TEST(SopLoaderTest, UnknownFactIsReported) {
    const SopLoadResult result = LoadSopString(
        Variant("when = { question = \"origin\", equals = \"homeowner\" }",
                "when = { fact = \"moon_is_full\" }"),
        "m.toml");

    EXPECT_THAT(ErrorLines(result), Contains(AllOf(HasSubstr("step \"start\""),
                                                   HasSubstr("unknown fact \"moon_is_full\""))));
}

TEST(SopLoaderTest, UnknownNoteIsADanglingReference) {
    const SopLoadResult result = LoadSopString(Variant("notes = [\"tip\"]", "notes = [\"tips\"]"),
                                               "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"start\""), HasSubstr("unknown note \"tips\""))));
}

TEST(SopLoaderTest, UnreachableStepIsNamed) {
    const SopLoadResult result = LoadSopString(
        Variant("[outcomes.done]", "[[steps]]\nid = \"orphan\"\ntitle = \"Orphan\"\n"
                                   "section = \"main\"\noutcome = \"done\"\n\n[outcomes.done]"),
        "m.toml");

    ASSERT_FALSE(result.ok());
    EXPECT_THAT(ErrorLines(result), Contains(AllOf(HasSubstr("step \"orphan\""),
                                                   HasSubstr("unreachable"))));
}

TEST(SopLoaderTest, CycleWithoutExitNamesEveryStepInIt) {
    const std::string text = Variant(
        "outcome = \"done\"\n\n  [[steps.questions]]\n  id = \"notes\"",
        "next = \"loop\"\n\n  [[steps.questions]]\n  id = \"notes\"");
    const std::string with_loop =
        text + "\n[[steps]]\nid = \"loop\"\ntitle = \"Loop\"\nsection = \"main\"\nnext = \"details\"\n";

    const SopLoadResult result = LoadSopString(with_loop, "m.toml");

    const auto lines = ErrorLines(result);
    EXPECT_THAT(lines, Contains(AllOf(HasSubstr("step \"details\""),
                                      HasSubstr("no path from this step reaches an outcome"))));
    EXPECT_THAT(lines, Contains(AllOf(HasSubstr("step \"loop\""),
                                      HasSubstr("no path from this step reaches an outcome"))));
}

TEST(SopLoaderTest, RoutesThatMayAllFailAreADeadEnd) {
    const SopLoadResult result = LoadSopString(
        Variant("  [[steps.routes]]\n  outcome = \"done\"\n",
                "  [[steps.routes]]\n  when = { question = \"name\", answered = true }\n"
                "  outcome = \"done\"\n"),
        "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"start\""), HasSubstr("dead end"))));
}

TEST(SopLoaderTest, ModalTitleOverTwentyFourCharactersBreaksASlackLimit) {
    const SopLoadResult result = LoadSopString(
        Variant("title = \"Details\"", "title = \"A title far too long for Slack\""), "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"details\""),
                               HasSubstr("title has 30 characters; Slack allows 24"))));
}

TEST(SopLoaderTest, OptionLabelOverSeventyFiveCharactersBreaksASlackLimit) {
    const std::string label(76, 'x');
    const SopLoadResult result = LoadSopString(
        Variant("label = \"Homeowner\"", "label = \"" + label + "\""), "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"start\": question \"origin\""),
                               HasSubstr("label has 76 characters; Slack allows 75"))));
}

TEST(SopLoaderTest, StepNeedingMoreThanOneHundredBlocksMustBeSplit) {
    std::string questions;
    for (int i = 0; i < 100; ++i) {
        questions += "  [[steps.questions]]\n  id = \"extra_" + std::to_string(i) +
                     "\"\n  kind = \"yes_no\"\n  label = \"Q\"\n\n";
    }
    const SopLoadResult result = LoadSopString(
        Variant("  [[steps.questions]]\n  id = \"notes\"", questions + "  [[steps.questions]]\n  id = \"notes\""),
        "m.toml");

    EXPECT_THAT(ErrorLines(result),
                Contains(AllOf(HasSubstr("step \"details\""),
                               HasSubstr("101 blocks; a modal holds at most 100"))));
}

TEST(SopLoaderTest, LadderEntryNamingAMissingTierIsReported) {
    const SopLoadResult result = LoadSopString(
        std::string(kMinimalSop) +
            "\n[ladder]\n[[ladder.tiers]]\nid = \"tier2\"\nname = \"Tier 2\"\nrotation = \"t2\"\n"
            "[ladder.entry]\nhomeowner = \"tier3\"\n",
        "m.toml");

    EXPECT_THAT(ErrorLines(result), Contains(HasSubstr("names unknown tier \"tier3\"")));
}

TEST(SopLoaderTest, TomlSyntaxErrorNamesTheLine) {
    const std::string text = Variant("title = \"Details\"", "title = \"Details");

    const SopLoadResult result = LoadSopString(text, "m.toml");

    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_THAT(result.errors[0].message, HasSubstr("TOML syntax error"));
    EXPECT_EQ(result.errors[0].line, LineOf(text, "title = \"Details"));
}

TEST(SopLoaderTest, MissingFileIsAnErrorNotAnException) {
    const SopLoadResult result = LoadSopFile("/nonexistent/escalation.toml");

    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].ToString(), "/nonexistent/escalation.toml: cannot open the file");
}

TEST(SopLintTest, ShippedEscalationSopLintsClean) {
    std::ostringstream out, err;

    const int code =
        RunSopLint((test::SourceDir() / "config/sop/escalation.toml").string(), out, err);

    EXPECT_EQ(err.str(), "");
    EXPECT_EQ(code, 0);
    EXPECT_THAT(out.str(), ::testing::MatchesRegex(
                               "ok: escalation SOP [0-9.]+, [0-9]+ steps, [0-9]+ questions\n"));
}

TEST(SopLintTest, BrokenFilePrintsEachErrorAndReturnsTwo) {
    test::TempDir dir;
    const auto path = dir / "broken.toml";
    std::ofstream(path) << Variant("next = \"details\"", "next = \"nowhere\"");
    std::ostringstream out, err;

    const int code = RunSopLint(path.string(), out, err);

    EXPECT_EQ(code, 2);
    EXPECT_EQ(out.str(), "");
    EXPECT_THAT(err.str(), HasSubstr("broken.toml:"));
    EXPECT_THAT(err.str(), HasSubstr("step \"start\": route goes to unknown step \"nowhere\""));
}

class ShippedSopTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        result_ = new SopLoadResult(
            LoadSopFile((test::SourceDir() / "config/sop/escalation.toml").string()));
    }
    static void TearDownTestSuite() { delete result_; }
    const Sop& sop() { return *result_->sop; }
    static SopLoadResult* result_;
};
SopLoadResult* ShippedSopTest::result_ = nullptr;

TEST_F(ShippedSopTest, HasTheFourteenQualifiersOfferedOnTheFirstScreen) {
    ASSERT_TRUE(result_->ok());

    EXPECT_EQ(sop().qualifiers.size(), 14u);
    const Question* qualifiers = sop().FindQuestion(sop().fields.qualifiers);
    ASSERT_NE(qualifiers, nullptr);
    EXPECT_EQ(qualifiers->options.size(), 14u);
    EXPECT_EQ(sop().StepOfQuestion(qualifiers->id)->id, sop().first_step);
}

TEST_F(ShippedSopTest, FirstScreenAsksWhatSopOneRequiresAndShowsTheGuardrail) {
    ASSERT_TRUE(result_->ok());
    const Step* first = sop().FindStep(sop().first_step);
    std::vector<std::string> ids;
    for (const Question& q : first->questions) ids.push_back(q.id);

    EXPECT_THAT(ids, ::testing::ElementsAre("origin", "asked_for_lead", "qualifiers",
                                            "homeowner_name", "property_address",
                                            "interaction_id"));
    ASSERT_FALSE(first->notes.empty());
    EXPECT_THAT(sop().FindNote(first->notes[0])->text, HasSubstr("never OFFER to escalate"));
}

TEST_F(ShippedSopTest, LadderRunsTierTwoLeadSupervisorVoicemailAndEntersByOrigin) {
    ASSERT_TRUE(result_->ok());
    std::vector<std::string> tiers;
    for (const LadderTier& tier : sop().ladder.tiers) tiers.push_back(tier.id);

    EXPECT_THAT(tiers, ::testing::ElementsAre("tier2", "resolution_lead", "supervisor", "voicemail"));
    EXPECT_TRUE(sop().FindTier("tier2")->skip_when_no_one_on_duty);
    EXPECT_EQ(sop().ladder.window_seconds, 30);
    EXPECT_EQ(sop().ladder.entry.at("homeowner"), "tier2");
    EXPECT_EQ(sop().ladder.entry.at("sales_rep"), "resolution_lead");
    EXPECT_EQ(sop().ladder.entry.at("installer"), "resolution_lead");
}

TEST_F(ShippedSopTest, UsesEveryQuestionKind) {
    ASSERT_TRUE(result_->ok());
    std::set<QuestionKind> kinds;
    for (const Step& step : sop().steps) {
        for (const Question& q : step.questions) kinds.insert(q.kind);
    }

    EXPECT_EQ(kinds.size(), 8u);
}

TEST_F(ShippedSopTest, FollowUpOutcomeIsAComplaintsCaseForTheResolutionTeam) {
    ASSERT_TRUE(result_->ok());
    const Outcome* follow_up = sop().FindOutcome("follow_up");

    ASSERT_NE(follow_up, nullptr);
    EXPECT_EQ(follow_up->kind, Outcome::Kind::kFollowUp);
    EXPECT_EQ(follow_up->request_type, "Complaints");
    EXPECT_EQ(follow_up->assign_to, "Resolution Team");
    EXPECT_THAT(sop().FindNote(follow_up->script)->text, HasSubstr("take your concerns seriously"));
}

TEST_F(ShippedSopTest, EveryScreenStaysWithinItsBlockBudget) {
    ASSERT_TRUE(result_->ok());
    for (const Step& step : sop().steps) {
        EXPECT_LE(ScreenBlockBudget(step), 100u) << step.id;
    }
}

}  // namespace
}  // namespace escbot::config::sop
