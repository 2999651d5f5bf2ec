#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/routing/router.hpp"
#include "commands/command_deps.hpp"
#include "commands/escalation/flow/case_summary.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/lead_directory.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/ladder_messages.hpp"
#include "commands/escalation/views/step_modal.hpp"
#include "config/schedule.hpp"
#include "storage/store.hpp"

namespace escbot::commands::escalation {

/// The escalation flow's handlers (registered by RegisterEscalation; see escalation_command.hpp).
/// Every state change and every message it causes are written in one transaction (messages as
/// outbox items); views.open/update are the only direct Slack calls, made after the transaction.
/// Shared by the router's and scheduler's handlers through a shared_ptr; thread-safe (its state
/// is in the database, plus the lead cache and the permalink inbox, each behind a mutex).
class EscalationService : public std::enable_shared_from_this<EscalationService> {
public:
    explicit EscalationService(CommandDeps deps);

    /// Registers every route and timer kind of the flow.
    void Register(routing::Router& router);

    // /escalate and its first screens (escalate_command.cpp).
    /// `/escalate [name]`: refuses politely when Slack is saturated; otherwise opens (views.open,
    /// deadline 2.5 s after receipt) the resume screen for an open draft, or a new draft's first
    /// screen. Acks empty.
    routing::Ack OnEscalate(const routing::Inbound& in);
    /// The resume screen: resume the draft where it stopped, or abandon it and start over.
    routing::Ack OnResumeSubmitted(const routing::Inbound& in);

    // The question steps (step_flow.cpp).
    /// A step submitted: saves the draft, then answers with the next screen (response_action
    /// update), inline errors keyed by block_id, or the outcome's result screen.
    routing::Ack OnStepSubmitted(const routing::Inbound& in);
    /// A step closed (view_closed): keeps what was typed in the draft for resuming.
    routing::Ack OnStepClosed(const routing::Inbound& in);
    /// An answer others depend on changed: redraws the step (views.update with the view's hash)
    /// when the set of visible questions changed.
    routing::Ack OnAnswerChanged(const routing::Inbound& in);

    // The case thread (case_actions.cpp).
    /// Claim (leads only; compare-and-set open -> claimed; root updated, reply posted).
    routing::Ack OnClaim(const routing::Inbound& in);
    /// Add update (anyone): opens the note modal.
    routing::Ack OnAddUpdate(const routing::Inbound& in);
    /// The update: thread reply, "last update" moved, root updated.
    routing::Ack OnUpdateSubmitted(const routing::Inbound& in);
    /// Resolve (leads only): opens the resolution-note modal.
    routing::Ack OnResolve(const routing::Inbound& in);
    /// The resolution: closes the case (compare-and-set), cancels its reminder, updates the root.
    routing::Ack OnResolveSubmitted(const routing::Inbound& in);
    /// Timer case.follow_up: reminds in the thread when the promised update is due and the case
    /// is still open (mentions the owner, else the leads).
    void OnFollowUpDue(const storage::Timer& timer, storage::UnitOfWork& u);
    /// Timer case.permalink: once the root is posted, asks chat.getPermalink (the answer lands
    /// in memory, never written by a callback) and DMs the link to the agent on a later firing.
    void OnPermalinkTimer(const storage::Timer& timer, storage::UnitOfWork& u);

    // The live ladder (live_ladder.cpp).
    /// Accept: compare-and-set paging@step -> accepted, in one IMMEDIATE transaction; a later
    /// click is told who took it, a click on an expired step is told so.
    routing::Ack OnAccept(const routing::Inbound& in);
    /// Decline (the people paged for the step, or anyone when a group was paged): moves down.
    routing::Ack OnDecline(const routing::Inbound& in);
    /// Timer ladder.step: the step's window ended without an Accept: moves down.
    void OnLadderTimer(const storage::Timer& timer, storage::UnitOfWork& u);

private:
    // --- shared helpers (escalation_service.cpp) ---
    /// views.open (or another views.* method) with the request's trigger, within its window.
    void CallViews(const routing::Inbound& in, std::string method, nlohmann::json args);
    /// CallViews with the arguments already written as JSON text.
    void CallViewsWithJsonText(const routing::Inbound& in, std::string method,
                               std::string json_args);
    slack::CallOptions ViewsCallOptions(const routing::Inbound& in) const;
    /// Logs and counts a failed views.* call; the agent can run /escalate again.
    slack::ApiCallback ViewsCallDone(const routing::Inbound& in, const std::string& method);
    void Count(std::string_view name, std::string_view help, const metrics::Labels& labels);
    void Audit(storage::UnitOfWork& u, std::string_view actor, std::string_view action,
               std::string entity, nlohmann::json detail);
    std::shared_ptr<const config::sop::Sop> SopOf(storage::UnitOfWork& u, std::string_view version);
    /// What the "resume or start over" modal shows of an open draft; nullopt when its SOP
    /// version or step is gone (it cannot be resumed).
    std::optional<views::UnfinishedForm> ResumableForm(storage::UnitOfWork& u,
                                                       const storage::Draft& draft);

    /// The facts the engine needs at `step_id` (whether a case is open for this homeowner).
    flow::Facts FactsFor(storage::UnitOfWork& u, const config::sop::Sop& sop,
                         std::string_view step_id, const flow::Answers& answers);
    /// The newest open case for the homeowner in `answers`, if any.
    std::optional<storage::EscalationCase> OpenCaseFor(storage::UnitOfWork& u,
                                                       const config::sop::Sop& sop,
                                                       const flow::Answers& answers);
    views::ExistingCaseInfo ExistingInfo(storage::UnitOfWork& u, const storage::EscalationCase& c);
    /// A question step as a modal, with notify_on_close (so a closed form keeps its inputs).
    nlohmann::json StepView(storage::UnitOfWork& u, const config::sop::Sop& sop,
                            const config::sop::Step& step, const flow::Answers& answers,
                            long long draft_id, const flow::Facts& facts);
    /// Creates a new draft under the current SOP and returns its first screen.
    nlohmann::json StartDraft(storage::UnitOfWork& u, const std::string& user,
                              const std::string& channel, const std::string& prefill_name,
                              TimePoint now);

    // --- cases (case_records.cpp) ---
    /// The thread root of a case as it reads now (owner, status, last update, resolution).
    nlohmann::json RootMessage(storage::UnitOfWork& u, const config::sop::Sop& sop,
                               const storage::EscalationCase& c);
    flow::CaseSummary SummaryOf(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                const storage::EscalationCase& c);
    /// Hours of the follow-up promise: the SOP's follow_up outcome, else the settings.
    int FollowUpHours(const config::sop::Sop& sop) const;
    /// Posts a follow-up case (status open, follow_up_due set) to the Resolution Team channel,
    /// DMs the agent the CRM text, and schedules the follow-up reminder and the permalink.
    void PublishCase(storage::UnitOfWork& u, const config::sop::Sop& sop,
                     const storage::EscalationCase& c, TimePoint now);
    /// The ending of a flow: not qualified, added to an existing case, follow-up case, ladder.
    routing::Ack FinishFlow(storage::UnitOfWork& u, const config::sop::Sop& sop,
                            const storage::Draft& draft, const flow::FlowResult& result,
                            TimePoint now);
    /// An open draft with what its agent typed on the screen merged in and saved.
    struct KeptDraft {
        storage::Draft draft;
        std::shared_ptr<const config::sop::Sop> sop;
        const config::sop::Step* step;  // in *sop
    };
    /// Keeps what `user` typed on their draft's current screen (a closed modal, a changed
    /// answer); nullopt, changing nothing, when the draft is not theirs, not open, or its SOP
    /// version or step is gone.
    std::optional<KeptDraft> KeepTyped(storage::UnitOfWork& u, long long draft_id,
                                       const std::string& user, const routing::Inbound& in);
    /// True when `user` is in the configured lead groups (ids or resolved user groups).
    bool IsLead(const std::string& user);
    /// The ephemeral refusal of a lead-only case action (logged and counted).
    routing::Ack RefuseNonLead(long long case_id, const std::string& user, std::string_view action);
    /// Stores the case a finished flow ends in, with its audit entry.
    storage::EscalationCase CreateCase(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                       const storage::Draft& draft, const flow::FlowResult& result,
                                       storage::EscalationCase::Status status,
                                       std::optional<TimePoint> follow_up_due, TimePoint now);
    routing::Ack AddToExistingCase(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                   const storage::Draft& draft, const flow::FlowResult& result,
                                   TimePoint now);
    void EnqueuePermalinkMessage(storage::UnitOfWork& u, const storage::EscalationCase& c,
                                 const std::string& permalink, TimePoint now);

    // --- live ladder (live_ladder.cpp) ---
    /// Starts paging the first available tier for a new live case, or ends in voicemail at once
    /// when no one is on duty; returns what the agent's result screen shows.
    views::LiveTransferInfo StartLadder(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                        long long case_id, const flow::FlowResult& result,
                                        TimePoint now);
    /// The tier timed out or was declined: page the next available tier, or end in voicemail.
    /// False (nothing changes) when the ladder is no longer paging at `step`.
    bool MoveDown(storage::UnitOfWork& u, long long case_id, int step, std::string_view event,
                  std::string_view by, TimePoint now);
    /// Pings `tier` (step `step`, window until `deadline`) and schedules the step's timer.
    void PageTier(storage::UnitOfWork& u, const config::sop::Sop& sop,
                  const storage::EscalationCase& c, const config::sop::LadderTier& tier, int step,
                  TimePoint deadline, TimePoint now, nlohmann::json& history);
    /// No one took the call: the agent's status message says so (posted when `post_status`,
    /// else updated), and the case becomes a follow-up case posted to the Resolution Team.
    /// Returns the case as it is now.
    storage::EscalationCase EndInVoicemail(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                           storage::EscalationCase c, TimePoint now,
                                           nlohmann::json& history, bool post_status);
    TimePoint DeadlineFor(const config::sop::Sop& sop, const config::sop::LadderTier& tier,
                          TimePoint now) const;
    config::Duty DutyOf(const config::sop::LadderTier& tier, TimePoint now) const;
    views::LadderPing PingOf(const config::sop::Sop& sop, const storage::EscalationCase& c,
                             const config::sop::LadderTier& tier, int step, TimePoint deadline,
                             const config::Duty& duty) const;
    nlohmann::json StatusMessage(const config::sop::Sop& sop, const storage::EscalationCase& c,
                                 const nlohmann::json& history) const;

    CommandDeps deps_;
    LeadDirectory leads_;

    // Answers of chat.getPermalink by case id, filled on the Slack API thread and read by the
    // permalink timer (so that no callback writes to the database).
    struct PermalinkInbox {
        std::mutex mutex;
        std::map<long long, std::string> ready;
    };
    std::shared_ptr<PermalinkInbox> permalinks_ = std::make_shared<PermalinkInbox>();
};

/// The flow name drafts are stored under.
inline constexpr std::string_view kDraftFlow = "escalation";

}  // namespace escbot::commands::escalation
