// [privacy]: allow_public_channels (channel ids) and mask_contact_details (false by default);
// errors name file, line and key.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/config/settings_test_util.hpp"

namespace escbot::config {
namespace {

using test::ConfigFile;
using test::FirstError;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(PrivacySettings, DefaultsAllowNoPublicChannelAndDoNotMask) {
    const ConfigFile none("");

    ASSERT_TRUE(none.Load().ok());
    EXPECT_THAT(none.Load().value().privacy.allow_public_channels, IsEmpty());
    EXPECT_FALSE(none.Load().value().privacy.mask_contact_details);
    EXPECT_TRUE(none.Load().value().privacy.check_channels_at_start);
}

TEST(PrivacySettings, TheStartUpChannelCheckCanBeSwitchedOffOnlyWithABoolean) {
    const ConfigFile off("[privacy]\ncheck_channels_at_start = false\n");
    const ConfigFile not_bool("[privacy]\ncheck_channels_at_start = \"no\"\n");

    ASSERT_TRUE(off.Load().ok()) << off.Load().ErrorText();
    EXPECT_FALSE(off.Load().value().privacy.check_channels_at_start);
    EXPECT_THAT(FirstError(not_bool.Load()),
                HasSubstr(not_bool.name() + ":2: privacy.check_channels_at_start"));
}

TEST(PrivacySettings, ValuesAreKept) {
    const ConfigFile set(
        "[privacy]\nallow_public_channels = [\"C0SUPPORTCS\"]\nmask_contact_details = true\n");

    ASSERT_TRUE(set.Load().ok()) << set.Load().ErrorText();
    EXPECT_THAT(set.Load().value().privacy.allow_public_channels, ElementsAre("C0SUPPORTCS"));
    EXPECT_TRUE(set.Load().value().privacy.mask_contact_details);
}

TEST(PrivacySettings, BadValuesNameFileLineAndKey) {
    const ConfigFile not_bool("[privacy]\nmask_contact_details = \"yes\"\n");
    const ConfigFile not_channel("[privacy]\nallow_public_channels = [\"general\"]\n");
    const ConfigFile unknown("[privacy]\nmask_contacts = true\n");

    EXPECT_THAT(FirstError(not_bool.Load()),
                HasSubstr(not_bool.name() + ":2: privacy.mask_contact_details"));
    EXPECT_THAT(FirstError(not_bool.Load()), HasSubstr("expected true or false"));
    EXPECT_THAT(FirstError(not_channel.Load()),
                HasSubstr(not_channel.name() + ":2: privacy.allow_public_channels[0]"));
    EXPECT_THAT(FirstError(unknown.Load()),
                HasSubstr(unknown.name() + ":2: privacy.mask_contacts"));
}

}  // namespace
}  // namespace escbot::config
