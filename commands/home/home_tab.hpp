#pragma once

#include <nlohmann/json.hpp>

#include "bot/routing/router.hpp"
#include "commands/command_deps.hpp"

namespace escbot::commands::home {

/// The Home tab a user sees when opening the app: the commands and what they do, who is on duty
/// now in each rotation (and until when), and the SOP version in force. Pure.
nlohmann::json HomeView(const config::Settings& settings, const config::sop::Sop* sop, TimePoint now);

/// On `app_home_opened` (tab "home"), publishes HomeView for that user through the outbox.
void RegisterHomeTab(routing::Router& router, CommandDeps& deps);

}  // namespace escbot::commands::home
