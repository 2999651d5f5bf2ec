#pragma once

#include <string>
#include <string_view>

namespace escbot {

/// Masks what must never reach a log: Slack tokens (xoxb-, xoxp-, xapp-, ...), e-mail
/// addresses, phone numbers, and the input snippets that JSON parsers quote in their errors.
/// Personal data is kept out of log calls by design (logs carry Slack ids only); this is the
/// safety net behind that rule. Pure and thread-safe.
std::string Redact(std::string_view line);

}  // namespace escbot
