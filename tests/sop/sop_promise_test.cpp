// The follow-up promise as SOP data: the shipped version's 24-48 business hours, the older
// version's `follow_up_hours = 24` still read (cases pinned to it keep 24 wall-clock hours), and
// bad promises refused with an error naming the outcome.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/sop/sop_loader.hpp"
#include "tests/sop/shipped_sop.hpp"

namespace escbot::config::sop {
namespace {

using ::testing::HasSubstr;
using Unit = Duration::Unit;

std::string ReadFile(const std::string& relative) {
    std::ifstream in(test::SourceDir() / relative);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string ShippedText() { return ReadFile("config/sop/escalation.toml"); }

/// The shipped text with one line of the follow_up outcome replaced.
std::string WithLine(const std::string& line, const std::string& replacement) {
    std::string text = ShippedText();
    const auto at = text.find(line);
    if (at == std::string::npos) throw std::runtime_error("no line " + line);
    text.replace(at, line.size(), replacement);
    return text;
}

std::string AllErrors(const SopLoadResult& result) {
    std::string out;
    for (const SopError& e : result.errors) out += e.ToString() + "\n";
    return out;
}

TEST(SopPromise, ShippedVersionPromisesAnUpdateWithin24To48BusinessHours) {
    const Sop& sop = test::ShippedSop();
    const Outcome* follow_up = sop.FindOutcome("follow_up");

    EXPECT_EQ(sop.version, "2026.12.1");
    EXPECT_EQ(sop.effective_date, "2026-12-07");
    ASSERT_NE(follow_up, nullptr);
    EXPECT_EQ(follow_up->due_soon, (Duration{24, Unit::BusinessHours}));
    EXPECT_EQ(follow_up->due, (Duration{48, Unit::BusinessHours}));
    EXPECT_TRUE(follow_up->update_restarts_promise);
    EXPECT_THAT(sop.FindQuestion("agrees_to_wait")->label, HasSubstr("24-48 business hours"));
    EXPECT_THAT(follow_up->advice, HasSubstr("24-48 business hours"));
}

TEST(SopPromise, OlderVersionWithFollowUpHoursIsReadAsTwentyFourWallClockHours) {
    const SopLoadResult old = LoadSopString(ReadFile("tests/sop/fixtures/escalation-2026.11.1.toml"),
                                            "sop_versions:2026.11.1");

    ASSERT_TRUE(old.ok()) << AllErrors(old);
    EXPECT_EQ(old.sop->version, "2026.11.1");
    const Outcome* follow_up = old.sop->FindOutcome("follow_up");
    EXPECT_EQ(follow_up->due, (Duration{24, Unit::Hours}));
    EXPECT_FALSE(follow_up->due_soon.has_value());
    EXPECT_FALSE(follow_up->update_restarts_promise);
}

TEST(SopPromise, ABadDurationNamesTheOutcomeAndTheKey) {
    const SopLoadResult result = LoadSopString(WithLine("due = \"48bh\"", "due = \"48 hours\""),
                                               "escalation.toml");

    ASSERT_FALSE(result.ok());
    const std::string errors = AllErrors(result);
    EXPECT_THAT(errors, HasSubstr("outcome \"follow_up\" \"due\""));
    EXPECT_THAT(errors, HasSubstr("24bh"));  // the message shows the syntax
    EXPECT_EQ(result.errors.size(), 1u) << errors;  // no follow-on noise about due_soon
}

TEST(SopPromise, ADurationThatIsNotAStringIsRefused) {
    const SopLoadResult result =
        LoadSopString(WithLine("due_soon = \"24bh\"", "due_soon = 24"), "escalation.toml");

    ASSERT_FALSE(result.ok());
    EXPECT_THAT(AllErrors(result), HasSubstr("outcome \"follow_up\" \"due_soon\""));
}

TEST(SopPromise, AFollowUpWithoutADueIsRefused) {
    const SopLoadResult result = LoadSopString(WithLine("due = \"48bh\"\n", ""), "escalation.toml");

    ASSERT_FALSE(result.ok());
    const std::string errors = AllErrors(result);
    EXPECT_THAT(errors, HasSubstr("outcome \"follow_up\""));
    EXPECT_THAT(errors, HasSubstr("\"due\""));
}

TEST(SopPromise, DueSoonMustComeBeforeDue) {
    const SopLoadResult result =
        LoadSopString(WithLine("due_soon = \"24bh\"", "due_soon = \"48bh\""), "escalation.toml");

    ASSERT_FALSE(result.ok());
    EXPECT_THAT(AllErrors(result), HasSubstr("\"due_soon\" (48bh) must come before \"due\" (48bh)"));
}

TEST(SopPromise, BothSpellingsOfThePromiseAtOnceAreRefused) {
    const SopLoadResult result = LoadSopString(
        WithLine("due = \"48bh\"", "due = \"48bh\"\nfollow_up_hours = 24"), "escalation.toml");

    ASSERT_FALSE(result.ok());
    EXPECT_THAT(AllErrors(result), HasSubstr("older spelling"));
}

TEST(SopPromise, UpdateRestartsPromiseMustBeABoolean) {
    const SopLoadResult result = LoadSopString(
        WithLine("\nupdate_restarts_promise = true", "\nupdate_restarts_promise = \"yes\""),
        "escalation.toml");

    ASSERT_FALSE(result.ok());
    EXPECT_THAT(AllErrors(result), HasSubstr("update_restarts_promise"));
}

}  // namespace
}  // namespace escbot::config::sop
