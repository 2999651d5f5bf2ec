#pragma once

#include <chrono>
#include <string>

#include "bot/slack/slack_api.hpp"

namespace escbot::app {

/// Asks Slack who the bot token belongs to (auth.test), at start-up, waiting at most `bound`.
/// Returns Slack's error code when Slack refuses the token (slack::IsTokenWideError), else ""
/// (the token works: team and bot user are logged; or Slack could not be reached in time: a
/// warning, and the outbox retries later). Never logs the token.
std::string RefusedTokenError(slack::SlackApi& api, std::chrono::milliseconds bound);

}  // namespace escbot::app
