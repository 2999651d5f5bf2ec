#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "bot/core/clock.hpp"
#include "bot/routing/ack.hpp"
#include "bot/routing/router.hpp"
#include "config/settings.hpp"

namespace escbot::commands::oncall {

/// The slash command this file serves.
inline constexpr std::string_view kOncallCommand = "/oncall";

/// Registers `/oncall [rotation]`: an ephemeral reply saying who is on duty on the rotation now
/// (default: [concert].rotation) and until when, and who is next, with times in the rotation's
/// zone and a Slack date token for the reader's own zone. An unknown name gets the list of
/// rotations. `settings` is called once per request (so a reloaded configuration applies);
/// `clock` must outlive the router. The handler never throws for bad input.
void RegisterOncallCommand(routing::Router& router,
                           std::function<std::shared_ptr<const config::Settings>()> settings,
                           const Clock& clock);

/// The reply to `/oncall <text>` at `now`. Pure; what the registered handler returns.
routing::Ack OncallReply(const config::Settings& settings, std::string_view text, TimePoint now);

}  // namespace escbot::commands::oncall
