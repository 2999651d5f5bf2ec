#include <sstream>

#include <gtest/gtest.h>

#include "config/sop/sop_lint.hpp"
#include "tests/support/paths.hpp"

namespace escbot::config::sop {
namespace {

TEST(SopLintTest, ShippedEscalationSopLintsClean) {
    std::ostringstream out, err;
    const int code = RunSopLint((test::SourceDir() / "config/sop/escalation.toml").string(), out, err);
    EXPECT_EQ(err.str(), "");
    EXPECT_EQ(code, 0);
    std::cout << out.str();
}

}  // namespace
}  // namespace escbot::config::sop
