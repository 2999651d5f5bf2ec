#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/routing/payloads.hpp"
#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/flow/validation.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::views {

/// A view_submission's (or block_actions') `view.state.values` back into answers keyed by
/// question id. Every question input found gets a key, null when left empty, so the engine can
/// tell "left empty" from "not on screen". Texts are returned as typed (the engine trims);
/// choices as option values; multi choices as arrays; dates as YYYY-MM-DD. Blocks that are not
/// question inputs of this SOP are ignored. Never throws.
flow::Answers ParseStateValues(const config::sop::Sop& sop, const routing::StateValues& state);

/// Validation errors keyed by question id -> keyed by input block_id, for
/// routing::Ack::Errors (`response_action: errors`). Messages are cut to 300 characters.
std::map<std::string, std::string> ErrorsByBlockId(const flow::AnswerErrors& errors);

/// The whole response body: {"response_action":"errors","errors":{block_id: message}}.
nlohmann::json ErrorsResponse(const flow::AnswerErrors& errors);

}  // namespace escbot::commands::escalation::views
