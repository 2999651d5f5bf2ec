#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/ladder_history.hpp"
#include "commands/escalation/timer_payloads.hpp"
#include "commands/escalation/views/flow_modals.hpp"

namespace escbot::commands::escalation {

// The live warm-transfer ladder (SOP §1 B): Tier 2 -> Resolution Lead -> Team Supervisor ->
// voicemail. Each step pings the tier's people in the live-escalation channel with Answer and
// Decline and a window (timer ladder.step). Answering stops the clock; the one who answered
// discusses the concern with the agent and records accepted for handling (the call is theirs)
// or not accepted (the next tier at once); a timeout or a decline moves down; the agent's status
// DM shows each step. Who may press what is access::Authorize's table. The ladder's row is
// changed by compare-and-set, so of two clicks or a click and the timer, the first wins.

/// Starts paging the first available tier for new live case `case_id`, or ends in voicemail at
/// once when no one is on duty; returns what the agent's result screen shows.
views::LiveTransferInfo StartLadder(storage::UnitOfWork& u, const FlowContext& ctx,
                                    const config::sop::Sop& sop, long long case_id,
                                    const flow::FlowResult& result);

/// The step's window ended without an Accept (timer ladder.step): moves down. A timer that
/// fired early is put back at the step's deadline; a ladder that moved on is left alone.
void TimeOutStep(storage::UnitOfWork& u, const FlowContext& ctx, const storage::Timer& timer,
                 const LadderTimerPayload& payload);

/// A click on a ladder page: the button, who clicked, and of which user groups they are a
/// member (asked of Slack before the transaction, see access::GroupDirectory; null: none).
struct LadderClick {
    LadderButton button;
    std::string user;
    std::function<bool(std::string_view group, std::string_view user)> in_group;
};

/// How a click on a ladder page ended.
struct ClickOutcome {
    enum class Kind {
        kDone,             // answered, accepted, not accepted or declined as asked
        kGone,             // no such ladder
        kAlreadyYours,     // the clicker accepted it before
        kTaken,            // someone accepted it (`other`)
        kAnsweredByOther,  // someone else answered this step (`other`) and is discussing it
        kNotAnswered,      // accept / not accept on a step nobody answered yet
        kVoicemail,        // too late: it ended in voicemail
        kExpired,          // the step's window closed and the ladder moved on
        kRefused,          // the authorization table says no (`refusal` says who may)
    };
    Kind kind = Kind::kGone;
    std::string other;
    std::string refusal;  // mrkdwn for the clicker only
};

/// Answer (by the people paged for the step, not the agent who raised it), within the window:
/// compare-and-set paging@step -> answered. The clock stops (the step's timer is cancelled), the
/// ping shows who answered with their Accepted for handling / Not accepted buttons, the agent's
/// status says who is discussing it.
ClickOutcome AnswerStep(storage::UnitOfWork& u, const FlowContext& ctx, const LadderClick& click);

/// Accepted for handling (by the one who answered): answered@step -> accepted; the case becomes
/// transferred, the ping loses its buttons, the agent's status says who took it. A click on a
/// page still waiting for an answer (a page posted before answering existed: its button was
/// "Accept") answers and accepts at once, under both rules.
ClickOutcome AcceptStep(storage::UnitOfWork& u, const FlowContext& ctx, const LadderClick& click);

/// Not accepted (by the one who answered): the next tier is paged at once (or voicemail).
ClickOutcome NotAcceptStep(storage::UnitOfWork& u, const FlowContext& ctx,
                           const LadderClick& click);

/// Decline (by the people paged for the step, before anyone answered): moves down at once.
ClickOutcome DeclineStep(storage::UnitOfWork& u, const FlowContext& ctx, const LadderClick& click);

/// The user groups whose membership could decide a click by `user` on `step` of the ladder of
/// `case_id`: those paged for the step, unless the step is over or answered, or `user` was paged
/// by name. What a click's membership is resolved for (from Slack) before its transaction.
std::vector<std::string> GroupsToCheck(storage::UnitOfWork& u, long long case_id, int step,
                                       const std::string& user);

/// The tier of `case_id` at `step` timed out, was declined or not accepted (`by`): pages the
/// next available tier, or ends in voicemail. False (nothing changes) when the ladder is no
/// longer paging at `step`.
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
