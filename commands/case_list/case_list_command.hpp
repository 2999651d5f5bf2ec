#pragma once

#include <memory>

#include "bot/routing/router.hpp"
#include "commands/team/team_env.hpp"

namespace escbot::commands::case_list {

/// `/escalation list|status` and its Next page button. The command is answered in its ack
/// (ephemeral: only the asker sees it); the button's answer goes to the click's response_url
/// through the router's private-answer path (bot/slack/private_reply.hpp), as a new ephemeral
/// message. Each asks the authorization table with the person who typed or pressed.
void RegisterCaseList(routing::Router& router, const std::shared_ptr<team::TeamEnv>& env);

}  // namespace escbot::commands::case_list
