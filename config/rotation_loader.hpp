#pragma once

// Internal to config/ (include only from .cpp files: it pulls in toml++).

#include "config/rotation.hpp"
#include "config/toml_reader.hpp"

namespace escbot::config::detail {

/// Reads [holiday_calendars.*] and [rotations.*] from the root table into `out`; problems go to
/// the reader's Problems, each with its line and dotted key. The TOML shape is documented in
/// config/escalation-bot.example.toml.
void ReadRotations(TableReader& root, RotationSet& out);

}  // namespace escbot::config::detail
