#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace escbot::commands::concert {

/// `/concert Jane Doe, 12 Main St`: a complete request.
struct TypedRequest {
    std::string homeowner;
    std::string address;
};

/// `/concert cancel 12` (or `cancel #12`): the agent withdraws request 12.
struct TypedCancel {
    long long id = 0;
};

/// Anything else (empty, no comma, an empty part): the form opens, pre-filled with what was
/// typed.
struct NeedsForm {
    std::string homeowner;
    std::string address;
};

using ParsedText = std::variant<TypedRequest, TypedCancel, NeedsForm>;

/// Reads the text of `/concert`. The homeowner is everything before the first comma and the
/// address everything after it (addresses have commas of their own), both trimmed; the text is
/// made valid UTF-8 and cut to kMaxHomeownerChars / kMaxAddressChars with a marker. Pure.
ParsedText ParseConcertText(std::string_view text);

/// Trims spaces, tabs and line breaks at both ends. Pure.
std::string_view TrimSpace(std::string_view text);

}  // namespace escbot::commands::concert
