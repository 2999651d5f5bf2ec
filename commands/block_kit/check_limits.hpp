#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::commands::block_kit {

/// What a Block Kit payload is for; the limits differ.
enum class Surface {
    kModal,          // a view object of type "modal" (views.open / update / push, response_action)
    kHome,           // a view object of type "home" (views.publish)
    kMessage,        // a message: {"text", "blocks"} (chat.postMessage, postEphemeral, respond)
    kMessageUpdate,  // a message sent with chat.update (text <= 4000)
};

/// Characters of text in `blocks`, all together: every string under a "text" key at any depth
/// (section and header texts, fields, context elements, button labels, rich text). What Slack
/// holds against limits::kMessageBlocksText. Pure.
std::size_t TextInBlocks(const nlohmann::json& blocks);

/// Every Slack limit the payload breaks (slack-platform.md §8), one readable line each, naming
/// the block ("blocks[3] (block_id q_email)") and the limit; empty when Slack would accept it.
/// Checks: block counts (50 per message, 100 per view), section text/fields, header, markdown,
/// context and actions element counts, button text/value/url, option text/value and counts
/// (100 for selects, 10 for checkboxes/radio), placeholders, input label/hint, plain_text_input
/// lengths, confirm dialogs, modal title/submit/close, private_metadata, callback_id,
/// external_id, block_id/action_id lengths, unique block_ids in the surface, unique action_ids
/// in a block, initial options that are not among the options, message text (40000, or 4000
/// for chat.update), the text of a message's blocks together (12000), and required parts (modal title, submit with inputs, non-empty texts).
/// Pure; never throws, also on malformed JSON shapes (which it reports).
std::vector<std::string> CheckLimits(const nlohmann::json& surface, Surface kind);

}  // namespace escbot::commands::block_kit
