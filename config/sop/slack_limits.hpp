#pragma once

#include <cstddef>

namespace escbot::config::sop {

/// The Slack Block Kit limits that SOP data can break (slack-platform.md §8). The full set lives
/// in commands/block_kit/limits.hpp, which checks at compile time that these agree with it.
namespace slack_limits {
inline constexpr std::size_t kModalTitle = 24;          // also submit and close
inline constexpr std::size_t kOptionText = 75;
inline constexpr std::size_t kOptionValue = 75;
inline constexpr std::size_t kSelectOptions = 100;
inline constexpr std::size_t kLabel = 2000;             // input label and hint
inline constexpr std::size_t kPlaceholder = 150;
inline constexpr std::size_t kSectionText = 3000;
inline constexpr std::size_t kHeaderText = 150;
inline constexpr std::size_t kTextInputMax = 3000;      // plain_text_input max_length
inline constexpr std::size_t kViewBlocks = 100;
}  // namespace slack_limits

}  // namespace escbot::config::sop
