#pragma once

#include <string_view>
#include <vector>

#include "bot/routing/router.hpp"
#include "commands/command_deps.hpp"

namespace escbot::commands {

/// A slash command as the Slack app manifest declares it. This list is the one source of truth:
/// the router registers exactly these, and `escalation-bot manifest` writes them into the manifest.
struct SlashCommandSpec {
    std::string_view name;         // "/escalate"
    std::string_view description;  // shown in Slack's command menu
    std::string_view usage_hint;   // shown after the name while typing
};

const std::vector<SlashCommandSpec>& SlashCommands();

/// Registers every route (commands, actions, views, events) and every timer kind. Call once at
/// start-up, before the scheduler starts. Throws std::logic_error if a command in SlashCommands()
/// has no handler, so the manifest and the router cannot drift.
void RegisterAll(routing::Router& router, CommandDeps& deps);

}  // namespace escbot::commands
