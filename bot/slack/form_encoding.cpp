#include "bot/slack/form_encoding.hpp"

#include "bot/slack/json_text.hpp"

namespace escbot::slack {
namespace {

bool IsUnreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

}  // namespace

bool IsFormEncodedMethod(std::string_view method) {
    return method == "users.info" || method == "usergroups.users.list" ||
           method == "chat.getPermalink" || method == "conversations.history" ||
           method == "conversations.replies" || method == "conversations.info";
}

void AppendPercentEncoded(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (IsUnreserved(c)) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
}

std::string FormEncode(const nlohmann::json& args) {
    std::string out;
    if (!args.is_object()) return out;
    for (const auto& [key, value] : args.items()) {
        if (value.is_null()) continue;
        if (!out.empty()) out.push_back('&');
        AppendPercentEncoded(out, key);
        out.push_back('=');
        if (value.is_string()) {
            AppendPercentEncoded(out, value.get_ref<const std::string&>());
        } else {
            AppendPercentEncoded(out, ToJsonText(value));
        }
    }
    return out;
}

}  // namespace escbot::slack
