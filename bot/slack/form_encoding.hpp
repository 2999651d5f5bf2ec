#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace escbot::slack {

// The Web API methods that take no JSON body, and how their arguments are written instead.
// Pure functions, thread-safe.

/// True for the methods Slack accepts only form-encoded or as a query string (no JSON bodies):
/// users.info, usergroups.users.list, chat.getPermalink, and the reads conversations.history
/// and conversations.replies (Slack's SDKs send them as GET query strings).
bool IsFormEncodedMethod(std::string_view method);

/// `args` (an object) as application/x-www-form-urlencoded: strings as they are, objects and
/// arrays as JSON text (Slack reads `view`, `blocks` and the like from JSON strings), numbers and
/// bools as JSON. A non-object gives "".
std::string FormEncode(const nlohmann::json& args);

/// Percent-encodes everything except RFC 3986 unreserved characters.
void AppendPercentEncoded(std::string& out, std::string_view text);

}  // namespace escbot::slack
