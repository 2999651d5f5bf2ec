#pragma once

#include <optional>
#include <string_view>

#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/views/step_modal.hpp"

namespace escbot::commands::escalation {

// SOP 002 step 2: is there already an escalation case for this homeowner (name + property
// address, normalised)? If so, the interaction is added to it rather than opening a second one.

/// The newest open case for the homeowner in `answers`, if any.
std::optional<storage::EscalationCase> OpenCaseFor(storage::UnitOfWork& u,
                                                   const config::sop::Sop& sop,
                                                   const flow::Answers& answers);

/// The facts the engine needs at `step_id` (whether a case is open for this homeowner).
flow::Facts FactsFor(storage::UnitOfWork& u, const config::sop::Sop& sop,
                     std::string_view step_id, const flow::Answers& answers);

/// What the agent tells the customer about case `c`: status, owner, the last update.
views::ExistingCaseInfo ExistingInfo(storage::UnitOfWork& u, const storage::EscalationCase& c);

/// Adds this interaction to the homeowner's open case: an update in its thread, the root moved,
/// an audit entry. Returns what the case said before this interaction; nullopt, changing
/// nothing, when the case was closed meanwhile.
std::optional<views::ExistingCaseInfo> AddToExistingCase(storage::UnitOfWork& u,
                                                         const FlowContext& ctx,
                                                         const config::sop::Sop& sop,
                                                         const storage::Draft& draft,
                                                         const flow::FlowResult& result);

}  // namespace escbot::commands::escalation
