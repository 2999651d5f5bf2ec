#include <gtest/gtest.h>

#include "bot/console/date_input.hpp"

namespace escbot::console {
namespace {

TEST(ParseUsDate, ReadsTheCommonUsForms) {
    EXPECT_EQ(ParseUsDate("04/15/2026"), "2026-04-15");
    EXPECT_EQ(ParseUsDate("4/15/2026"), "2026-04-15");
    EXPECT_EQ(ParseUsDate("2026-04-15"), "2026-04-15");
    EXPECT_EQ(ParseUsDate("April 15, 2026"), "2026-04-15");
    EXPECT_EQ(ParseUsDate("april 15 2026"), "2026-04-15");
    EXPECT_EQ(ParseUsDate("Apr. 5, 2026"), "2026-04-05");
    EXPECT_EQ(ParseUsDate("  Sept 1, 2026 "), "2026-09-01");
    EXPECT_EQ(ParseUsDate("2/29/2028"), "2028-02-29");
}

TEST(ParseUsDate, RefusesDatesThatDoNotExistAndOtherForms) {
    for (const char* bad : {"", "tomorrow", "15/04/2026", "2/30/2026", "2/29/2026", "04/15/26",
                            "2026-4-15", "2026/04/15", "April 2026", "Aprl 15, 2026",
                            "April 15, 20261", "April 32, 2026", "04/15/2026 x", "1/1/1899",
                            "13/01/2026", "0/10/2026", "2026-04-15T10:00"}) {
        EXPECT_FALSE(ParseUsDate(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace escbot::console
