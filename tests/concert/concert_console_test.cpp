#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/app/console_mode.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/test_bot/console_script.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;

std::string ReadExample() {
    std::ifstream in(SourceDir() / "config" / "escalation-bot.example.toml");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void ReplaceLine(std::string& text, const std::string& starts_with, const std::string& line) {
    const size_t at = text.find("\n" + starts_with);
    if (at == std::string::npos)
        throw std::logic_error("example config has no line " + starts_with);
    text.replace(at + 1, text.find('\n', at + 1) - at - 1, line);
}

/// Console mode runs on the wall clock, so the test gives /concert a rotation that is on duty
/// around the clock: the outcome does not depend on when the test runs.
class ConcertInConsole : public ::testing::Test {
protected:
    ConcertInConsole() {
        std::string toml = ReadExample();
        ReplaceLine(toml, "path =", "path = \"" + (dir_ / "bot.sqlite3").string() + "\"");
        ReplaceLine(toml, "sop_file =",
                    "sop_file = \"" + (SourceDir() / "config/sop/escalation.toml").string() + "\"");
        ReplaceLine(toml, "rotation = \"concert_confirmation\"", "rotation = \"always\"");
        toml += R"(
[rotations.always]
[[rotations.always.windows]]
days = ["daily"]
start = "00:00"
end = "24:00"
users = ["U0CONCERT1", "U0CONCERT2"]
)";
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

TEST_F(ConcertInConsole, OncallAnswersInTheTerminal) {
    const std::string out = Run("/oncall\nquit\n");

    EXPECT_EQ(exit_code_, 0) << errors_;
    EXPECT_THAT(out, HasSubstr("On call: always"));
    EXPECT_THAT(out, HasSubstr("@U0CONCERT1"));
}

TEST_F(ConcertInConsole, ARequestIsPostedAndAContactAnswersItWithAClick) {
    const std::string out = Run("/concert Jane Doe, 12 Main St\nas U0CONCERT1\nclick 1\nquit\n");

    EXPECT_EQ(exit_code_, 0) << errors_;
    EXPECT_THAT(out, HasSubstr("request #1 is being posted"));
    EXPECT_THAT(out, HasSubstr("posted to #concert-confirmation (C0SUPPORTCS)"));
    EXPECT_THAT(out, HasSubstr("[1] Confirmed: Concert customer"));
    EXPECT_THAT(out, HasSubstr("now reads"));
    EXPECT_THAT(out, HasSubstr("Answered by @U0CONCERT1"));
    EXPECT_THAT(out, HasSubstr("direct message to @U0AGENT001"));
}

TEST_F(ConcertInConsole, NeedMoreInfoAsksTheQuestionInTheThread) {
    const std::string out =
        Run("/concert Jane Doe, 12 Main St\nas U0CONCERT2\nclick 3\nWhich installer?\nquit\n");

    EXPECT_EQ(exit_code_, 0) << errors_;
    EXPECT_THAT(out, HasSubstr("=== Need more info ==="));
    EXPECT_THAT(out, HasSubstr("in the thread of"));
    EXPECT_THAT(out, HasSubstr(">Which installer?"));
}

}  // namespace
}  // namespace escbot::test
