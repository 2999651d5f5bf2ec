#include "bot/slack/call_labels.hpp"

#include <array>
#include <string_view>

namespace escbot::slack {
namespace {

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

}  // namespace

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
