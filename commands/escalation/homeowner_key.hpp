#pragma once

#include <string>
#include <string_view>

namespace escbot::commands::escalation {

/// The key under which an open case is found again for the same homeowner (SOP 002 step 2):
/// the normalised name and property address, "name|address". Both parts are folded
/// (latin_fold.hpp: case and accents, so "JOSÉ ÑÚÑEZ" is "jose nunez"; apostrophes dropped, so
/// "O'Neil" is "oneil"; other punctuation separates words, so "Mary-Ann" is "mary ann") and
/// whitespace collapses. The name also loses its middle initials (single letters between the
/// first and the last word: "John Q. Smith" is "john smith"). The address writes common address
/// words in one form ("Street" and "St." are both "st", "North" is "n", "Apartment"/"Apt"/"#"
/// are "apt"), so "Jane  Doe, 12 North Main Street, Apt. 4" and "jane doe 12 N Main St #4" give
/// the same key. Empty when both parts are empty. Pure.
/// The result is personal data: database only, never logs.
/// Stored keys follow this function: when it changes, a migration marks the stored cases for a
/// new key (see RekeyPendingCases in existing_case.hpp).
std::string HomeownerKey(std::string_view name, std::string_view address);

/// An address (or any text) normalised as above (exposed for tests).
std::string NormalizeForKey(std::string_view text);

/// A name normalised as above, middle initials dropped (exposed for tests).
std::string NormalizeName(std::string_view name);

}  // namespace escbot::commands::escalation
