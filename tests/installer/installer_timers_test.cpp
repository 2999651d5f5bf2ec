#include "commands/installer/installer_timers.hpp"

#include <gtest/gtest.h>

namespace escbot::commands::installer {
namespace {

using nlohmann::json;

TEST(InstallerTimerPayload, RoundTrip) {
    const auto read = ReadInstallerTimer(ToJson(InstallerTimerPayload{12, 3}));

    ASSERT_TRUE(read);
    EXPECT_EQ(read->complaint_id, 12);
    EXPECT_EQ(read->attempt, 3);
}

TEST(InstallerTimerPayload, ReadsTheStoredShapeAndToleratesExtraFields) {
    EXPECT_EQ(ReadInstallerTimer(json::parse(R"({"complaint": 7, "attempt": 0})"))->complaint_id, 7);
    EXPECT_EQ(ReadInstallerTimer(json::parse(R"({"complaint": 7, "attempt": 2, "x": "y"})"))->attempt,
              2);
}

TEST(InstallerTimerPayload, MissingOrMistypedFieldsReadAsNothing) {
    EXPECT_FALSE(ReadInstallerTimer(json::parse(R"({"attempt": 1})")));
    EXPECT_FALSE(ReadInstallerTimer(json::parse(R"({"complaint": 7})")));
    EXPECT_FALSE(ReadInstallerTimer(json::parse(R"({"complaint": "7", "attempt": 1})")));
    EXPECT_FALSE(ReadInstallerTimer(json::parse(R"({"complaint": 0, "attempt": 1})")));
    EXPECT_FALSE(ReadInstallerTimer(json::parse(R"({"complaint": 7, "attempt": 1.5})")));
    EXPECT_FALSE(ReadInstallerTimer(json::array()));
    EXPECT_FALSE(ReadInstallerTimer(json()));
}

}  // namespace
}  // namespace escbot::commands::installer
