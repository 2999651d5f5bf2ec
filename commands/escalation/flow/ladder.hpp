#pragma once

#include <functional>

#include "commands/escalation/flow/answers.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::flow {

/// Whether anyone on the tier's rotation is on duty now (the caller asks its on-call schedule).
using OnDuty = std::function<bool(const config::sop::LadderTier& tier)>;

/// The tier the live ladder starts at for these answers: [ladder.entry] by who is escalating
/// (homeowner -> Tier 2; sales rep or installer -> Resolution Lead). Falls back to the first tier
/// when the origin is unanswered; nullptr when the SOP has no ladder. Pure.
const config::sop::LadderTier* EntryTier(const config::sop::Sop& sop, const Answers& answers);

/// The first tier to page from `tier` onwards: tiers flagged skip_when_no_one_on_duty whose
/// rotation has no one on duty are passed over (SOP: never transfer to Tier 2 when no one is
/// available). Returns the voicemail tier when everyone is skipped, or nullptr past the end.
const config::sop::LadderTier* FirstAvailableTier(const config::sop::Sop& sop,
                                                  const config::sop::LadderTier* tier,
                                                  const OnDuty& on_duty);

/// Where the ladder goes when `tier` did not answer within its window or declined: the next
/// available tier below it (as FirstAvailableTier); nullptr after the last tier (voicemail).
const config::sop::LadderTier* NextTier(const config::sop::Sop& sop,
                                        const config::sop::LadderTier& tier,
                                        const OnDuty& on_duty);

}  // namespace escbot::commands::escalation::flow
