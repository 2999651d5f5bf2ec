#pragma once

#include <string>
#include <string_view>

namespace escbot::commands::escalation {

/// The key under which an open case is found again for the same homeowner (SOP 002 step 2):
/// the normalised name and property address, "name|address". Normalising folds ASCII case,
/// turns punctuation into spaces, collapses whitespace, and writes common address words in one
/// form ("Street" and "St." are both "st", "North" is "n", "Apartment"/"Apt"/"#" are "apt"), so
/// "Jane  Doe, 12 North Main Street, Apt. 4" and "jane doe 12 N Main St #4" give the same key.
/// Bytes outside ASCII are kept as they are. Empty when both parts are empty. Pure.
/// The result is personal data: database only, never logs.
std::string HomeownerKey(std::string_view name, std::string_view address);

/// One part normalised as above (exposed for tests).
std::string NormalizeForKey(std::string_view text);

}  // namespace escbot::commands::escalation
