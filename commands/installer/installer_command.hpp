#pragma once

#include "bot/routing/router.hpp"
#include "commands/command_deps.hpp"

namespace escbot::commands::installer {

/// Registers /installer-complaint (SOP §4 and §3): the form and its drafts, the back-office
/// thread's buttons and modals, and the cadence's timers (installer_flow.hpp).
void RegisterInstaller(routing::Router& router, CommandDeps& deps);

}  // namespace escbot::commands::installer
