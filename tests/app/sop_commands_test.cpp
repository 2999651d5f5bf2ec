#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/sop/shipped_sop.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

ProcessResult Bot(std::vector<std::string> args) {
    args.insert(args.begin(), BotBinary().string());
    return RunProcess(args, {}, "", std::chrono::seconds(60), SourceDir().string());
}

std::string Shipped() { return (SourceDir() / "config/sop/escalation.toml").string(); }

TEST(SopCommands, GraphAsSvgIsRenderedByGraphvizWithEveryStepAndOutcome) {
    const auto r = Bot({"sop", "graph", Shipped(), "--format", "svg"});

    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("<svg"), std::string::npos);
    for (const auto& step : ShippedSop().steps)
        EXPECT_NE(r.out.find("<title>step:" + step.id + "</title>"), std::string::npos) << step.id;
    for (const auto& outcome : ShippedSop().outcomes)
        EXPECT_NE(r.out.find("<title>outcome:" + outcome.id + "</title>"), std::string::npos) << outcome.id;
}

TEST(SopCommands, GraphDefaultsToDotAndRefusesAnUnknownFormatOrABadFile) {
    TempDir dir;
    std::ofstream(dir / "bad.toml") << "[sop]\nid = \"escalation\"\n";

    const auto dot = Bot({"sop", "graph", Shipped()});
    const auto png = Bot({"sop", "graph", Shipped(), "--format", "png"});
    const auto bad = Bot({"sop", "graph", (dir / "bad.toml").string()});

    EXPECT_EQ(dot.exit_code, 0) << dot.err;
    EXPECT_EQ(dot.out.rfind("digraph ", 0), 0u);
    EXPECT_EQ(png.exit_code, 2);
    EXPECT_NE(png.err.find("dot or svg"), std::string::npos);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("bad.toml"), std::string::npos);
}

TEST(SopCommands, DiffExitsZeroWhetherOrNotTheVersionsDifferAndTwoOnABadFile) {
    const std::string old_file = (SourceDir() / "tests/sop/fixtures/escalation-2026.11.1.toml").string();

    const auto differ = Bot({"sop", "diff", old_file, Shipped()});
    const auto same = Bot({"sop", "diff", Shipped(), Shipped()});
    const auto bad = Bot({"sop", "diff", old_file, "/nonexistent/sop.toml"});

    EXPECT_EQ(differ.exit_code, 0) << differ.err;
    EXPECT_NE(differ.out.find("Timings ("), std::string::npos) << differ.out;
    EXPECT_NE(differ.out.find("due after 24h -> 48bh"), std::string::npos) << differ.out;
    EXPECT_EQ(same.exit_code, 0);
    EXPECT_NE(same.out.find("No change"), std::string::npos);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("/nonexistent/sop.toml"), std::string::npos);
}

}  // namespace
}  // namespace escbot::test
