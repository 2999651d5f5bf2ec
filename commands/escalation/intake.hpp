#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/screens.hpp"
#include "commands/escalation/views/flow_modals.hpp"

namespace escbot::commands::escalation {

// /escalate and its drafts. An agent holds at most one open draft per homeowner and may hold
// several at once (draft_selection.hpp decides which one a command opens).

/// The homeowner name typed after /escalate, trimmed and cut to what a draft keeps.
std::string PrefillName(std::string_view command_text);

/// The agent's open drafts that can still be resumed (their SOP version and step exist), newest
/// first, as the resume screen lists them.
std::vector<views::UnfinishedForm> ResumableForms(storage::UnitOfWork& u, const FlowContext& ctx,
                                                  const std::string& user);

/// What /escalate opens: the resume screen (`drafts`), or a draft's screen (resumed or new).
struct EscalateOutcome {
    std::vector<views::UnfinishedForm> drafts;  // the resume screen's list, when `screen` is unset
    std::optional<StepScreen> screen;
};

/// Read-only: the resume screen, or the named homeowner's draft reopened within the hour (its
/// save time stays), when that is what /escalate opens and nothing needs writing (every open
/// draft can be resumed); nullopt otherwise.
std::optional<EscalateOutcome> OfferDrafts(storage::UnitOfWork& u, const FlowContext& ctx,
                                           const std::string& user, const std::string& typed);

/// Closes the agent's drafts that can no longer be resumed (their SOP version is gone), then:
/// the named homeowner's draft resumed (its save time refreshed when over an hour old), the
/// resume screen, or a new
/// draft prefilled with the name typed.
EscalateOutcome StartOrResume(storage::UnitOfWork& u, const FlowContext& ctx,
                              const std::string& user, const std::string& channel,
                              const std::string& typed);

/// How the resume screen ended.
struct ResumeOutcome {
    enum class Kind { kGone, kResumed, kStartedNew };
    Kind kind = Kind::kGone;
    std::optional<StepScreen> screen;  // kResumed, kStartedNew
};

/// The agent chose on the resume screen: the draft `draft_id` where they stopped (kGone when it
/// is not theirs or no longer open), or, for nullopt, a new draft in `channel`.
ResumeOutcome ChooseOnResume(storage::UnitOfWork& u, const FlowContext& ctx,
                             std::optional<long long> draft_id, const std::string& user,
                             const std::string& channel);

/// Creates a new draft under the current SOP and returns its first screen. Throws
/// std::logic_error when no SOP is loaded or it ends before its first screen.
StepScreen StartDraft(storage::UnitOfWork& u, const FlowContext& ctx, const std::string& user,
                      const std::string& channel, const std::string& prefill_name);

}  // namespace escbot::commands::escalation
