#pragma once

#include <cstddef>
#include <string_view>

#include "bot/slack/json_writer.hpp"
#include "commands/block_kit/limits.hpp"

namespace escbot::commands::block_kit {

// The Block Kit builders' text objects written straight to JSON text, for the views opened on
// the request path: the same members and limits as PlainText, Mrkdwn and Option in blocks.hpp.

/// {"type":"plain_text","text":...,"emoji":true}, the text cut to `max_chars`.
void WritePlainText(slack::JsonWriter& out, std::string_view text, std::size_t max_chars);

/// {"type":"mrkdwn","text":...}, cut as TruncateMrkdwn cuts.
void WriteMrkdwn(slack::JsonWriter& out, std::string_view mrkdwn,
                 std::size_t max_chars = limits::kTextObject);

/// {"text":<plain_text <= 75>,"value":...}.
void WriteOption(slack::JsonWriter& out, std::string_view text, std::string_view value);

}  // namespace escbot::commands::block_kit
