#pragma once

#include "commands/command_deps.hpp"

namespace escbot::commands::retention {

/// The daily purge: one durable timer that moves itself on (a day later, or a minute later while
/// a backlog remains), scheduled at start-up if missing. With personal_data_days = 0 it removes
/// nothing, and a reload that sets a number takes effect at its next firing.
void RegisterRetention(CommandDeps& deps);

}  // namespace escbot::commands::retention
