#include "bot/slack/slack_api.hpp"

#include <array>
#include <future>
#include <string_view>

namespace escbot::slack {

bool IsRetryable(const ApiResult& result) {
    switch (result.kind) {
        case ApiResult::Kind::kOk:
            return false;
        case ApiResult::Kind::kRateLimited:
        case ApiResult::Kind::kTransport:
            return true;
        case ApiResult::Kind::kHttp:
            return result.http_status >= 500 || result.http_status == 408;
        case ApiResult::Kind::kPlatform: {
            static constexpr std::array<std::string_view, 6> kTransient = {
                "internal_error", "fatal_error",  "service_unavailable",
                "request_timeout", "ratelimited", "rate_limited"};
            for (auto code : kTransient)
                if (result.error == code) return true;
            return false;
        }
    }
    return false;
}

ApiResult SlackApi::CallAndWait(std::string method, nlohmann::json args, CallOptions options) {
    auto promise = std::make_shared<std::promise<ApiResult>>();
    auto future = promise->get_future();
    Call(std::move(method), std::move(args), options,
         [promise](const ApiResult& result) { promise->set_value(result); });
    return future.get();
}

}  // namespace escbot::slack
