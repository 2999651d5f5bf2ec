#include "commands/escalation/ladder_tiers.hpp"

#include <set>

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/flow/case_summary.hpp"
#include "commands/escalation/outbox_items.hpp"

namespace escbot::commands::escalation {

using config::sop::LadderTier;

config::Duty DutyOf(const config::Settings& settings, const LadderTier& tier, TimePoint now) {
    if (tier.rotation.empty()) return {};
    const config::Rotation* rotation = settings.rotations.Find(tier.rotation);
    if (rotation == nullptr) {
        logging::Get("escalation")
            ->warn("ladder tier {} names rotation {} which is not configured", tier.id,
                   tier.rotation);
        return {};
    }
    return config::OnDuty(*rotation, now);
}

std::vector<std::string> RotationGroups(const config::RotationSet& rotations) {
    std::set<std::string> groups;
    for (const auto& [name, rotation] : rotations.by_name) {
        for (const config::Window& window : rotation.windows()) {
            groups.insert(window.duty.groups.begin(), window.duty.groups.end());
        }
    }
    return {groups.begin(), groups.end()};
}

int WindowSeconds(const config::sop::Sop& sop, const LadderTier& tier) {
    const int window = tier.window_seconds > 0 ? tier.window_seconds : sop.ladder.window_seconds;
    return window > 0 ? window : 30;
}

const LadderTier* VoicemailTier(const config::sop::Sop& sop) {
    for (const LadderTier& tier : sop.ladder.tiers) {
        if (tier.voicemail) return &tier;
    }
    return nullptr;
}

std::string NextShiftText(const config::Settings& settings, const LadderTier& tier,
                          TimePoint at, std::optional<TimePoint>* next_shift) {
    if (tier.rotation.empty()) return {};
    const config::Rotation* rotation = settings.rotations.Find(tier.rotation);
    if (rotation == nullptr) return {};
    const auto next = config::NextWindowOpen(*rotation, at);
    if (next_shift != nullptr) *next_shift = next;
    if (!next) return {};
    // Read in the business calendar's zone, as every time people read (the rotation may have
    // its own zone).
    return settings.business_calendar.FormatForPeople(*next);
}

void AppendSkipped(const config::Settings& settings, const config::sop::Sop& sop,
                   const LadderTier* from, bool include_from, const LadderTier* to, TimePoint at,
                   LadderHistory& history) {
    bool in_range = false;
    for (const LadderTier& tier : sop.ladder.tiers) {
        if (&tier == to) break;
        if (&tier == from) {
            in_range = true;
            if (!include_from) continue;
        }
        if (in_range && !tier.voicemail) {
            LadderEntry skipped{at, LadderEvent::kSkipped, tier.id};
            skipped.next_shift_text = NextShiftText(settings, tier, at, &skipped.next_shift);
            history.entries.push_back(std::move(skipped));
        }
    }
}

views::LadderPing PingOf(const config::sop::Sop& sop, const storage::EscalationCase& c,
                         const LadderTier& tier, int step, TimePoint deadline,
                         const config::Duty& duty, const LadderHistory& history) {
    const auto& f = sop.fields;
    views::LadderPing ping;
    ping.case_id = CaseDisplayId(c.id);
    ping.button_value = LadderButtonValue(c.id, step);
    ping.tier_name = tier.name;
    ping.skill = tier.skill;
    ping.instructions = tier.instructions;
    ping.users = duty.users;
    ping.groups = duty.groups;
    ping.deadline = deadline;
    ping.window_seconds = WindowSeconds(sop, tier);
    ping.agent = c.created_by;
    ping.homeowner_name = flow::AnswerText(c.answers, f.homeowner_name);
    ping.property_address = flow::AnswerText(c.answers, f.property_address);
    if (const auto* origin = sop.FindQuestion(f.origin)) {
        ping.origin = flow::DisplayAnswer(*origin, c.answers);
    }
    ping.interaction_id = flow::AnswerText(c.answers, f.interaction_id);
    ping.concern = flow::AnswerText(c.answers, f.live_summary);
    for (const LadderEntry* skipped : history.SkippedBefore(step)) {
        const LadderTier* t = sop.FindTier(skipped->tier);
        ping.skipped.push_back({t != nullptr ? t->name : skipped->tier, skipped->next_shift_text});
    }
    if (const LadderEntry* paged = history.Paged(step)) ping.voicemail_next = paged->voicemail_next;
    for (const LadderEntry& entry : history.entries) {
        if (entry.event == LadderEvent::kAnswered && entry.step == step) {
            ping.answered_by = entry.by;
            ping.answered_at = entry.at;
        } else if (entry.event == LadderEvent::kNotAccepted && entry.step == step) {
            ping.answered_by.clear();
            ping.answered_at.reset();
        }
    }
    return ping;
}

nlohmann::json StatusMessage(const config::sop::Sop& sop, const storage::EscalationCase& c,
                             const LadderHistory& history,
                             const config::BusinessCalendar& calendar) {
    std::vector<views::LadderEventLine> lines;
    for (const LadderEntry& entry : history.entries) {
        views::LadderEventLine line;
        line.at = entry.at;
        line.event = std::string(LadderEventName(entry.event));
        const LadderTier* tier = sop.FindTier(entry.tier);
        line.tier_name = tier != nullptr ? tier->name : entry.tier;
        line.by = entry.by;
        line.users = entry.users;
        line.groups = entry.groups;
        line.deadline = entry.deadline;
        line.next_shift_text = entry.next_shift_text;
        if (tier != nullptr) {
            line.skill = tier->skill;
            line.instructions = tier->instructions;
        }
        lines.push_back(std::move(line));
    }
    const bool follow_up = c.status != storage::EscalationCase::Status::kLive &&
                           c.status != storage::EscalationCase::Status::kTransferred;
    return views::LadderStatusMessage(CaseDisplayId(c.id), lines, calendar,
                                      follow_up ? c.follow_up_due : std::nullopt);
}

void EnqueueAnsweredPing(storage::UnitOfWork& u, const FlowContext& ctx,
                         const config::sop::Sop& sop, const storage::EscalationCase& c,
                         const LadderTier& tier, const storage::LiveLadder& ladder,
                         const LadderHistory& history, const std::string& answered_by) {
    const LadderEntry* paged = history.Paged(ladder.step);
    if (paged == nullptr) return;
    const config::Duty duty{paged->users, paged->groups};
    views::LadderPing ping = PingOf(sop, c, tier, ladder.step, ladder.deadline, duty, history);
    ping.answered_by = answered_by;
    u.Outbox().Enqueue(
        MessageUpdate(PingKey(c.id, ladder.step),
                      views::LadderPingMessage(ping, ctx.settings.business_calendar),
                      PingLane(c.id, ladder.step)),
        ctx.now);
}

void EnqueueClosedPing(storage::UnitOfWork& u, const FlowContext& ctx,
                       const config::sop::Sop& sop, const storage::EscalationCase& c,
                       const LadderTier& tier, const storage::LiveLadder& ladder,
                       const LadderHistory& history, const std::string& outcome_mrkdwn) {
    const LadderEntry* paged = history.Paged(ladder.step);
    if (paged == nullptr) return;
    const config::Duty duty{paged->users, paged->groups};
    u.Outbox().Enqueue(
        MessageUpdate(PingKey(c.id, ladder.step),
                      views::LadderPingClosedMessage(
                          PingOf(sop, c, tier, ladder.step, ladder.deadline, duty, history),
                          outcome_mrkdwn, ctx.settings.business_calendar),
                      PingLane(c.id, ladder.step)),
        ctx.now);
}

}  // namespace escbot::commands::escalation
