#include "bot/slack/json_writer.hpp"

#include <utility>

#include "bot/slack/json_text.hpp"

namespace escbot::slack {

void JsonWriter::BeforeValue() {
    if (need_comma_) out_.push_back(',');
    need_comma_ = true;
}

JsonWriter& JsonWriter::Open(char bracket) {
    BeforeValue();
    out_.push_back(bracket);
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
    out_.push_back(bracket);
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::BeginObject() { return Open('{'); }
JsonWriter& JsonWriter::EndObject() { return Close('}'); }
JsonWriter& JsonWriter::BeginArray() { return Open('['); }
JsonWriter& JsonWriter::EndArray() { return Close(']'); }

JsonWriter& JsonWriter::Key(std::string_view key) {
    BeforeValue();
    AppendJsonString(out_, key);
    out_.push_back(':');
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::String(std::string_view text) {
    BeforeValue();
    AppendJsonString(out_, text);
    return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
    BeforeValue();
    out_.append(value ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::Int(long long value) {
    BeforeValue();
    out_.append(std::to_string(value));
    return *this;
}

std::string JsonWriter::Take() {
    need_comma_ = false;
    return std::exchange(out_, std::string());
}

}  // namespace escbot::slack
