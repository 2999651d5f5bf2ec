#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/slack/slack_api.hpp"

namespace escbot::slack {

// How Web API requests are written and answers read, apart from any HTTP library. Pure functions,
// thread-safe.

/// True for the methods Slack accepts only form-encoded or as a query string (no JSON bodies):
/// users.info, usergroups.users.list, chat.getPermalink.
bool IsFormEncodedMethod(std::string_view method);

/// `args` (an object) as application/x-www-form-urlencoded: strings as they are, objects and
/// arrays as JSON text (Slack reads `view`, `blocks` and the like from JSON strings), numbers and
/// bools as JSON. A non-object gives "".
std::string FormEncode(const nlohmann::json& args);

/// `value` as compact JSON text, byte for byte what value.dump(-1, ' ', false,
/// error_handler_t::replace) writes (invalid UTF-8 becomes U+FFFD), but several times faster for
/// the ASCII text that Slack payloads mostly are: request bodies are built on the request path.
std::string ToJsonText(const nlohmann::json& value);

/// Appends `text` as a JSON string literal, escaped as ToJsonText escapes strings.
void AppendJsonString(std::string& out, std::string_view text);

/// Percent-encodes everything except RFC 3986 unreserved characters.
void AppendPercentEncoded(std::string& out, std::string_view text);

/// How much of an answer's body to keep.
enum class AnswerParsing {
    kFull,
    /// For views.*: the answer echoes the whole view (often many kB). Keep its ids, hash, type,
    /// callback_id, external_id and private_metadata; skip blocks, state and texts.
    kViewWithoutContent,
    /// Only "ok" and "error" are read, without building a document; ApiResult::body stays null.
    kStatusOnly,
};

/// Reads one HTTP answer: 200 with `"ok": true` is kOk, 200 with `"ok": false` is kPlatform with
/// Slack's `error`, 429 is kRateLimited with `retry_after` (the header's seconds when positive,
/// else `default_retry_after`), anything else (or a 200 whose body is not a JSON object) is kHttp.
/// `attempts` is left 0.
ApiResult ReadHttpAnswer(int http_status, std::string_view body, long long retry_after_header,
                         std::chrono::seconds default_retry_after,
                         AnswerParsing parsing = AnswerParsing::kFull);

/// The `result` label of escbot_slack_api_calls_total: "ok", Slack's error code, "ratelimited",
/// "http_5xx", "http_<status>", "invalid_response", "transport", or for calls that never got an
/// answer "queue_full", "shutdown", "deadline_exceeded".
std::string MetricResult(const ApiResult& result);

/// Appends " key=<value>" for the Slack ids among args (channel, user, user_id, view_id,
/// usergroup, ts) whose values look like ids; nothing else of `args` reaches a log.
void AppendLoggableIds(std::string& out, const nlohmann::json& args);

}  // namespace escbot::slack
