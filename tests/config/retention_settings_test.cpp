// [retention] personal_data_days: kept, 0 by default (keep forever), errors name file, line and key.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/config/settings_test_util.hpp"

namespace escbot::config {
namespace {

using test::ConfigFile;
using test::FirstError;
using ::testing::HasSubstr;

TEST(RetentionSettings, DefaultKeepsForeverAndAValueIsKept) {
    const ConfigFile none("");
    const ConfigFile set("[retention]\npersonal_data_days = 400\n");

    ASSERT_TRUE(none.Load().ok());
    EXPECT_EQ(none.Load().value().retention.personal_data_days, 0);
    ASSERT_TRUE(set.Load().ok()) << set.Load().ErrorText();
    EXPECT_EQ(set.Load().value().retention.personal_data_days, 400);
}

TEST(RetentionSettings, ANegativeValueOrAnUnknownKeyNamesFileLineAndKey) {
    const ConfigFile negative("[retention]\npersonal_data_days = -1\n");
    const ConfigFile unknown("[retention]\npersonal_data_day = 30\n");

    EXPECT_THAT(FirstError(negative.Load()), HasSubstr(negative.name() + ":2: retention.personal_data_days"));
    EXPECT_THAT(FirstError(unknown.Load()), HasSubstr(unknown.name() + ":2: retention.personal_data_day"));
}

}  // namespace
}  // namespace escbot::config
