#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/screens.hpp"
#include "commands/escalation/views/flow_modals.hpp"

namespace escbot::commands::escalation {

// /escalate and its drafts: a new draft's first screen, or the offer to resume an unfinished
// one ("resume or start over").

/// The homeowner name typed after /escalate, trimmed and cut to what a draft keeps.
std::string PrefillName(std::string_view command_text);

/// Read-only: the unfinished form to offer again when there is nothing new to keep on it (no
/// name typed, or the same one); nullopt otherwise, and when it cannot be resumed.
std::optional<views::UnfinishedForm> FindResumable(storage::UnitOfWork& u,
                                                   const FlowContext& ctx,
                                                   const std::string& user,
                                                   const std::string& typed);

/// What /escalate opens: the resume screen for an open draft, or a new draft's first screen.
struct EscalateOutcome {
    std::optional<views::UnfinishedForm> resume;
    std::optional<StepScreen> first;  // set when `resume` is not
};

/// Keeps a newly typed name on the open draft and offers it; abandons an open draft that can
/// no longer be resumed; otherwise starts a new draft under the current SOP.
EscalateOutcome StartOrOffer(storage::UnitOfWork& u, const FlowContext& ctx,
                             const std::string& user, const std::string& channel,
                             const std::string& typed);

/// How the resume screen ended.
struct ResumeOutcome {
    enum class Kind { kGone, kResumed, kStartedOver };
    Kind kind = Kind::kGone;
    std::optional<StepScreen> screen;  // kResumed, kStartedOver
};

/// The agent chose on the resume screen (`resume`: where they stopped; otherwise abandon the
/// draft and start a new one, prefilled with the name kept on it).
ResumeOutcome ChooseOnResume(storage::UnitOfWork& u, const FlowContext& ctx, long long draft_id,
                             const std::string& user, bool resume);

/// Creates a new draft under the current SOP and returns its first screen. Throws
/// std::logic_error when no SOP is loaded or it ends before its first screen.
StepScreen StartDraft(storage::UnitOfWork& u, const FlowContext& ctx, const std::string& user,
                      const std::string& channel, const std::string& prefill_name);

}  // namespace escbot::commands::escalation
