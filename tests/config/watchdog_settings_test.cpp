// [watchdog]: defaults, values kept, elapsed times only; errors name file, line and key.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/config/settings_test_util.hpp"

namespace escbot::config {
namespace {

using test::ConfigFile;
using test::FirstError;
using ::testing::HasSubstr;

TEST(WatchdogSettings, DefaultsAndValuesAreKept) {
    const ConfigFile none("");
    const ConfigFile set(
        "[watchdog]\nenabled = false\ninterval = \"1m\"\noutbox_max_age = \"10m\"\n"
        "timer_max_late = \"90s\"\nladder_grace = \"45s\"\nsocket_grace = \"2h\"\n");

    ASSERT_TRUE(none.Load().ok());
    const WatchdogSettings defaults = none.Load().value().watchdog;
    EXPECT_TRUE(defaults.enabled);
    EXPECT_EQ(defaults.interval, (Duration{30, Duration::Unit::Seconds}));
    EXPECT_EQ(defaults.outbox_max_age, (Duration{5, Duration::Unit::Minutes}));
    ASSERT_TRUE(set.Load().ok()) << set.Load().ErrorText();
    const WatchdogSettings w = set.Load().value().watchdog;
    EXPECT_FALSE(w.enabled);
    EXPECT_EQ(w.interval, (Duration{1, Duration::Unit::Minutes}));
    EXPECT_EQ(w.outbox_max_age, (Duration{10, Duration::Unit::Minutes}));
    EXPECT_EQ(w.timer_max_late, (Duration{90, Duration::Unit::Seconds}));
    EXPECT_EQ(w.ladder_grace, (Duration{45, Duration::Unit::Seconds}));
    EXPECT_EQ(w.socket_grace, (Duration{2, Duration::Unit::Hours}));
}

TEST(WatchdogSettings, BusinessTimeAWrongTypeOrAnUnknownKeyNamesFileLineAndKey) {
    const ConfigFile business("[watchdog]\noutbox_max_age = \"2bd\"\n");
    const ConfigFile days("[watchdog]\ninterval = \"1d\"\n");
    const ConfigFile flag("[watchdog]\nenabled = \"yes\"\n");
    const ConfigFile unknown("[watchdog]\noutbox_age = \"5m\"\n");

    EXPECT_THAT(FirstError(business.Load()),
                HasSubstr(business.name() + ":2: watchdog.outbox_max_age"));
    EXPECT_THAT(FirstError(business.Load()), HasSubstr("elapsed time"));
    EXPECT_THAT(FirstError(days.Load()), HasSubstr(days.name() + ":2: watchdog.interval"));
    EXPECT_THAT(FirstError(flag.Load()), HasSubstr(flag.name() + ":2: watchdog.enabled"));
    EXPECT_THAT(FirstError(unknown.Load()), HasSubstr(unknown.name() + ":2: watchdog.outbox_age"));
}

}  // namespace
}  // namespace escbot::config
