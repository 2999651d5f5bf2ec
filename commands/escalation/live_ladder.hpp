#pragma once

#include <string>

#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/ladder_history.hpp"
#include "commands/escalation/timer_payloads.hpp"
#include "commands/escalation/views/flow_modals.hpp"

namespace escbot::commands::escalation {

// The live warm-transfer ladder (SOP §1 B): Tier 2 -> Resolution Lead -> Team Supervisor ->
// voicemail. Each step pings the tier's people in the live-escalation channel with Accept and
// Decline and a window (timer ladder.step); the first to accept owns the call; a timeout or a
// decline moves down; the agent's status DM shows each step. The ladder's row is changed by
// compare-and-set, so of two clicks or a click and the timer, the first wins.

/// Starts paging the first available tier for new live case `case_id`, or ends in voicemail at
/// once when no one is on duty; returns what the agent's result screen shows.
views::LiveTransferInfo StartLadder(storage::UnitOfWork& u, const FlowContext& ctx,
                                    const config::sop::Sop& sop, long long case_id,
                                    const flow::FlowResult& result);

/// The step's window ended without an Accept (timer ladder.step): moves down. A timer that
/// fired early is put back at the step's deadline; a ladder that moved on is left alone.
void TimeOutStep(storage::UnitOfWork& u, const FlowContext& ctx, const storage::Timer& timer,
                 const LadderTimerPayload& payload);

/// How an Accept click ended.
struct AcceptOutcome {
    enum class Kind {
        kAccepted,      // the clicker owns the call now
        kGone,          // no such ladder
        kAlreadyYours,  // the clicker accepted it before
        kTaken,         // someone else accepted it (`owner`)
        kVoicemail,     // too late: it ended in voicemail
        kExpired,       // the step's window closed and the ladder moved on
    };
    Kind kind = Kind::kGone;
    std::string owner;
};

/// Accept: compare-and-set paging@step -> accepted; the case becomes transferred, the ping
/// loses its buttons, the agent's status says who took it.
AcceptOutcome AcceptStep(storage::UnitOfWork& u, const FlowContext& ctx,
                         const LadderButton& button, const std::string& user);

/// How a Decline click ended.
struct DeclineOutcome {
    enum class Kind {
        kMovedDown,  // the ladder went on to the next tier (or voicemail)
        kGone,       // no such ladder
        kTaken,      // someone accepted it (`owner`)
        kExpired,    // the step is over
        kNotPaged,   // only the people paged for the step may decline it
    };
    Kind kind = Kind::kGone;
    std::string owner;
};

/// Decline (by the people paged for the step, or anyone when a group was paged): moves down.
DeclineOutcome DeclineStep(storage::UnitOfWork& u, const FlowContext& ctx,
                           const LadderButton& button, const std::string& user);

/// The tier of `case_id` at `step` timed out or was declined (`by`): pages the next available
/// tier, or ends in voicemail. False (nothing changes) when the ladder is no longer paging at
/// `step`.
bool MoveDown(storage::UnitOfWork& u, const FlowContext& ctx, long long case_id, int step,
              LadderEvent event, const std::string& by);

/// Metric names shared by the ladder's functions.
inline constexpr const char* kLadderStepsMetric = "escbot_escalation_ladder_steps_total";
inline constexpr const char* kLadderStepsHelp =
    "Live-ladder steps by tier and result (paged, accepted, declined, timeout, skipped).";
inline constexpr const char* kLadderOutcomesMetric = "escbot_escalation_ladder_outcomes_total";
inline constexpr const char* kLadderOutcomesHelp =
    "Live ladders ended, by outcome and the tier that took it.";

}  // namespace escbot::commands::escalation
