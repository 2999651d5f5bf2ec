#include "bot/slack/wire_format.hpp"

#include <array>

namespace escbot::slack {
namespace {

bool IsUnreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

// Slack ids are upper-case letters and digits (C0123ABC, U0123, V0123); ts values are digits and
// one dot. Anything else might be a name or free text, which must not reach a log.
bool LooksLikeSlackId(std::string_view value) {
    if (value.empty() || value.size() > 32) return false;
    for (char c : value) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
        if (!ok) return false;
    }
    return true;
}

std::string JsonText(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

bool IsFormEncodedMethod(std::string_view method) {
    return method == "users.info" || method == "usergroups.users.list" ||
           method == "chat.getPermalink";
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
            AppendPercentEncoded(out, JsonText(value));
        }
    }
    return out;
}

ApiResult ReadHttpAnswer(int http_status, std::string_view body, long long retry_after_header,
                         std::chrono::seconds default_retry_after) {
    ApiResult result;
    result.http_status = http_status;
    result.body = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    const bool json_object = !result.body.is_discarded() && result.body.is_object();
    if (!json_object) result.body = nlohmann::json();

    auto slack_error = [&](std::string_view fallback) {
        if (json_object) {
            const auto it = result.body.find("error");
            if (it != result.body.end() && it->is_string()) return it->get<std::string>();
        }
        return std::string(fallback);
    };

    if (http_status == 429) {
        result.kind = ApiResult::Kind::kRateLimited;
        result.retry_after = retry_after_header > 0 ? std::chrono::seconds(retry_after_header)
                                                    : default_retry_after;
        result.error = slack_error("ratelimited");
        return result;
    }
    if (http_status != 200) {
        result.kind = ApiResult::Kind::kHttp;
        result.error = "http_" + std::to_string(http_status);
        return result;
    }
    if (!json_object) {
        result.kind = ApiResult::Kind::kHttp;
        result.error = "invalid_response";
        return result;
    }
    const auto ok = result.body.find("ok");
    if (ok != result.body.end() && ok->is_boolean() && ok->get<bool>()) {
        result.kind = ApiResult::Kind::kOk;
        return result;
    }
    result.kind = ApiResult::Kind::kPlatform;
    result.error = slack_error("unknown_error");
    return result;
}

std::string MetricResult(const ApiResult& result) {
    switch (result.kind) {
        case ApiResult::Kind::kOk:
            return "ok";
        case ApiResult::Kind::kPlatform:
            return result.error;
        case ApiResult::Kind::kRateLimited:
            return "ratelimited";
        case ApiResult::Kind::kHttp:
            if (result.http_status >= 500 && result.http_status <= 599) return "http_5xx";
            if (result.http_status == 200) return "invalid_response";
            return "http_" + std::to_string(result.http_status);
        case ApiResult::Kind::kTransport:
            if (result.error == "queue_full" || result.error == "shutdown" ||
                result.error == "deadline_exceeded") {
                return result.error;
            }
            return "transport";
    }
    return "transport";
}

void AppendLoggableIds(std::string& out, const nlohmann::json& args) {
    if (!args.is_object()) return;
    static constexpr std::array<const char*, 6> kKeys = {"channel", "user",      "user_id",
                                                         "view_id", "usergroup", "ts"};
    for (const char* key : kKeys) {
        const auto it = args.find(key);
        if (it == args.end() || !it->is_string()) continue;
        const auto& value = it->get_ref<const std::string&>();
        if (!LooksLikeSlackId(value)) continue;
        out.push_back(' ');
        out.append(key).push_back('=');
        out.append(value);
    }
}

}  // namespace escbot::slack
