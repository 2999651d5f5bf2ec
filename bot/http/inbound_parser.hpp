#pragma once

#include <string_view>

#include "bot/routing/inbound.hpp"

namespace escbot::http {

/// What a verified request body turned out to be.
enum class ParseStatus {
    kInbound,     // a slash command, interaction or event: dispatch it
    kBadRequest,  // malformed or unsupported: answer 400
};

/// The result of ParseInbound. `inbound` is meaningful only for kInbound; `error` is a short
/// description for logs when kBadRequest, naming the field at fault (it never quotes the body).
struct ParsedInbound {
    ParseStatus status = ParseStatus::kBadRequest;
    routing::Inbound inbound;
    std::string_view error;
};

/// True for Slack's SSL probe, which comes unsigned (bolt-js issue #1397 shows it): a form body
/// whose fields are `ssl_check=1` and at most a `token`. It gets an empty 200 before the
/// signature is checked, and nothing is dispatched; any other unsigned body (a slash command
/// with `&ssl_check=1` appended included) stays a 401.
bool IsSslCheck(std::string_view content_type, std::string_view raw_body);

/// Turns an HTTP request from Slack into an Inbound, the way Bolt's HTTP receiver does:
///  - form with `payload=<JSON object>`         -> kInteraction, body = the parsed payload;
///  - form with `command`                       -> kSlashCommand, body = the form's fields;
///  - application/json object with string `type`-> kEvent (url_verification, event_callback, ...).
/// The body is then read into its typed payload (routing::ReadInbound): a payload without a
/// field the bot requires is kBadRequest as well. Anything else (bad escapes, invalid JSON or
/// UTF-8, JSON nested over 64 deep, a form with neither field, another content type) is
/// kBadRequest. `content_type` is the Content-Type header (parameters such as charset are
/// ignored); `retry_num_header` is X-Slack-Retry-Num ("" or garbage -> 0); `received_at` starts
/// the trigger's 3 s. Call it only after the signature has been verified on the same raw bytes.
/// Never throws; thread-safe.
ParsedInbound ParseInbound(std::string_view content_type, std::string_view raw_body,
                           std::string_view retry_num_header,
                           routing::SteadyTime received_at = std::chrono::steady_clock::now());

}  // namespace escbot::http
