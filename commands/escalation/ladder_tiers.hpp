#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/ladder_history.hpp"
#include "commands/escalation/views/ladder_messages.hpp"
#include "config/schedule.hpp"

namespace escbot::commands::escalation {

// The live ladder's tiers and what its messages show (SOP §1 B). Pure, except for the outbox
// item EnqueueClosedPing queues.

/// Who is on duty for `tier` at `now` (empty when its rotation is not configured: logged).
config::Duty DutyOf(const config::Settings& settings, const config::sop::LadderTier& tier,
                    TimePoint now);

/// Every user group (S...) a rotation's windows put on duty: the groups a ladder tier may page,
/// whose members GroupDirectory fetches at start-up.
std::vector<std::string> RotationGroups(const config::RotationSet& rotations);

/// The tier's answer window in seconds: the tier's, else the ladder's, else 30.
int WindowSeconds(const config::sop::Sop& sop, const config::sop::LadderTier& tier);

/// The SOP's voicemail tier, or nullptr.
const config::sop::LadderTier* VoicemailTier(const config::sop::Sop& sop);

/// Records the tiers after `from` (included when `include_from`) and before `to` (exclusive;
/// the end when null) as skipped: the SOP moves past a tier with no one on duty. Each says when
/// its next shift starts (config::NextWindowOpen), as people read it in the team's zone.
void AppendSkipped(const config::Settings& settings, const config::sop::Sop& sop,
                   const config::sop::LadderTier* from, bool include_from,
                   const config::sop::LadderTier* to, TimePoint at, LadderHistory& history);

/// When the rotation of `tier` next has someone on duty after `at`, as people read it: in the
/// business calendar's zone with its abbreviation ("Tue Nov 24, 2026 9:00 AM EST"); "" when none
/// is scheduled.
std::string NextShiftText(const config::Settings& settings, const config::sop::LadderTier& tier,
                          TimePoint at, std::optional<TimePoint>* next_shift = nullptr);

/// The ping of `step` for case `c`: the case facts, and from `history` the tiers skipped just
/// before it, whether voicemail comes next, and who answered it.
views::LadderPing PingOf(const config::sop::Sop& sop, const storage::EscalationCase& c,
                         const config::sop::LadderTier& tier, int step, TimePoint deadline,
                         const config::Duty& duty, const LadderHistory& history);

/// The agent's status message for the ladder as `history` tells it.
nlohmann::json StatusMessage(const config::sop::Sop& sop, const storage::EscalationCase& c,
                             const LadderHistory& history,
                             const config::BusinessCalendar& calendar);

/// Queues the chat.update that shows `ladder`'s current ping as answered (who, when) with the
/// buttons of the one who answered: Accepted for handling / Not accepted.
void EnqueueAnsweredPing(storage::UnitOfWork& u, const FlowContext& ctx,
                         const config::sop::Sop& sop, const storage::EscalationCase& c,
                         const config::sop::LadderTier& tier, const storage::LiveLadder& ladder,
                         const LadderHistory& history, const std::string& answered_by);

/// Queues the chat.update that takes the buttons off `step`'s ping and says `outcome_mrkdwn`
/// (nothing when the history has no ping for that step).
void EnqueueClosedPing(storage::UnitOfWork& u, const FlowContext& ctx,
                       const config::sop::Sop& sop, const storage::EscalationCase& c,
                       const config::sop::LadderTier& tier, const storage::LiveLadder& ladder,
                       const LadderHistory& history, const std::string& outcome_mrkdwn);

}  // namespace escbot::commands::escalation
