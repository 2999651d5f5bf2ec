#include "commands/concert/concert_guidance.hpp"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/paths.hpp"

namespace escbot::commands::concert {
namespace {

using ::testing::HasSubstr;

class ConcertGuidanceFile : public ::testing::Test {
protected:
    std::string Write(const std::string& text) {
        const std::string path = (dir_ / "concert.toml").string();
        std::ofstream(path) << text;
        return path;
    }
    test::TempDir dir_;
};

TEST_F(ConcertGuidanceFile, TheShippedFileHoldsTheSeedsWording) {
    const auto loaded =
        LoadConcertGuidance((test::SourceDir() / "config/sop/concert.toml").string());

    ASSERT_TRUE(loaded.guidance) << loaded.error;
    EXPECT_THAT(loaded.guidance->financier, HasSubstr("financier for the Concert program"));
    EXPECT_THAT(loaded.guidance->contact_check, HasSubstr("email and phone number"));
    EXPECT_THAT(loaded.guidance->escalate, HasSubstr("/escalate"));
}

TEST_F(ConcertGuidanceFile, AMissingKeyIsNamed) {
    const auto loaded = LoadConcertGuidance(Write("[confirmed]\nfinancier = \"a\"\nescalate = \"c\"\n"));

    EXPECT_FALSE(loaded.guidance);
    EXPECT_THAT(loaded.error, HasSubstr("[confirmed] contact_check: needs a non-empty text"));
}

TEST_F(ConcertGuidanceFile, AnUnknownKeyIsNamedWithItsLine) {
    const auto loaded = LoadConcertGuidance(
        Write("[confirmed]\nfinancier = \"a\"\ncontact_check = \"b\"\nescalate = \"c\"\nfinancer = \"x\"\n"));

    EXPECT_FALSE(loaded.guidance);
    EXPECT_THAT(loaded.error, HasSubstr("concert.toml:5: [confirmed] unknown key \"financer\""));
}

TEST_F(ConcertGuidanceFile, TooLongATextAndBadTomlAreRefused) {
    const std::string text(kMaxGuidanceChars + 1, 'x');
    EXPECT_THAT(LoadConcertGuidance(Write("[confirmed]\nfinancier = \"" + text +
                                          "\"\ncontact_check = \"b\"\nescalate = \"c\"\n"))
                    .error,
                HasSubstr("longer than 2000 characters"));
    EXPECT_THAT(LoadConcertGuidance(Write("[confirmed\n")).error, HasSubstr("concert.toml:1:"));
    EXPECT_FALSE(LoadConcertGuidance((dir_ / "absent.toml").string()).guidance);
}

TEST(ConcertGuidancePath, SitsBesideTheEscalationSopFile) {
    config::Settings settings;
    settings.escalation.sop_file = "/etc/escbot/sop/escalation.toml";

    EXPECT_EQ(ConcertGuidancePath(settings), "/etc/escbot/sop/concert.toml");
}

}  // namespace
}  // namespace escbot::commands::concert
