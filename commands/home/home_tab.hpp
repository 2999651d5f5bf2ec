#pragma once

#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/routing/router.hpp"
#include "commands/command_deps.hpp"
#include "commands/team/team_env.hpp"

namespace escbot::commands::home {

/// The views.publish of `user`'s Home as it is now (home_data + home_view), queued in the
/// caller's transaction on the lane "home:<user>".
void PublishHome(storage::UnitOfWork& u, team::TeamEnv& env, const config::Settings& settings,
                 std::string_view user, TimePoint now);

/// On `app_home_opened` (tab "home"): remembers the viewer (refreshes go only to people who use
/// the Home tab), drops a pending refresh and publishes the Home at once. The timer
/// home.refresh (home_refresh.hpp) publishes again when the viewer's cases change.
void RegisterHomeTab(routing::Router& router, const std::shared_ptr<team::TeamEnv>& env);

}  // namespace escbot::commands::home
