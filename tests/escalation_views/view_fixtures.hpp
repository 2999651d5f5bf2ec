#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/routing/payloads.hpp"
#include "commands/escalation/flow/answers.hpp"
#include "config/sop/sop.hpp"

namespace escbot::test {

/// Text that tries to ping, link and smuggle entities into mrkdwn.
inline const std::string kHostile = "<!channel> <https://evil|x> & <@U999> &amp; >";

/// Answers a careful agent would give to every question of the SOP (conditions on "yes" and
/// first options make most follow-up questions visible).
commands::escalation::flow::Answers PlausibleAnswers(const config::sop::Sop& sop);

/// Every question at its longest: texts at max_length of multi-byte and hostile characters,
/// every option of multi choices.
commands::escalation::flow::Answers MaximalAnswers(const config::sop::Sop& sop);

/// What the bot reads of view.state.values (routing::StateValues) for a rendered modal whose
/// inputs the agent left at their initial values, per element type.
routing::StateValues SimulatedStateValues(const nlohmann::json& view);

/// Every mrkdwn text in a surface (section text and fields, context texts, message text).
std::vector<std::string> MrkdwnTexts(const nlohmann::json& surface);

}  // namespace escbot::test
