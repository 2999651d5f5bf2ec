// The whole agrees-to-wait flow in `escalation-bot console`, driven through stdin: questions one
// by one, numbered choices, the same case stored, the summary printed with its channel.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "bot/app/console_mode.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/test_bot/console_script.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;

void ReplaceLine(std::string& text, const std::string& starts_with, const std::string& line) {
    const size_t at = text.find("\n" + starts_with);
    if (at == std::string::npos)
        throw std::logic_error("example config has no line " + starts_with);
    text.replace(at + 1, text.find('\n', at + 1) - at - 1, line);
}

// One answer per prompt, in the order the console asks (an empty line keeps the value shown in
// [brackets]; a number picks a choice).
constexpr const char* kAgreesToWaitScript =
    "/escalate Jane Q. Homeowner\n"
    // Escalate: qualify
    "1\n"  // Who is escalating? 1) Homeowner
    "1\n"  // asked for a lead or supervisor? 1) Yes
    "3\n"  // qualifiers: 3) Fraudulent claims
    "\n"   // Homeowner name [Jane Q. Homeowner]
    "12 North Main Street, Springfield\n"
    "CX-20261123-0042\n"
    // Offer a follow-up
    "1\n"  // agrees to wait: 1) Yes
    // Verification (the email question appears as soon as the status is chosen)
    "1\n"  // 1) Gave the email we have on file
    "jane.homeowner@example.com\n"
    "(555) 201-3344\n"
    "1\n"  // concern: 1) Claiming fraud
    // Claiming fraud
    "1\n"  // promised free: Yes
    "2\n"  // received the contract: No
    // Sales representative
    "SunnyDay Solar\n"
    "A free government energy program\n"
    "That she would never pay anything\n"
    "15/04/2026\n"      // first visit (a date): not a US form, asked again
    "April 15, 2026\n"  // ... read as 2026-04-15
    "2\n"  // other contact since: No
    "2\n"  // rep made an email: No
    // Key points
    "Signed on the rep's tablet\n"
    "\n"   // other items (optional)
    "2\n"  // voice match: 2) Does not match
    "Signed the day of the install, by the rep\n"
    "\n"  // installer / sales rep point of view (optional)
    // Closing
    "She was told the system was free\n"
    "Cancel the loan\n"
    "2\n"  // physical record: No
    "quit\n";

class EscalationInConsole : public ::testing::Test {
protected:
    EscalationInConsole() {
        std::ifstream in(SourceDir() / "config" / "escalation-bot.example.toml");
        std::stringstream text;
        text << in.rdbuf();
        std::string toml = text.str();
        ReplaceLine(toml, "path =", "path = \"" + (dir_ / "bot.sqlite3").string() + "\"");
        ReplaceLine(toml, "sop_file =",
                    "sop_file = \"" + (SourceDir() / "config/sop/escalation.toml").string() + "\"");
        std::ofstream(dir_ / "escalation-bot.toml") << toml;
    }

    std::string Run(const std::string& script) {
        ConsoleRun run = RunConsoleScript(dir_ / "escalation-bot.toml", script);
        exit_code_ = run.exit_code;
        errors_ = std::move(run.err);
        return std::move(run.out);
    }

    TempDir dir_;
    int exit_code_ = -1;
    std::string errors_;
};

TEST_F(EscalationInConsole, AgreesToWaitFlowAsksQuestionByQuestionAndPrintsThePostedSummary) {
    const std::string out = Run(kAgreesToWaitScript);

    EXPECT_EQ(exit_code_, 0) << errors_;
    EXPECT_THAT(out, HasSubstr("=== Escalate: qualify ==="));
    EXPECT_THAT(out, HasSubstr("We never OFFER to escalate"));
    EXPECT_THAT(out, HasSubstr("1) Homeowner"));
    EXPECT_THAT(out, HasSubstr("[Jane Q. Homeowner]"));
    EXPECT_THAT(out, HasSubstr("=== Claiming fraud ==="));
    EXPECT_THAT(out, HasSubstr("=== Sales representative ==="));
    EXPECT_THAT(out, HasSubstr("Case ESC-1 created"));
    EXPECT_THAT(out, HasSubstr("We take your concerns seriously"));
    EXPECT_THAT(out, HasSubstr("posted to #resolution-team (C0RESOLUTN1)"));
    EXPECT_THAT(out, HasSubstr("Escalation case ESC-1: Jane Q. Homeowner"));
    EXPECT_THAT(out, HasSubstr("direct message to @U0AGENT001"));
    EXPECT_THAT(out, HasSubstr("Homeowner: Jane Q. Homeowner"));
    EXPECT_THAT(out, HasSubstr("Please type a date such as 04/15/2026"));
}

TEST_F(EscalationInConsole, TheCaseIsStoredLikeInSlack) {
    Run(kAgreesToWaitScript);

    auto store = storage::sqlite::OpenSqliteStore((dir_ / "bot.sqlite3").string());
    const auto c =
        store->Read([](storage::UnitOfWork& u) { return u.Escalation().Cases().Get(1); });
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kOpen);
    EXPECT_EQ(c->created_by, "U0AGENT001");
    EXPECT_EQ(c->answers["email"], "jane.homeowner@example.com");
    EXPECT_EQ(c->answers["concern_types"], nlohmann::json::array({"fraud"}));
    EXPECT_EQ(c->answers["rep_first_visit_on"], "2026-04-15");
    EXPECT_TRUE(c->follow_up_due.has_value());
}

TEST_F(EscalationInConsole, TimesAreShownInTheBusinessCalendarsZoneNotUtc) {
    const std::string out = Run(kAgreesToWaitScript);

    EXPECT_EQ(exit_code_, 0) << errors_;
    // The console runs on the wall clock: the date varies, the zone's abbreviation does not.
    EXPECT_THAT(out, ::testing::ContainsRegex(" 20[0-9][0-9] [0-9]+:[0-9][0-9] [AP]M E[SD]T"));
    EXPECT_THAT(out, ::testing::Not(HasSubstr(" UTC")));
}

}  // namespace
}  // namespace escbot::test
