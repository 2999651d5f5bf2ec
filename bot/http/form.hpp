#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace escbot::http {

/// Decodes one application/x-www-form-urlencoded component into `out` (replacing its contents):
/// '+' becomes a space, then each "%XY" becomes the byte 0xXY. Returns false on a '%' not
/// followed by two hex digits. Bytes are not checked for UTF-8 here. Pure; thread-safe.
bool DecodeFormComponent(std::string_view encoded, std::string& out);

/// Decodes a whole form body ("a=1&b=x+y") into a JSON object of strings, the shape a Socket
/// Mode slash-command payload has. Empty pairs are skipped, a name without '=' gets "", and the
/// first of repeated names wins (as in bolt-python). Returns nullopt on a bad '%' escape or when
/// a decoded name or value is not valid UTF-8 (nlohmann/json could not serialise it later).
/// Pure; thread-safe.
std::optional<nlohmann::json> DecodeForm(std::string_view body);

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace escbot::http
