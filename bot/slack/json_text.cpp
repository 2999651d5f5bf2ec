#include "bot/slack/json_text.hpp"

namespace escbot::slack {
namespace {

std::string NlohmannText(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendJsonText(std::string& out, const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            out.push_back('{');
            bool first = true;
            for (const auto& [key, member] : value.get_ref<const nlohmann::json::object_t&>()) {
                if (!first) out.push_back(',');
                first = false;
                AppendJsonString(out, key);
                out.push_back(':');
                AppendJsonText(out, member);
            }
            out.push_back('}');
            return;
        }
        case nlohmann::json::value_t::array: {
            out.push_back('[');
            bool first = true;
            for (const auto& element : value.get_ref<const nlohmann::json::array_t&>()) {
                if (!first) out.push_back(',');
                first = false;
                AppendJsonText(out, element);
            }
            out.push_back(']');
            return;
        }
        case nlohmann::json::value_t::string:
            AppendJsonString(out, value.get_ref<const std::string&>());
            return;
        case nlohmann::json::value_t::boolean:
            out.append(value.get<bool>() ? "true" : "false");
            return;
        case nlohmann::json::value_t::null:
            out.append("null");
            return;
        default:  // numbers (nlohmann's formatting), binary, discarded
            out.append(NlohmannText(value));
    }
}

}  // namespace

// ASCII is escaped here as nlohmann escapes it; text with any byte >= 0x80 goes through
// nlohmann, which validates the UTF-8 (and replaces what is invalid).
void AppendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            out.append(NlohmannText(nlohmann::json(text)));
            return;
        }
    }
    out.push_back('"');
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                out.append("\\u00");
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0xF]);
        }
    }
    out.append(text.substr(plain));
    out.push_back('"');
}

std::string ToJsonText(const nlohmann::json& value) {
    std::string out;
    out.reserve(256);
    AppendJsonText(out, value);
    return out;
}

}  // namespace escbot::slack
