#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/check_limits.hpp"
#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit {
namespace {

using ::testing::IsEmpty;

TEST(BlocksTest, BuildersCutOverlongTextsSoTheSurfaceStaysValid) {
    const std::string huge(5000, 'x');
    ModalSpec spec;
    spec.title = huge;
    spec.submit = huge;
    spec.close = huge;
    spec.callback_id = "cb";
    spec.blocks = nlohmann::json::array(
        {Header(huge), Section(huge), SectionFields(std::vector<std::string>(12, huge)),
         Context(std::vector<std::string>(12, huge)),
         Input("q_a", huge,
               StaticSelect("a", huge, {Option(huge, "v1"), Option("b", "v2")}, 0),
               {.optional = true, .hint = huge}),
         Input("q_b", huge, PlainTextInput("a", {.multiline = true, .max_length = 10,
                                                  .initial_value = huge, .placeholder = huge})),
         Actions("acts", {Button(huge, "b1", "1")})});

    const nlohmann::json modal = Modal(spec);

    EXPECT_THAT(CheckLimits(modal, Surface::kModal), IsEmpty());
    EXPECT_EQ(modal["title"]["text"].get<std::string>().back(), "…"[2]);  // ends with the marker
}

TEST(BlocksTest, InitialOptionIsTheVeryOptionObject) {
    const std::vector<nlohmann::json> options{Option("Yes", "yes"), Option("No", "no")};

    const nlohmann::json radio = RadioButtons("a", options, 1);

    EXPECT_EQ(radio["initial_option"], options[1]);
}

}  // namespace
}  // namespace escbot::commands::block_kit
