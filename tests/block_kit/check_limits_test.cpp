#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"

namespace escbot::commands::block_kit {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Chars(std::size_t n) { return std::string(n, 'x'); }

json Plain(const std::string& text) { return {{"type", "plain_text"}, {"text", text}}; }
json Md(const std::string& text) { return {{"type", "mrkdwn"}, {"text", text}}; }
json SectionBlock(const std::string& text) { return {{"type", "section"}, {"text", Md(text)}}; }
json Opt(const std::string& text, const std::string& value) {
    return {{"text", Plain(text)}, {"value", value}};
}
json Options(std::size_t n) {
    json options = json::array();
    for (std::size_t i = 0; i < n; ++i) options.push_back(Opt("o" + std::to_string(i), "v" + std::to_string(i)));
    return options;
}
json InputBlock(const std::string& block_id, json element) {
    return {{"type", "input"}, {"block_id", block_id}, {"label", Plain("Label")},
            {"element", std::move(element)}};
}
json ModalWith(json blocks) {
    return {{"type", "modal"},
            {"title", Plain("Title")},
            {"submit", Plain("Next")},
            {"close", Plain("Cancel")},
            {"callback_id", "cb"},
            {"private_metadata", "42"},
            {"blocks", std::move(blocks)}};
}
json MessageWith(json blocks) { return {{"text", "fallback"}, {"blocks", std::move(blocks)}}; }

/// The errors for a modal holding one block.
std::vector<std::string> ModalErrors(json block) {
    return CheckLimits(ModalWith(json::array({std::move(block)})), Surface::kModal);
}

TEST(CheckLimitsTest, AcceptsAValidModalAndMessage) {
    const json modal = ModalWith(json::array(
        {SectionBlock("Hello"),
         InputBlock("q_a", {{"type", "radio_buttons"}, {"action_id", "a"}, {"options", Options(3)}}),
         InputBlock("q_b", {{"type", "plain_text_input"}, {"action_id", "a"}, {"max_length", 10},
                            {"initial_value", "0123456789"}})}));
    const json message = MessageWith(json::array(
        {{{"type", "header"}, {"text", Plain("Case 1")}},
         {{"type", "actions"},
          {"elements", json::array({{{"type", "button"}, {"text", Plain("Claim")},
                                     {"action_id", "case_claim"}, {"value", "1"}}})}}}));

    EXPECT_THAT(CheckLimits(modal, Surface::kModal), IsEmpty());
    EXPECT_THAT(CheckLimits(message, Surface::kMessage), IsEmpty());
}

TEST(CheckLimitsTest, FlagsMoreThanFiftyBlocksInAMessage) {
    const json message = MessageWith(json(std::vector<json>(51, json{{"type", "divider"}})));

    EXPECT_THAT(CheckLimits(message, Surface::kMessage),
                Contains(HasSubstr("51 blocks; the limit is 50")));
}

TEST(CheckLimitsTest, FlagsMoreThanOneHundredBlocksInAView) {
    const json view = ModalWith(json(std::vector<json>(101, json{{"type", "divider"}})));

    EXPECT_THAT(CheckLimits(view, Surface::kModal), Contains(HasSubstr("101 blocks; the limit is 100")));
    EXPECT_THAT(CheckLimits({{"type", "home"}, {"blocks", view["blocks"]}}, Surface::kHome),
                Contains(HasSubstr("101 blocks")));
}

TEST(CheckLimitsTest, FlagsAViewOverTwoHundredFiftyKilobytesEvenWithEveryBlockWithinItsLimits) {
    // 99 sections of 3,000 characters each (\u00e9 is 2 bytes): every block is fine, the whole
    // view is about 600 kB.
    std::string text;
    for (int i = 0; i < 3000; ++i) text += "\xc3\xa9";
    json blocks = json::array();
    for (int i = 0; i < 99; ++i) {
        blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}});
    }
    const json home = {{"type", "home"}, {"blocks", blocks}};

    EXPECT_THAT(CheckLimits(home, Surface::kHome), Contains(HasSubstr("view_too_large")));
    blocks.erase(blocks.begin() + 1, blocks.end());
    EXPECT_THAT(CheckLimits(json{{"type", "home"}, {"blocks", blocks}}, Surface::kHome), IsEmpty());
}

TEST(CheckLimitsTest, FlagsSectionTextOverThreeThousand) {
    EXPECT_THAT(ModalErrors(SectionBlock(Chars(3001))),
                Contains(HasSubstr("text has 3001 characters; the limit is 3000")));
}

TEST(CheckLimitsTest, FlagsEmptySectionText) {
    EXPECT_THAT(ModalErrors(SectionBlock("")), Contains(HasSubstr("text is empty")));
}

TEST(CheckLimitsTest, FlagsTooManyAndTooLongSectionFields) {
    json fields = json::array();
    for (int i = 0; i < 11; ++i) fields.push_back(Md("f"));
    fields[0] = Md(Chars(2001));

    const auto errors = ModalErrors({{"type", "section"}, {"fields", fields}});

    EXPECT_THAT(errors, Contains(HasSubstr("11 fields; the limit is 10")));
    EXPECT_THAT(errors, Contains(HasSubstr("fields[0] has 2001 characters")));
}

TEST(CheckLimitsTest, FlagsHeaderOverOneHundredFiftyOrInMrkdwn) {
    EXPECT_THAT(ModalErrors({{"type", "header"}, {"text", Plain(Chars(151))}}),
                Contains(HasSubstr("151 characters; the limit is 150")));
    EXPECT_THAT(ModalErrors({{"type", "header"}, {"text", Md("x")}}),
                Contains(HasSubstr("must be plain_text")));
}

TEST(CheckLimitsTest, FlagsButtonTextAndValueLimits) {
    const json button = {{"type", "button"}, {"text", Plain(Chars(76))}, {"action_id", "b"},
                         {"value", Chars(2001)}};

    const auto errors = ModalErrors({{"type", "actions"}, {"elements", json::array({button})}});

    EXPECT_THAT(errors, Contains(HasSubstr("76 characters; the limit is 75")));
    EXPECT_THAT(errors, Contains(HasSubstr("value has 2001 characters; the limit is 2000")));
}

TEST(CheckLimitsTest, FlagsOptionTextAndValueOverSeventyFive) {
    json options = Options(2);
    options[0] = Opt(Chars(76), Chars(76));

    const auto errors =
        ModalErrors(InputBlock("q", {{"type", "static_select"}, {"action_id", "a"}, {"options", options}}));

    EXPECT_THAT(errors, Contains(HasSubstr("options[0]: text has 76 characters")));
    EXPECT_THAT(errors, Contains(HasSubstr("options[0]: value has 76 characters")));
}

TEST(CheckLimitsTest, FlagsMoreThanOneHundredSelectOptions) {
    EXPECT_THAT(ModalErrors(InputBlock(
                    "q", {{"type", "multi_static_select"}, {"action_id", "a"}, {"options", Options(101)}})),
                Contains(HasSubstr("101 options; allowed 1-100")));
}

TEST(CheckLimitsTest, FlagsMoreThanTenCheckboxOrRadioOptions) {
    EXPECT_THAT(ModalErrors(InputBlock(
                    "q", {{"type", "checkboxes"}, {"action_id", "a"}, {"options", Options(11)}})),
                Contains(HasSubstr("11 options; allowed 1-10")));
    EXPECT_THAT(ModalErrors(InputBlock(
                    "q", {{"type", "radio_buttons"}, {"action_id", "a"}, {"options", Options(11)}})),
                Contains(HasSubstr("11 options; allowed 1-10")));
}

TEST(CheckLimitsTest, FlagsAnInitialOptionThatIsNotAnOption) {
    const json element = {{"type", "radio_buttons"}, {"action_id", "a"}, {"options", Options(2)},
                          {"initial_option", Opt("other", "v9")}};

    EXPECT_THAT(ModalErrors(InputBlock("q", element)),
                Contains(HasSubstr("initial option is not one of the options")));
}

TEST(CheckLimitsTest, FlagsPlaceholderOverOneHundredFifty) {
    EXPECT_THAT(ModalErrors(InputBlock("q", {{"type", "plain_text_input"}, {"action_id", "a"},
                                             {"placeholder", Plain(Chars(151))}})),
                Contains(HasSubstr("placeholder has 151 characters")));
}

TEST(CheckLimitsTest, FlagsLabelAndHintOverTwoThousand) {
    json block = InputBlock("q", {{"type", "plain_text_input"}, {"action_id", "a"}});
    block["label"] = Plain(Chars(2001));
    block["hint"] = Plain(Chars(2001));

    const auto errors = ModalErrors(block);

    EXPECT_THAT(errors, Contains(HasSubstr("label has 2001 characters")));
    EXPECT_THAT(errors, Contains(HasSubstr("hint has 2001 characters")));
}

TEST(CheckLimitsTest, FlagsTextInputLengthsAndAnInitialValueLongerThanMaxLength) {
    const auto errors = ModalErrors(InputBlock(
        "q", {{"type", "plain_text_input"}, {"action_id", "a"}, {"max_length", 5},
              {"initial_value", "too long"}}));
    EXPECT_THAT(errors, Contains(HasSubstr("initial_value has 8 characters; the limit is 5")));

    EXPECT_THAT(ModalErrors(InputBlock(
                    "q", {{"type", "plain_text_input"}, {"action_id", "a"}, {"max_length", 3001}})),
                Contains(HasSubstr("max_length 3001 is outside 1-3000")));
}

TEST(CheckLimitsTest, FlagsModalTitleSubmitAndCloseOverTwentyFour) {
    json view = ModalWith(json::array({SectionBlock("x")}));
    view["title"] = Plain(Chars(25));
    view["submit"] = Plain(Chars(25));
    view["close"] = Plain(Chars(25));

    const auto errors = CheckLimits(view, Surface::kModal);

    EXPECT_THAT(errors, Contains(HasSubstr("title has 25 characters; the limit is 24")));
    EXPECT_THAT(errors, Contains(HasSubstr("submit has 25 characters")));
    EXPECT_THAT(errors, Contains(HasSubstr("close has 25 characters")));
}

TEST(CheckLimitsTest, FlagsAModalWithInputsButNoSubmit) {
    json view = ModalWith(json::array({InputBlock("q", {{"type", "plain_text_input"}})}));
    view.erase("submit");

    EXPECT_THAT(CheckLimits(view, Surface::kModal), Contains(HasSubstr("submit is missing")));
}

TEST(CheckLimitsTest, FlagsPrivateMetadataAndCallbackIdLimits) {
    json view = ModalWith(json::array({SectionBlock("x")}));
    view["private_metadata"] = Chars(3001);
    view["callback_id"] = Chars(256);

    const auto errors = CheckLimits(view, Surface::kModal);

    EXPECT_THAT(errors, Contains(HasSubstr("private_metadata has 3001 characters")));
    EXPECT_THAT(errors, Contains(HasSubstr("callback_id has 256 characters")));
}

TEST(CheckLimitsTest, FlagsLongAndDuplicateBlockIds) {
    json a = SectionBlock("a");
    a["block_id"] = Chars(256);
    json b = SectionBlock("b");
    b["block_id"] = "same";
    json c = SectionBlock("c");
    c["block_id"] = "same";

    const auto errors = CheckLimits(ModalWith(json::array({a, b, c})), Surface::kModal);

    EXPECT_THAT(errors, Contains(HasSubstr("block_id has 256 characters")));
    EXPECT_THAT(errors, Contains(HasSubstr("blocks[2] (section, block_id \"same\"): duplicate block_id")));
}

TEST(CheckLimitsTest, FlagsLongActionIdAndDuplicateActionIdsInABlock) {
    const json one = {{"type", "button"}, {"text", Plain("A")}, {"action_id", "dup"}};
    const json two = {{"type", "button"}, {"text", Plain("B")}, {"action_id", "dup"}};
    const json long_id = {{"type", "button"}, {"text", Plain("C")}, {"action_id", Chars(256)}};

    const auto errors =
        ModalErrors({{"type", "actions"}, {"elements", json::array({one, two, long_id})}});

    EXPECT_THAT(errors, Contains(HasSubstr("duplicate action_id in the block")));
    EXPECT_THAT(errors, Contains(HasSubstr("action_id has 256 characters")));
}

TEST(CheckLimitsTest, FlagsActionsAndContextElementCounts) {
    const json button = {{"type", "button"}, {"text", Plain("A")}};
    const json actions = {{"type", "actions"}, {"elements", json(std::vector<json>(26, button))}};
    const json context = {{"type", "context"}, {"elements", json(std::vector<json>(11, Md("x")))}};

    EXPECT_THAT(ModalErrors(actions), Contains(HasSubstr("26 elements; the limit is 25")));
    EXPECT_THAT(ModalErrors(context), Contains(HasSubstr("11 elements; the limit is 10")));
}

TEST(CheckLimitsTest, FlagsMessageTextOverFortyThousandAndUpdateTextOverFourThousand) {
    const json long_message = {{"text", Chars(40001)}};
    const json update = {{"text", Chars(4001)}};

    EXPECT_THAT(CheckLimits(long_message, Surface::kMessage),
                Contains(HasSubstr("text has 40001 characters; the limit is 40000")));
    EXPECT_THAT(CheckLimits(update, Surface::kMessageUpdate),
                Contains(HasSubstr("text has 4001 characters; the limit is 4000")));
    EXPECT_THAT(CheckLimits(update, Surface::kMessage), IsEmpty());
}

TEST(CheckLimitsTest, FlagsAMessageWhoseBlocksHoldOverTwelveThousandCharactersTogether) {
    // Five sections, each within its own 3000: 12,500 together.
    const json message = MessageWith(json(std::vector<json>(5, SectionBlock(Chars(2500)))));

    EXPECT_THAT(CheckLimits(message, Surface::kMessage),
                Contains(HasSubstr("12500 characters of text together; Slack refuses more than "
                                   "12000 (msg_blocks_too_long)")));
    EXPECT_THAT(CheckLimits(MessageWith(json(std::vector<json>(4, SectionBlock(Chars(2500))))),
                            Surface::kMessage),
                IsEmpty());
}

TEST(CheckLimitsTest, TextInBlocksCountsEveryTextAtAnyDepth) {
    const json blocks = json::array(
        {SectionBlock("abc"),
         {{"type", "section"}, {"fields", json::array({Md("de"), Md("fgh")})}},
         {{"type", "actions"},
          {"elements", json::array({{{"type", "button"},
                                     {"text", {{"type", "plain_text"}, {"text", "ïj"}}},
                                     {"value", "not text"}}})}}});

    EXPECT_EQ(TextInBlocks(blocks), 10u);
}

TEST(CheckLimitsTest, FlagsOverflowWithMoreThanFiveOptions) {
    const json overflow = {{"type", "overflow"}, {"action_id", "o"}, {"options", Options(6)}};

    EXPECT_THAT(ModalErrors({{"type", "section"}, {"text", Md("x")}, {"accessory", overflow}}),
                Contains(HasSubstr("6 options; allowed 1-5")));
}

TEST(CheckLimitsTest, FlagsConfirmDialogLimits) {
    const json confirm = {{"title", Plain(Chars(101))}, {"text", Plain(Chars(301))},
                          {"confirm", Plain(Chars(31))}, {"deny", Plain("No")}};
    const json button = {{"type", "button"}, {"text", Plain("Go")}, {"confirm", confirm}};

    const auto errors = ModalErrors({{"type", "actions"}, {"elements", json::array({button})}});

    EXPECT_THAT(errors, Contains(HasSubstr("title has 101 characters; the limit is 100")));
    EXPECT_THAT(errors, Contains(HasSubstr("text has 301 characters; the limit is 300")));
    EXPECT_THAT(errors, Contains(HasSubstr("confirm has 31 characters; the limit is 30")));
}

TEST(CheckLimitsTest, FlagsUnknownBlockTypesAndMalformedShapes) {
    EXPECT_THAT(ModalErrors({{"type", "sectoin"}}), Contains(HasSubstr("unknown block type")));
    EXPECT_THAT(CheckLimits(json::array(), Surface::kMessage), Contains(HasSubstr("must be an object")));
    EXPECT_THAT(CheckLimits({{"type", "modal"}, {"blocks", 7}}, Surface::kModal),
                Contains(HasSubstr("blocks must be an array")));
}

}  // namespace
}  // namespace escbot::commands::block_kit
