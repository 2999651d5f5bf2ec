#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/routing/ack.hpp"
#include "bot/routing/payloads.hpp"
#include "bot/slack/rendered_parts.hpp"
#include "commands/access/group_directory.hpp"
#include "commands/command_deps.hpp"
#include "commands/escalation/finish.hpp"
#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/lead_directory.hpp"
#include "commands/escalation/reminders.hpp"
#include "commands/escalation/screens.hpp"
#include "commands/modal_failure.hpp"

namespace escbot::commands::escalation {

// The escalation flow's handlers: thin adapters that read the typed payload, take a settings
// snapshot, run one flow function in a write transaction, and render its outcome into an Ack or
// a views.open/views.update call (the only direct Slack calls, made after the transaction).
// Committing a transaction that queued outbox items wakes the outbox (Store::SetOnOutboxCommit).
// Registered by RegisterEscalation (escalation_command.cpp); thread-safe.

/// What the handlers share: the deps, the lead directory, the permalink inbox.
struct HandlerEnv {
    explicit HandlerEnv(CommandDeps d)
        : deps(std::move(d)), groups(deps.slack, deps.clock), leads(groups) {}

    CommandDeps deps;
    /// User-group members for the authorization table (the people paged for a ladder tier, the
    /// leads' groups): one cache.
    access::GroupDirectory groups;
    LeadDirectory leads;
    std::shared_ptr<PermalinkInbox> permalinks = std::make_shared<PermalinkInbox>();
    /// The step modals' constant blocks, written once (views.open / views.update only).
    slack::RenderedParts step_parts;
};

/// The settings in force (default settings when none are loaded yet).
std::shared_ptr<const config::Settings> SettingsSnapshot(const HandlerEnv& env);
/// A flow context over `settings` at the clock's now.
FlowContext ContextOf(HandlerEnv& env, const config::Settings& settings);

/// views.open / views.update with a request's trigger, given until 2.5 s after its receipt;
/// a failure is logged and counted (the draft is saved: /escalate offers to resume it), and,
/// with `on_failure` (views.open), its user is told what happened and what to do.
void CallViews(HandlerEnv& env, std::string method, nlohmann::json args,
               routing::SteadyTime received_at, const std::string& user,
               std::optional<ModalRequest> on_failure = std::nullopt);
/// What the user of a button that opens a form hears if the form does not open.
ModalRequest ButtonModal(const routing::BlockAction& action);

/// Rendering of outcomes (handler_support.cpp).
/// The step modal of `screen`; with `parts`, for a views.* call only (views::StepModal).
nlohmann::json StepView(const StepScreen& screen, const config::BusinessCalendar& calendar,
                        slack::RenderedParts* parts = nullptr);
nlohmann::json FinishedView(const Finished& finished, const config::BusinessCalendar& calendar);
routing::Ack Notice(std::string_view text);

// intake_handlers.cpp
routing::Ack OnEscalate(HandlerEnv& env, const routing::SlashCommand& command);
routing::Ack OnResumeSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission);
routing::Ack OnStepSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission);
routing::Ack OnStepClosed(HandlerEnv& env, const routing::ViewClosed& closed);
routing::Ack OnAnswerChanged(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnBack(HandlerEnv& env, const routing::BlockAction& action);

// case_handlers.cpp
routing::Ack OnClaim(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnAddUpdate(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnUpdateSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission);
routing::Ack OnReassign(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnReassignSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission);
routing::Ack OnResolve(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnResolveSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission);
// contacts_handler.cpp: "Show contact details" ([privacy] mask_contact_details).
routing::Ack OnShowContacts(HandlerEnv& env, const routing::BlockAction& action);

// ladder_handlers.cpp
routing::Ack OnAnswer(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnAccept(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnNotAccept(HandlerEnv& env, const routing::BlockAction& action);
routing::Ack OnDecline(HandlerEnv& env, const routing::BlockAction& action);

// Timers (escalation_command.cpp), run in the scheduler's transaction.
void OnLadderTimer(HandlerEnv& env, const storage::Timer& timer, storage::UnitOfWork& u);
void OnFollowUpTimer(HandlerEnv& env, const storage::Timer& timer, storage::UnitOfWork& u);
void OnPermalinkTimer(HandlerEnv& env, const storage::Timer& timer, storage::UnitOfWork& u);
void OnDraftSweepTimer(HandlerEnv& env, const storage::Timer& timer, storage::UnitOfWork& u);

}  // namespace escbot::commands::escalation
