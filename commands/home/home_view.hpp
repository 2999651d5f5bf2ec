#pragma once

#include <nlohmann/json.hpp>

#include "commands/home/home_data.hpp"
#include "config/settings.hpp"

namespace escbot::commands::home {

/// The Home tab view (type "home") of `data`: the viewer's open cases ("and N more" past
/// kMaxCases), the team part for leads and the back office, who is on duty now and next, the
/// commands and the SOP version. Within Slack's limits (100 blocks, text limits, 250 kB) however
/// many cases there are. Pure.
nlohmann::json RenderHome(const HomeData& data, const config::Settings& settings);

}  // namespace escbot::commands::home
