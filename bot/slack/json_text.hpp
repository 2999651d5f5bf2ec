#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace escbot::slack {

// How the bodies of Web API requests are written as JSON text. Pure functions, thread-safe.

/// `value` as compact JSON text, byte for byte what value.dump(-1, ' ', false,
/// error_handler_t::replace) writes (invalid UTF-8 becomes U+FFFD), but faster for the ASCII
/// text that Slack payloads mostly are: request bodies are built on the request path.
/// Figure (no commit recorded one): a 6 kB 20-block views.open body in 13-16 us against 17-22
/// for dump(), g++ -O2 on the shared 2-core VM, three rounds of 20,000.
std::string ToJsonText(const nlohmann::json& value);

/// Appends `text` as a JSON string literal, escaped as ToJsonText escapes strings.
void AppendJsonString(std::string& out, std::string_view text);

/// A value already written as JSON text (by ToJsonText), to be placed in a tree that ToJsonText
/// copies out as it is: how the rendered constant parts of a view are reused (RenderedParts).
/// It is a binary value to nlohmann, so a tree holding one goes to the Slack client (which
/// writes with ToJsonText) and nowhere else: not to dump(), not to an HTTP answer.
nlohmann::json WrittenJson(std::string_view json_text);

/// `value` with every WrittenJson in it parsed back into a tree: for a SlackApi that reads the
/// arguments of a call instead of writing them (the console).
nlohmann::json Expanded(nlohmann::json value);

}  // namespace escbot::slack
