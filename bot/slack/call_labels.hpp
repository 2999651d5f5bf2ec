#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bot/slack/slack_api.hpp"

namespace escbot::slack {

// What of a Web API call may reach a metric label or a log line. Pure functions, thread-safe.

/// The `result` label of escbot_slack_api_calls_total: "ok", Slack's error code, "ratelimited",
/// "http_5xx", "http_<status>", "invalid_response", "transport", or for calls that never got an
/// answer "queue_full", "shutdown", "deadline_exceeded".
std::string MetricResult(const ApiResult& result);

/// Appends " key=<value>" for the Slack ids among args (channel, user, user_id, view_id,
/// usergroup, ts) whose values look like ids; nothing else of `args` reaches a log.
void AppendLoggableIds(std::string& out, const nlohmann::json& args);

}  // namespace escbot::slack
