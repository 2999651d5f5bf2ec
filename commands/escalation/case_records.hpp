#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "commands/escalation/flow/case_summary.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow_context.hpp"

namespace escbot::commands::escalation {

// A case's records: creating it, posting it, and its thread root as it reads now.

/// What the case's thread root shows (owner, status, last update, resolution). Pure.
flow::CaseSummary SummaryOf(const config::sop::Sop& sop, const storage::EscalationCase& c);

/// The summary as the channel shows it: contact details masked when [privacy]
/// mask_contact_details is set. Pure.
flow::CaseSummary ChannelSummaryOf(const config::sop::Sop& sop, const storage::EscalationCase& c,
                                   const config::Settings& settings);

/// The thread root of a case as it reads now. Pure.
nlohmann::json RootMessage(const config::sop::Sop& sop, const storage::EscalationCase& c,
                           const config::Settings& settings);

/// Queues the chat.update of case `case_id`'s root as it reads now (nothing when the case or its
/// SOP version is gone).
void EnqueueRootUpdate(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id);

/// Stores the case a finished flow ends in, with its audit entry.
storage::EscalationCase CreateCase(storage::UnitOfWork& u, const FlowContext& ctx,
                                   const config::sop::Sop& sop, const storage::Draft& draft,
                                   const flow::FlowResult& result,
                                   storage::EscalationCase::Status status,
                                   std::optional<TimePoint> follow_up_due);

/// Posts a follow-up case (status open, follow_up_due set) to the Resolution Team channel,
/// DMs the agent the CRM text, and schedules the follow-up reminder and the permalink.
void PublishCase(storage::UnitOfWork& u, const FlowContext& ctx, const config::sop::Sop& sop,
                 const storage::EscalationCase& c);

/// A case the live ladder created (it became a follow-up case when no one took the call).
bool IsLiveOutcome(const config::sop::Sop& sop, const storage::EscalationCase& c);

}  // namespace escbot::commands::escalation
