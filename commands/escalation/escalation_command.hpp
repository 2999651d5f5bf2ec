#pragma once

#include <string_view>

#include "bot/routing/router.hpp"
#include "commands/command_deps.hpp"

namespace escbot::commands::escalation {

/// The slash command this flow serves.
inline constexpr std::string_view kEscalateCommand = "/escalate";

/// Registers the escalation flow (SOP §1-2): `/escalate [homeowner name]`, its modal screens
/// (question steps, the resume screen), the answer inputs that re-render a step, the case thread
/// buttons (Claim, Add update, Resolve) and their modals, the live-ladder buttons (Accept,
/// Decline), the Back button of question screens, and the timers ladder.step, case.follow_up,
/// case.permalink and escalation.draft_sweep (closes drafts older than draft_max_age).
/// Starts a background
/// fetch of the lead groups' members. Call once at start-up, before the scheduler starts. The
/// handlers never throw for bad input; storage failures propagate to the router, which answers
/// with a reference id (the transaction rolled back).
void RegisterEscalation(routing::Router& router, CommandDeps& deps);

}  // namespace escbot::commands::escalation
