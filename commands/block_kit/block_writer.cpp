#include "commands/block_kit/block_writer.hpp"

#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit {

void WritePlainText(slack::JsonWriter& out, std::string_view text, std::size_t max_chars) {
    out.BeginObject()
        .Key("type").String("plain_text")
        .Key("text").String(Truncate(text, max_chars))
        .Key("emoji").Bool(true)
        .EndObject();
}

void WriteMrkdwn(slack::JsonWriter& out, std::string_view mrkdwn, std::size_t max_chars) {
    out.BeginObject()
        .Key("type").String("mrkdwn")
        .Key("text").String(TruncateMrkdwn(mrkdwn, max_chars))
        .EndObject();
}

void WriteOption(slack::JsonWriter& out, std::string_view text, std::string_view value) {
    out.BeginObject().Key("text");
    WritePlainText(out, text, limits::kOptionText);
    out.Key("value").String(value).EndObject();
}

}  // namespace escbot::commands::block_kit
