#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/views/step_modal.hpp"

namespace escbot::commands::escalation {

// SOP 002 step 2: is there already an escalation case for this homeowner (name + property
// address, normalised: homeowner_key.hpp)? If so, the agent sees every open case and may add
// this interaction to one of them rather than opening another one.

/// Most open cases looked up and listed for one homeowner.
inline constexpr int kMaxOpenCasesListed = 10;

/// The homeowner's open cases in `answers`, newest first, at most `limit`.
std::vector<storage::EscalationCase> OpenCasesFor(storage::UnitOfWork& u,
                                                  const config::sop::Sop& sop,
                                                  const flow::Answers& answers,
                                                  int limit = kMaxOpenCasesListed);

/// The newest open case for the homeowner in `answers`, if any.
std::optional<storage::EscalationCase> OpenCaseFor(storage::UnitOfWork& u,
                                                   const config::sop::Sop& sop,
                                                   const flow::Answers& answers);

/// The facts the engine needs at `step_id`: whether a case is open for this homeowner, and the
/// open cases as choices when the step asks which one (options_from = "open_cases").
flow::Facts FactsFor(storage::UnitOfWork& u, const config::sop::Sop& sop,
                     std::string_view step_id, const flow::Answers& answers);

/// What the agent tells the customer about case `c`: status, owner, when it was opened, the
/// last update given to the customer (never an added interaction).
views::ExistingCaseInfo ExistingInfo(storage::UnitOfWork& u, const storage::EscalationCase& c);

/// For a step with the existing-case panel or an "open_cases" question: the homeowner's open
/// cases as the panel shows them, their choices put in `facts`, and, when only one is open,
/// that one chosen in `answers` unless something is chosen already.
std::vector<views::ExistingCaseInfo> ExistingPanel(storage::UnitOfWork& u,
                                                   const config::sop::Sop& sop,
                                                   const config::sop::Step& step,
                                                   flow::Answers& answers, flow::Facts& facts);

/// Adds this interaction to the open case the agent chose (the newest one under an SOP version
/// that does not ask): records it as an added interaction (never an update given to the
/// customer: "last update" and the promise do not move), posts what the customer said in the
/// case thread tagging its owner (or the leads when unclaimed), and audits it. Returns what the
/// case said before this interaction; nullopt, changing nothing, when that case is no longer
/// open for this homeowner.
std::optional<views::ExistingCaseInfo> AddToExistingCase(storage::UnitOfWork& u,
                                                         const FlowContext& ctx,
                                                         const config::sop::Sop& sop,
                                                         const storage::Draft& draft,
                                                         const flow::FlowResult& result);

/// Recomputes the homeowner key of every case a migration marked (the key's rules changed),
/// from the answers stored with the case and the fields of its SOP version (`sops`, else the
/// stored SOP text, else the current version). Returns how many keys were recomputed. Run at
/// start-up, before requests are served.
int RekeyPendingCases(storage::UnitOfWork& u, const FlowContext& ctx);

}  // namespace escbot::commands::escalation
