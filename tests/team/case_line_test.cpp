// Deciding a case line: the due-soon window in business time, references, thread links.

#include "commands/team/case_line.hpp"

#include <gtest/gtest.h>

#include "config/sop/sop_loader.hpp"
#include "tests/support/new_york_calendar.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::team {
namespace {

using namespace std::chrono_literals;
using Kind = storage::OpenCaseRow::Kind;

std::shared_ptr<const config::sop::Sop> ShippedSop() {
    const auto result =
        config::sop::LoadSopFile((test::SourceDir() / "config/sop/escalation.toml").string());
    EXPECT_TRUE(result.ok());
    return result.sop;
}

TEST(CaseLine, DueSoonIsTheSopsWindowInBusinessHoursAcrossAWeekend) {
    // Friday 2026-11-27 17:00 ET; SOP 2026.12.1 reminds at 24bh of 48bh: a 24bh window.
    const TimePoint friday = FromUnix(1795446000 + 4 * 86400 + 7 * 3600);
    const auto& calendar = test::NewYorkCalendar();
    const DueRules rules = DueRulesOf(ShippedSop().get(), calendar, friday);

    EXPECT_EQ(rules.due_soon_by, calendar.Add(friday, {24, config::Duration::Unit::BusinessHours}));
    // Monday noon is 67 wall-clock hours away but 4 business hours: due soon.
    EXPECT_EQ(ClassOf(friday + 67h, rules), DueClass::kDueSoon);
    // 25 business hours away (Wednesday 15:00): past the window.
    EXPECT_EQ(ClassOf(calendar.Add(friday, {25, config::Duration::Unit::BusinessHours}), rules), DueClass::kLater);
    EXPECT_EQ(ClassOf(friday, rules), DueClass::kOverdue);
    EXPECT_EQ(ClassOf(std::nullopt, rules), DueClass::kNone);
}

TEST(CaseLine, WithoutADueSoonWindowNothingIsDueSoon) {
    const TimePoint now = FromUnix(1795446000);
    const DueRules rules = DueRulesOf(nullptr, test::NewYorkCalendar(), now);
    EXPECT_EQ(ClassOf(now + 1s, rules), DueClass::kLater);
}

TEST(CaseLine, ReferencesParseInEitherKindAndCase) {
    EXPECT_EQ(CaseRef(Kind::kEscalation, 12), "ESC-12");
    EXPECT_EQ(CaseRef(Kind::kInstaller, 3), "IC-3");
    const auto ic = ParseCaseRef("ic3");
    ASSERT_TRUE(ic.has_value());
    EXPECT_EQ(ic->kind, Kind::kInstaller);
    EXPECT_EQ(ic->id, 3);
    EXPECT_FALSE(ParseCaseRef("ESC-").has_value());
    EXPECT_FALSE(ParseCaseRef("ESC-1x").has_value());
    EXPECT_FALSE(ParseCaseRef("XY-1").has_value());
}

TEST(CaseLine, TheThreadLinkIsTheMessagesArchiveUrlOrNothingBeforeItIsPosted) {
    EXPECT_EQ(ThreadLink("C0RESOLUTN1", "1795446000.100001"),
              "https://slack.com/archives/C0RESOLUTN1/p1795446000100001");
    EXPECT_EQ(ThreadLink("C0RESOLUTN1", ""), "");
}

TEST(CaseLine, AnInstallerLineSaysWhichChaseAndWhetherItIsDue) {
    storage::OpenCaseRow row;
    row.kind = Kind::kInstaller;
    row.id = 4;
    row.state = "due";
    row.chase_attempt = 2;
    row.due_at = FromUnix(100);
    const CaseLine line = LineOf(row, {FromUnix(200), FromUnix(300)}, "Rude installer");
    EXPECT_EQ(line.ref, "IC-4");
    EXPECT_EQ(line.state_text, "chase 2 due");
    EXPECT_EQ(line.due_class, DueClass::kOverdue);
    EXPECT_EQ(line.link, "");
}

}  // namespace
}  // namespace escbot::commands::team
