#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "commands/escalation/views/ids.hpp"
#include "commands/escalation/views/result_modals.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using block_kit::CheckLimits;
using block_kit::Surface;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class ResultModalsTest : public ::testing::Test {
protected:
    const config::sop::Sop& sop_ = test::ShippedSop();

    std::string AllText(const json& view) { return view["blocks"].dump(); }
};

TEST_F(ResultModalsTest, LoadingModalPassesLimits) {
    const json view = LoadingModal("draft:1");

    EXPECT_THAT(CheckLimits(view, Surface::kModal), IsEmpty());
    EXPECT_EQ(view["callback_id"], ids::kLoadingCallbackId);
    EXPECT_THAT(AllText(view), HasSubstr("Loading…"));
}

TEST_F(ResultModalsTest, NotQualifiedScreenGivesTheAdviceAndTheReason) {
    flow::FlowResult result;
    result.kind = flow::FlowResult::Kind::kOutcome;
    result.outcome = sop_.FindOutcome("not_qualified");
    result.reason = "No lead requested & no qualifier.";

    const json view = NotQualifiedModal(sop_, result, "draft:1");

    EXPECT_THAT(CheckLimits(view, Surface::kModal), IsEmpty());
    EXPECT_FALSE(view.contains("submit"));
    EXPECT_EQ(view["close"]["text"], "Done");
    EXPECT_THAT(AllText(view), HasSubstr("Follow the appropriate SOP and stop"));
    EXPECT_THAT(AllText(view), HasSubstr("No lead requested &amp; no qualifier."));
}

TEST_F(ResultModalsTest, ClosingScreenShowsTheScriptToReadAndTheDeadline) {
    const json view =
        ClosingModal(sop_, *sop_.FindOutcome("follow_up"), {"42", FromUnix(1'700'086'400)},
                     "draft:1", test::NewYorkCalendar());

    EXPECT_THAT(CheckLimits(view, Surface::kModal), IsEmpty());
    EXPECT_THAT(AllText(view), HasSubstr("take your concerns seriously"));
    EXPECT_THAT(AllText(view), HasSubstr("Case 42 created"));
    EXPECT_THAT(AllText(view), HasSubstr("<!date^1700086400^"));
    EXPECT_THAT(AllText(view), HasSubstr("|Wed Nov 15, 2023 5:13 PM EST>"));
}

TEST_F(ResultModalsTest, LiveTransferScreenNamesTheFirstTierToBePaged) {
    const json view = OutcomeModal(sop_, *sop_.FindOutcome("live_ladder"), "", "draft:1",
                                   sop_.FindTier("tier2"));

    EXPECT_THAT(CheckLimits(view, Surface::kModal), IsEmpty());
    EXPECT_THAT(AllText(view), HasSubstr("*First to be paged:* Tier 2"));
    EXPECT_THAT(AllText(view), HasSubstr("leave a voicemail"));
}

TEST_F(ResultModalsTest, EveryOutcomeScreenPassesLimits) {
    for (const auto& outcome : sop_.outcomes) {
        EXPECT_THAT(CheckLimits(OutcomeModal(sop_, outcome, std::string(5000, 'r'), "1"),
                                Surface::kModal),
                    IsEmpty())
            << outcome.id;
    }
}

}  // namespace
}  // namespace escbot::commands::escalation::views
