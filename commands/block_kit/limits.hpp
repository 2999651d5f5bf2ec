#pragma once

#include <cstddef>

#include "config/sop/slack_limits.hpp"

namespace escbot::commands::block_kit::limits {

// Block Kit limits (slack-platform.md §8). Counts are characters, not bytes.
inline constexpr std::size_t kMessageBlocks = 50;
inline constexpr std::size_t kViewBlocks = 100;  // modal and Home tab
inline constexpr std::size_t kSectionText = 3000;
inline constexpr std::size_t kSectionFields = 10;
inline constexpr std::size_t kSectionFieldText = 2000;
inline constexpr std::size_t kHeaderText = 150;
inline constexpr std::size_t kMarkdownBlockText = 12000;
inline constexpr std::size_t kTextObject = 3000;  // any other text object (context elements)
inline constexpr std::size_t kActionsElements = 25;
inline constexpr std::size_t kContextElements = 10;
inline constexpr std::size_t kButtonText = 75;
inline constexpr std::size_t kButtonValue = 2000;
inline constexpr std::size_t kUrl = 3000;
inline constexpr std::size_t kActionId = 255;
inline constexpr std::size_t kBlockId = 255;
inline constexpr std::size_t kOptionText = 75;
inline constexpr std::size_t kOptionValue = 75;  // python says 150, node 75: stay <= 75
inline constexpr std::size_t kSelectOptions = 100;
inline constexpr std::size_t kOptionGroups = 100;
inline constexpr std::size_t kCheckboxOptions = 10;  // checkboxes and radio_buttons
inline constexpr std::size_t kOverflowOptionsMin = 1;
inline constexpr std::size_t kOverflowOptionsMax = 5;
inline constexpr std::size_t kPlaceholder = 150;
inline constexpr std::size_t kLabel = 2000;  // input label
inline constexpr std::size_t kHint = 2000;
inline constexpr std::size_t kTextInputLength = 3000;  // plain_text_input min/max_length
inline constexpr std::size_t kConfirmTitle = 100;
inline constexpr std::size_t kConfirmText = 300;
inline constexpr std::size_t kConfirmButton = 30;  // confirm and deny
inline constexpr std::size_t kAltText = 2000;
inline constexpr std::size_t kModalTitle = 24;  // also submit and close
inline constexpr std::size_t kPrivateMetadata = 3000;
inline constexpr std::size_t kCallbackId = 255;
inline constexpr std::size_t kExternalId = 255;
inline constexpr std::size_t kMessageText = 40000;
inline constexpr std::size_t kUpdateText = 4000;  // chat.update: msg_too_long
// All the text in a message's blocks together: past about 12,000 characters Slack refuses the
// whole message with msg_blocks_too_long, each block within its own limit or not (not in
// Slack's reference; bolt-js issues #2509 and #2867).
inline constexpr std::size_t kMessageBlocksText = 12000;
// A whole view (modal or Home tab) as JSON: past 250 kB Slack answers view_too_large
// (views.open / views.update / views.publish; slack-platform.md §4).
inline constexpr std::size_t kViewBytes = 250'000;

namespace sop = config::sop::slack_limits;
static_assert(sop::kModalTitle == kModalTitle && sop::kOptionText == kOptionText &&
                  sop::kOptionValue == kOptionValue && sop::kSelectOptions == kSelectOptions &&
                  sop::kLabel == kLabel && sop::kPlaceholder == kPlaceholder &&
                  sop::kSectionText == kSectionText && sop::kHeaderText == kHeaderText &&
                  sop::kTextInputMax == kTextInputLength && sop::kViewBlocks == kViewBlocks,
              "config/sop/slack_limits.hpp disagrees with the Block Kit limits");

}  // namespace escbot::commands::block_kit::limits
