#pragma once

#include <chrono>
#include <string_view>

#include "bot/slack/slack_api.hpp"

namespace escbot::slack {

// How a Web API answer is read into an ApiResult, apart from any HTTP library. Pure functions,
// thread-safe.

/// How much of an answer's body to keep.
enum class AnswerParsing {
    kFull,
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

}  // namespace escbot::slack
