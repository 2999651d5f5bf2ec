#include "commands/escalation/flow/ladder.hpp"

namespace escbot::commands::escalation::flow {

using config::sop::LadderTier;
using config::sop::Sop;

namespace {

std::size_t IndexOf(const Sop& sop, const LadderTier& tier) {
    return static_cast<std::size_t>(&tier - sop.ladder.tiers.data());
}

const LadderTier* FirstAvailableFrom(const Sop& sop, std::size_t index, const OnDuty& on_duty) {
    const auto& tiers = sop.ladder.tiers;
    for (; index < tiers.size(); ++index) {
        const LadderTier& tier = tiers[index];
        if (tier.voicemail || !tier.skip_when_no_one_on_duty || !on_duty || on_duty(tier)) {
            return &tier;
        }
    }
    return nullptr;
}

}  // namespace

const LadderTier* EntryTier(const Sop& sop, const Answers& answers) {
    if (sop.ladder.tiers.empty()) return nullptr;
    const auto it = sop.ladder.entry.find(AnswerText(answers, sop.fields.origin));
    if (it != sop.ladder.entry.end()) {
        if (const LadderTier* tier = sop.FindTier(it->second)) return tier;
    }
    return &sop.ladder.tiers.front();
}

const LadderTier* FirstAvailableTier(const Sop& sop, const LadderTier* tier,
                                     const OnDuty& on_duty) {
    if (tier == nullptr) return nullptr;
    return FirstAvailableFrom(sop, IndexOf(sop, *tier), on_duty);
}

const LadderTier* NextTier(const Sop& sop, const LadderTier& tier, const OnDuty& on_duty) {
    return FirstAvailableFrom(sop, IndexOf(sop, tier) + 1, on_duty);
}

}  // namespace escbot::commands::escalation::flow
