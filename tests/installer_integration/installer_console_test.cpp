// /installer-complaint in console mode: the same handlers, database and SOP data, typed at the
// prompt; `advance` moves the bot's clock so the chase comes due.

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/paths.hpp"
#include "tests/support/test_bot/console_script.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;

void ReplaceLine(std::string& text, const std::string& starts_with, const std::string& line) {
    const size_t at = text.find("\n" + starts_with);
    if (at == std::string::npos) throw std::logic_error("example config has no line " + starts_with);
    text.replace(at + 1, text.find('\n', at + 1) - at - 1, line);
}

TEST(InstallerInConsole, AComplaintIsPostedClaimedAndChasedAfterAnAdvance) {
    TempDir dir;
    std::string toml = ReadFile(SourceDir() / "config" / "escalation-bot.example.toml");
    ReplaceLine(toml, "path =", "path = \"" + (dir / "bot.sqlite3").string() + "\"");
    ReplaceLine(toml, "sop_file =",
                "sop_file = \"" + (SourceDir() / "config/sop/escalation.toml").string() + "\"");
    std::ofstream(dir / "escalation-bot.toml") << toml;

    const ConsoleRun run = RunConsoleScript(dir / "escalation-bot.toml",
                                            "/installer-complaint Jane Doe\n"
                                            "\n"
                                            "12 Main St, Springfield\n"
                                            "2\n"
                                            "SunCo\n"
                                            "ops@sunco.example\n"
                                            "6\n"
                                            "Crew cracked two roof tiles.\n"
                                            "201-555-3344\n"
                                            "evenings\n"
                                            "CX-1\n"
                                            "as U0BACKOFF01\n"
                                            "click 1\n"
                                            "advance 7d\n"
                                            "quit\n");

    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_THAT(run.out, HasSubstr("Installer complaint"));
    EXPECT_THAT(run.out, HasSubstr("Homeowner Concern – Jane Doe - SunCo"));
    EXPECT_THAT(run.out, HasSubstr("Do NOT copy the homeowner"));
    EXPECT_THAT(run.out, HasSubstr("claimed this installer complaint"));
    EXPECT_THAT(run.out, HasSubstr("chase 1/2 is due"));
}

}  // namespace
}  // namespace escbot::test
