#pragma once

// Internal to config/ (include only from .cpp files: it pulls in toml++). One way to read a
// duration key, shared by the settings loader and the SOP loader: each reports the message with
// its own file, line and key.

#include <variant>

#include <toml++/toml.h>

#include "config/duration.hpp"

namespace escbot::config {

/// A duration written as a TOML string ("24bh"); a DurationError (never quoting the value) when
/// the node is not a string or the text is not a duration.
std::variant<Duration, DurationError> DurationFromNode(const toml::node& node);

}  // namespace escbot::config
