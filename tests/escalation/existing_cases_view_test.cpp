#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "commands/block_kit/blocks.hpp"
#include "commands/escalation/views/interaction_messages.hpp"
#include "commands/escalation/views/result_modals.hpp"
#include "tests/support/new_york_calendar.hpp"

namespace escbot::commands::escalation::views {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

ExistingCaseInfo Hostile(int n) {
    return {"ESC-" + std::to_string(n), n % 2 ? "Claimed" : "Open", n % 2 ? "U0LEAD00001" : "",
            FromUnix(1'700'000'000 + n), FromUnix(1'700'086'400 + n),
            "<!channel> " + std::string(5000, '<')};
}

nlohmann::json InModal(nlohmann::json blocks) {
    block_kit::ModalSpec modal;
    modal.title = "Existing case found";
    modal.callback_id = "x";
    modal.blocks = std::move(blocks);
    return block_kit::Modal(std::move(modal));
}

TEST(ExistingCasesBlocks, ManyHostileCasesStayWithinAModalsLimits) {
    std::vector<ExistingCaseInfo> cases;
    for (int i = 1; i <= 30; ++i) cases.push_back(Hostile(i));

    const nlohmann::json blocks = ExistingCasesBlocks(cases, test::NewYorkCalendar(), 5);

    EXPECT_THAT(block_kit::CheckLimits(InModal(blocks), block_kit::Surface::kModal), IsEmpty());
    const std::string dump = blocks.dump();
    EXPECT_THAT(dump, HasSubstr("35 escalation cases are already open"));
    EXPECT_THAT(dump, HasSubstr("15 older open cases are not listed here"));
    EXPECT_THAT(dump, Not(HasSubstr("<!channel>")));
}

TEST(ExistingCasesBlocks, TwoCasesAreBothListedWithStateOwnerAndOpened) {
    const nlohmann::json blocks = ExistingCasesBlocks({Hostile(1), Hostile(2)}, test::NewYorkCalendar());

    ASSERT_EQ(blocks.size(), 3u);
    const std::string first = blocks[1]["text"]["text"];
    const std::string second = blocks[2]["text"]["text"];
    EXPECT_THAT(first, HasSubstr("*Case:* ESC-1   *Status:* Claimed   *Owner:* <@U0LEAD00001>"));
    EXPECT_THAT(second, HasSubstr("*Case:* ESC-2   *Status:* Open   *Owner:* unclaimed"));
    EXPECT_THAT(second, HasSubstr("*Opened:* <!date^1700000002^"));
}

TEST(ExistingCasesBlocks, NoCaseLeftSaysSo) {
    EXPECT_THAT(ExistingCasesBlocks({}, test::NewYorkCalendar()).dump(), HasSubstr("No escalation case is open"));
}

TEST(AddedInteractionReply, TagsQuotesAndStaysWithinAMessagesLimits) {
    AddedInteraction added;
    added.agent = "U0AGENT002";
    added.mentions = "<!subteam^S0LEADS0001>";
    added.said = "Line one <!here>\nLine two " + std::string(6000, '&');
    added.interaction_id = std::string(400, '<');
    added.origin = "Homeowner";
    added.qualifiers = std::vector<std::string>(30, std::string(75, 'q'));

    const nlohmann::json message = AddedInteractionReply(added);

    EXPECT_THAT(block_kit::CheckLimits(message, block_kit::Surface::kMessage), IsEmpty());
    const std::string dump = message.dump();
    EXPECT_THAT(dump, HasSubstr("<!subteam^S0LEADS0001>"));
    EXPECT_THAT(dump, HasSubstr(">Line one &lt;!here&gt;\\n>Line two"));
    EXPECT_THAT(dump, Not(HasSubstr("<!here>")));
    EXPECT_THAT(dump, HasSubstr("not an update given to the customer"));
}

}  // namespace
}  // namespace escbot::commands::escalation::views
