#include "bot/app/token_check.hpp"

#include <future>
#include <memory>

#include "bot/core/logging.hpp"
#include "bot/slack/token_pause.hpp"

namespace escbot::app {

std::string RefusedTokenError(slack::SlackApi& api, std::chrono::milliseconds bound) {
    auto answer = std::make_shared<std::promise<slack::ApiResult>>();
    std::future<slack::ApiResult> future = answer->get_future();
    slack::CallOptions options;
    options.deadline = std::chrono::steady_clock::now() + bound;
    options.max_attempts = 3;
    api.Call("auth.test", nlohmann::json::object(), options,
             [answer](const slack::ApiResult& result) { answer->set_value(result); });
    const auto log = logging::Get("app");
    // A little past the deadline: the call's own last attempt may still be answering.
    if (future.wait_for(bound + std::chrono::seconds(2)) != std::future_status::ready) {
        log->warn("auth.test did not answer in time; starting anyway");
        return "";
    }
    const slack::ApiResult result = future.get();
    if (result.ok()) {
        const auto& body = result.body;
        log->info("Slack accepts the bot token: team {} ({}), bot user {}",
                  body.value("team_id", "?"), body.value("team", "?"), body.value("user_id", "?"));
        return "";
    }
    if (slack::IsTokenWideError(result.error)) return result.error;
    log->warn("auth.test failed ({}); starting anyway, the outbox retries",
              result.error.empty() ? "no answer" : result.error);
    return "";
}

}  // namespace escbot::app
