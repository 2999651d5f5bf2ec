#include "bot/console/block_text.hpp"

#include <gtest/gtest.h>

namespace escbot::console {
namespace {

TEST(MrkdwnToText, DecodesEntitiesAndShowsMentionsLinksAndDates) {
    EXPECT_EQ(MrkdwnToText("a &lt;b&gt; &amp; c"), "a <b> & c");
    EXPECT_EQ(MrkdwnToText("hi <@U1>, see <#C2|cases>"), "hi @U1, see #cases");
    EXPECT_EQ(MrkdwnToText("<https://x.test|the case> at <!date^1700000000^{date}|Nov 14>"),
              "the case (https://x.test) at Nov 14");
    EXPECT_EQ(MrkdwnToText("<!subteam^S1|leads> <!here>"), "@leads @here");
}

TEST(RenderBlocks, NumbersButtonsAcrossCallsAndShowsEachBlockKind) {
    const nlohmann::json blocks = {
        {{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", "Case 7"}}}},
        {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "*Owner:* <@U1>"}}}},
        {{"type", "divider"}},
        {{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", "due soon"}}}}},
        {{"type", "actions"},
         {"block_id", "acts"},
         {"elements",
          {{{"type", "button"}, {"action_id", "claim"}, {"value", "7"}, {"text", {{"type", "plain_text"}, {"text", "Claim"}}}},
           {{"type", "button"}, {"action_id", "resolve"}, {"value", "7"}, {"text", {{"type", "plain_text"}, {"text", "Resolve"}}}}}}}};
    std::vector<RenderedButton> buttons = {{"Earlier", "x", "y", "z"}};

    const std::string text = RenderBlocks(blocks, buttons);

    EXPECT_EQ(text, "== Case 7 ==\n*Owner:* @U1\n----\n  (due soon)\n[2] Claim   [3] Resolve\n");
    ASSERT_EQ(buttons.size(), 3u);
    EXPECT_EQ(buttons[2].action_id, "resolve");
    EXPECT_EQ(buttons[2].block_id, "acts");
    EXPECT_EQ(buttons[2].value, "7");
}

}  // namespace
}  // namespace escbot::console
