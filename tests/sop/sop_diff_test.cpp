#include <algorithm>

#include <gtest/gtest.h>

#include "config/sop/sop_diff.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/paths.hpp"

namespace escbot::test {
namespace {

using config::sop::DiffSops;
using config::sop::Sop;

bool Has(const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::string Joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

TEST(SopDiff, AVersionComparedWithItselfHasNoChange) {
    const Sop& sop = ShippedSop();
    const auto diff = DiffSops(sop, sop);

    EXPECT_TRUE(diff.Empty());
    EXPECT_NE(config::sop::DiffReport(sop, sop, diff).find("No change"), std::string::npos);
}

TEST(SopDiff, EachKindOfChangeLandsInItsGroup) {
    const Sop& before = ShippedSop();
    Sop after = before;
    auto& first = after.steps.front();
    const std::string question_id = first.questions.front().id;
    first.questions.front().label = "A new label";
    first.questions.push_back({.id = "pets", .kind = config::sop::QuestionKind::kYesNo, .label = "Any pets?"});
    const std::string removed_id = first.questions[1].id;
    first.questions.erase(first.questions.begin() + 1);
    std::reverse(first.routes.begin(), first.routes.end());
    after.ladder.tiers.front().window_seconds = 45;
    after.Reindex();

    const auto diff = DiffSops(before, after);

    EXPECT_TRUE(Has(diff.questions, "+ question \"pets\" in step \"" + first.id + "\" (yes_no): \"Any pets?\""))
        << Joined(diff.questions);
    EXPECT_TRUE(Has(diff.questions, "- question \"" + removed_id + "\" (was in step \"" + first.id + "\")"))
        << Joined(diff.questions);
    EXPECT_TRUE(Has(diff.routes, "~ step \"" + first.id + "\": routes")) << Joined(diff.routes);
    EXPECT_TRUE(Has(diff.timings, "~ tier \"" + after.ladder.tiers.front().id + "\": window 30 s -> 45 s"))
        << Joined(diff.timings);
    const auto label_line = std::find_if(diff.wording.begin(), diff.wording.end(), [&](const std::string& l) {
        return l.starts_with("~ question \"" + question_id + "\": label ");
    });
    ASSERT_NE(label_line, diff.wording.end()) << Joined(diff.wording);
    EXPECT_TRUE(label_line->ends_with("-> \"A new label\""));
}

TEST(SopDiff, ReorderingStepsIsNotAChange) {
    const Sop& before = ShippedSop();
    Sop after = before;
    std::reverse(after.steps.begin(), after.steps.end());
    after.Reindex();

    EXPECT_TRUE(DiffSops(before, after).Empty());
}

TEST(SopDiff, TheTwoEscalationVersionsDifferInThePromise) {
    const auto old_result = config::sop::LoadSopFile(
        (SourceDir() / "tests/sop/fixtures/escalation-2026.11.1.toml").string());
    ASSERT_TRUE(old_result.ok());
    const Sop& old_sop = *old_result.sop;
    const Sop& current = ShippedSop();

    const auto diff = DiffSops(old_sop, current);
    const std::string report = config::sop::DiffReport(old_sop, current, diff);

    const auto follow_up = std::find_if(current.outcomes.begin(), current.outcomes.end(), [](const auto& o) {
        return o.kind == config::sop::Outcome::Kind::kFollowUp;
    });
    ASSERT_NE(follow_up, current.outcomes.end());
    EXPECT_TRUE(Has(diff.timings, "~ outcome \"" + follow_up->id + "\": due after 24h -> 48bh")) << report;
    EXPECT_TRUE(Has(diff.timings, "~ outcome \"" + follow_up->id + "\": due soon after none -> 24bh")) << report;
    EXPECT_NE(report.find("2026.11.1"), std::string::npos);
    EXPECT_NE(report.find("Timings ("), std::string::npos);
}

}  // namespace
}  // namespace escbot::test
