#include <algorithm>

#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/escalation_service.hpp"
#include "commands/escalation/flow/ladder.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/payload.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

using config::sop::LadderTier;
using nlohmann::json;
using routing::Ack;
using routing::Inbound;
using storage::LiveLadder;

namespace {

constexpr const char* kStepsMetric = "escbot_escalation_ladder_steps_total";
constexpr const char* kStepsHelp =
    "Live-ladder steps by tier and result (paged, accepted, "
    "declined, timeout, skipped).";
constexpr const char* kOutcomesMetric = "escbot_escalation_ladder_outcomes_total";
constexpr const char* kOutcomesHelp = "Live ladders ended, by outcome and the tier that took it.";

json Event(TimePoint at, std::string_view event, const LadderTier& tier, int step) {
    return {{"at", ToUnix(at)}, {"event", event}, {"tier", tier.id}, {"step", step}};
}

std::vector<std::string> Strings(const json& event, const char* key) {
    std::vector<std::string> out;
    const auto it = event.find(key);
    if (it == event.end() || !it->is_array()) return out;
    for (const auto& v : *it) {
        if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

/// The "paged" event of `step` (the ping's content), or null.
const json* PagedEvent(const json& history, int step) {
    for (const json& event : history) {
        if (event.value("event", "") == "paged" && event.value("step", 0) == step) return &event;
    }
    return nullptr;
}

/// Records the tiers after `from` (exclusive) and before `to` (exclusive; the end when null)
/// as skipped: the SOP moves past a tier with no one on duty.
void AppendSkipped(const config::sop::Sop& sop, const LadderTier* from, bool include_from,
                   const LadderTier* to, TimePoint at, json& history) {
    bool in_range = false;
    for (const LadderTier& tier : sop.ladder.tiers) {
        if (&tier == to) break;
        if (&tier == from) {
            in_range = true;
            if (!include_from) continue;
        }
        if (in_range && !tier.voicemail) history.push_back(Event(at, "skipped", tier, 0));
    }
}

const LadderTier* VoicemailTier(const config::sop::Sop& sop) {
    for (const LadderTier& tier : sop.ladder.tiers) {
        if (tier.voicemail) return &tier;
    }
    return nullptr;
}

}  // namespace

config::Duty EscalationService::DutyOf(const LadderTier& tier, TimePoint now) const {
    const auto settings = deps_.settings();
    if (!settings || tier.rotation.empty()) return {};
    const config::Rotation* rotation = settings->rotations.Find(tier.rotation);
    if (rotation == nullptr) {
        logging::Get("escalation")
            ->warn("ladder tier {} names rotation {} which is not configured", tier.id,
                   tier.rotation);
        return {};
    }
    return config::OnDuty(*rotation, now);
}

TimePoint EscalationService::DeadlineFor(const config::sop::Sop& sop, const LadderTier& tier,
                                         TimePoint now) const {
    const int window = tier.window_seconds > 0 ? tier.window_seconds : sop.ladder.window_seconds;
    return now + Seconds(window > 0 ? window : 30);
}

views::LadderPing EscalationService::PingOf(const config::sop::Sop& sop,
                                            const storage::EscalationCase& c,
                                            const LadderTier& tier, int step, TimePoint deadline,
                                            const config::Duty& duty) const {
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
    const int window = tier.window_seconds > 0 ? tier.window_seconds : sop.ladder.window_seconds;
    ping.window_seconds = window > 0 ? window : 30;
    ping.agent = c.created_by;
    ping.homeowner_name = flow::AnswerText(c.answers, f.homeowner_name);
    ping.property_address = flow::AnswerText(c.answers, f.property_address);
    if (const auto* origin = sop.FindQuestion(f.origin)) {
        ping.origin = flow::DisplayAnswer(*origin, c.answers);
    }
    ping.interaction_id = flow::AnswerText(c.answers, f.interaction_id);
    ping.concern = flow::AnswerText(c.answers, f.live_summary);
    return ping;
}

json EscalationService::StatusMessage(const config::sop::Sop& sop, const storage::EscalationCase& c,
                                      const json& history) const {
    std::vector<views::LadderEventLine> lines;
    for (const json& event : history) {
        views::LadderEventLine line;
        line.at = FromUnix(event.value("at", 0LL));
        line.event = event.value("event", "");
        const LadderTier* tier = sop.FindTier(event.value("tier", ""));
        line.tier_name = tier != nullptr ? tier->name : event.value("tier", "");
        line.by = event.value("by", "");
        line.users = Strings(event, "users");
        line.groups = Strings(event, "groups");
        if (event.contains("deadline")) line.deadline = FromUnix(event.value("deadline", 0LL));
        if (tier != nullptr) {
            line.skill = tier->skill;
            line.instructions = tier->instructions;
        }
        lines.push_back(std::move(line));
    }
    const bool follow_up = c.status != storage::EscalationCase::Status::kLive &&
                           c.status != storage::EscalationCase::Status::kTransferred;
    return views::LadderStatusMessage(CaseDisplayId(c.id), lines,
                                      follow_up ? c.follow_up_due : std::nullopt);
}

void EscalationService::PageTier(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                 const storage::EscalationCase& c, const LadderTier& tier, int step,
                                 TimePoint deadline, TimePoint now, json& history) {
    const config::Duty duty = DutyOf(tier, now);
    json event = Event(now, "paged", tier, step);
    event["users"] = duty.users;
    event["groups"] = duty.groups;
    event["deadline"] = ToUnix(deadline);
    history.push_back(std::move(event));

    const auto settings = deps_.settings();
    const std::string channel = settings ? settings->channels.live_escalation : std::string();
    // If the ping cannot be posted at all, the agent hears of it (and can page by phone).
    u.Outbox().Enqueue(
        ChannelPost(channel, views::LadderPingMessage(PingOf(sop, c, tier, step, deadline, duty)),
                    PingLane(c.id, step), PingKey(c.id, step), c.created_by),
        now);
    u.Timers().Schedule({0,
                         std::string(kLadderTimerKind),
                         LadderTimerKey(c.id),
                         deadline,
                         {{"case_id", c.id}, {"step", step}}});
    Audit(u, "bot", "ladder.paged", CaseEntity(c.id),
          {{"tier", tier.id},
           {"step", step},
           {"deadline", ToUnix(deadline)},
           {"users", duty.users},
           {"groups", duty.groups}});
    Count(kStepsMetric, kStepsHelp, {{"tier", tier.id}, {"result", "paged"}});
    logging::Get("escalation")
        ->info("case={} ladder step={} paging tier={} until {}", c.id, step, tier.id,
               ToUnix(deadline));
}

storage::EscalationCase EscalationService::EndInVoicemail(storage::UnitOfWork& u,
                                                          const config::sop::Sop& sop,
                                                          storage::EscalationCase c, TimePoint now,
                                                          json& history, bool post_status) {
    const LadderTier* voicemail = VoicemailTier(sop);
    history.push_back({{"at", ToUnix(now)},
                       {"event", "voicemail"},
                       {"tier", voicemail != nullptr ? voicemail->id : std::string()},
                       {"step", 0}});
    u.Escalation().Ladders().SetHistory(c.id, history);
    const TimePoint due = now + std::chrono::hours(FollowUpHours(sop));
    u.Escalation().Cases().MarkFollowUp(c.id, due);
    c.status = storage::EscalationCase::Status::kOpen;
    c.follow_up_due = due;
    // The agent reads what happened first, then gets the case's CRM text.
    json status = StatusMessage(sop, c, history);
    u.Outbox().Enqueue(
        post_status
            ? DirectMessage(c.created_by, std::move(status), AgentLane(c.id), StatusKey(c.id))
            : MessageUpdate(StatusKey(c.id), std::move(status), AgentLane(c.id)),
        now);
    // SOP §1 B: a voicemail ending still leaves a case that someone must follow up.
    PublishCase(u, sop, c, now);
    Audit(u, "bot", "ladder.voicemail", CaseEntity(c.id), {{"follow_up_due", ToUnix(due)}});
    Count(kOutcomesMetric, kOutcomesHelp, {{"outcome", "voicemail"}, {"tier", "voicemail"}});
    logging::Get("escalation")
        ->info("case={} ladder ended in voicemail; follow-up case posted", c.id);
    return c;
}

views::LiveTransferInfo EscalationService::StartLadder(storage::UnitOfWork& u,
                                                       const config::sop::Sop& sop,
                                                       long long case_id,
                                                       const flow::FlowResult& result,
                                                       TimePoint now) {
    storage::EscalationCase c = *u.Escalation().Cases().Get(case_id);
    const LadderTier* entry =
        result.ladder_entry != nullptr ? result.ladder_entry : flow::EntryTier(sop, c.answers);
    const flow::OnDuty on_duty = [&](const LadderTier& tier) { return !DutyOf(tier, now).empty(); };
    const LadderTier* target =
        entry != nullptr ? flow::FirstAvailableTier(sop, entry, on_duty) : nullptr;

    json history = json::array();
    if (entry != nullptr) AppendSkipped(sop, entry, /*include_from=*/true, target, now, history);

    views::LiveTransferInfo info;
    info.case_id = CaseDisplayId(c.id);
    for (const json& event : history) {
        if (const LadderTier* t = sop.FindTier(event.value("tier", "")))
            info.skipped.push_back(t->name);
    }
    for (const json& event : history) {
        Count(kStepsMetric, kStepsHelp, {{"tier", event.value("tier", "")}, {"result", "skipped"}});
    }

    LiveLadder ladder;
    ladder.case_id = c.id;
    ladder.sop_version = sop.version;
    ladder.started_at = now;
    if (target == nullptr || target->voicemail) {
        ladder.tier_id = target != nullptr ? target->id : std::string();
        ladder.status = LiveLadder::Status::kVoicemail;
        ladder.deadline = now;
        ladder.ended_at = now;
        ladder.history = history;
        u.Escalation().Ladders().Create(ladder);
        Audit(u, c.created_by, "ladder.started", CaseEntity(c.id),
              {{"entry", entry != nullptr ? entry->id : std::string()}, {"paged", ""}});
        c = EndInVoicemail(u, sop, c, now, history, /*post_status=*/true);
        info.voicemail = VoicemailTier(sop);
        info.follow_up_due = c.follow_up_due;
        return info;
    }

    const TimePoint deadline = DeadlineFor(sop, *target, now);
    ladder.tier_id = target->id;
    ladder.step = 1;
    ladder.deadline = deadline;
    ladder.status = LiveLadder::Status::kPaging;
    u.Escalation().Ladders().Create(ladder);
    Audit(u, c.created_by, "ladder.started", CaseEntity(c.id),
          {{"entry", entry->id}, {"paged", target->id}});
    PageTier(u, sop, c, *target, 1, deadline, now, history);
    u.Escalation().Ladders().SetHistory(c.id, history);
    u.Outbox().Enqueue(DirectMessage(c.created_by, StatusMessage(sop, c, history), AgentLane(c.id),
                                     StatusKey(c.id)),
                       now);
    const config::Duty duty = DutyOf(*target, now);
    info.paged = target;
    info.users = duty.users;
    info.groups = duty.groups;
    info.window_seconds = static_cast<int>((deadline - now).count());
    return info;
}

bool EscalationService::MoveDown(storage::UnitOfWork& u, long long case_id, int step,
                                 std::string_view event, std::string_view by, TimePoint now) {
    auto& ladders = u.Escalation().Ladders();
    const auto ladder = ladders.Get(case_id);
    if (!ladder || ladder->status != LiveLadder::Status::kPaging || ladder->step != step) {
        return false;
    }
    auto sop = SopOf(u, ladder->sop_version);
    if (!sop) sop = deps_.sops.Current();
    const auto c = u.Escalation().Cases().Get(case_id);
    const LadderTier* tier = sop->FindTier(ladder->tier_id);
    if (!c || tier == nullptr) {
        logging::Get("escalation")
            ->error("case={} ladder at unknown tier {}", case_id, ladder->tier_id);
        return false;
    }
    const flow::OnDuty on_duty = [&](const LadderTier& t) { return !DutyOf(t, now).empty(); };
    const LadderTier* next = flow::NextTier(*sop, *tier, on_duty);
    const bool voicemail = next == nullptr || next->voicemail;
    const TimePoint deadline = voicemail ? now : DeadlineFor(*sop, *next, now);
    // Compare-and-set first: a concurrent click or timer that moved the ladder wins.
    const bool moved = voicemail ? ladders.EndInVoicemail(case_id, step, now)
                                 : ladders.Advance(case_id, step, next->id, deadline);
    if (!moved) return false;

    json history = ladder->history;
    json happened = Event(now, event, *tier, step);
    if (!by.empty()) happened["by"] = by;
    history.push_back(std::move(happened));
    AppendSkipped(*sop, tier, /*include_from=*/false, next, now, history);
    Count(kStepsMetric, kStepsHelp, {{"tier", tier->id}, {"result", std::string(event)}});

    // The step's ping loses its buttons and says what happened.
    const std::string next_name = voicemail ? std::string("voicemail") : next->name;
    std::string outcome =
        event == "declined"
            ? ":no_entry: *Declined* by " + views::UserMention(by) + " at " + views::SlackTime(now)
            : ":hourglass: *No one accepted* within the window (by " +
                  views::SlackTime(ladder->deadline) + ")";
    outcome += "; moved on to " + block_kit::EscapeMrkdwn(next_name) + ".";
    if (const json* paged = PagedEvent(ladder->history, step)) {
        config::Duty duty{Strings(*paged, "users"), Strings(*paged, "groups")};
        u.Outbox().Enqueue(
            MessageUpdate(PingKey(case_id, step),
                          views::LadderPingClosedMessage(
                              PingOf(*sop, *c, *tier, step, ladder->deadline, duty), outcome),
                          PingLane(case_id, step)),
            now);
    }
    Audit(u, by.empty() ? "bot" : by, "ladder." + std::string(event), CaseEntity(case_id),
          {{"tier", tier->id}, {"step", step}, {"next", voicemail ? "voicemail" : next->id}});

    if (voicemail) {
        u.Timers().Cancel(LadderTimerKey(case_id));
        EndInVoicemail(u, *sop, *c, now, history, /*post_status=*/false);
        return true;
    }
    PageTier(u, *sop, *c, *next, step + 1, deadline, now, history);
    ladders.SetHistory(case_id, history);
    u.Outbox().Enqueue(
        MessageUpdate(StatusKey(case_id), StatusMessage(*sop, *c, history), AgentLane(case_id)),
        now);
    return true;
}

void EscalationService::OnLadderTimer(const storage::Timer& timer, storage::UnitOfWork& u) {
    const long long case_id = timer.payload.value("case_id", 0LL);
    const int step = timer.payload.value("step", 0);
    const auto ladder = u.Escalation().Ladders().Get(case_id);
    if (!ladder || ladder->status != LiveLadder::Status::kPaging || ladder->step != step) return;
    const TimePoint now = deps_.clock.Now();
    if (now < ladder->deadline) {
        u.Timers().Schedule({0, timer.kind, timer.key, ladder->deadline, timer.payload});
        return;
    }
    if (MoveDown(u, case_id, step, "timeout", "", now)) deps_.notify_outbox();
}

Ack EscalationService::OnAccept(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto button = ParseLadderButtonValue(ActionValue(in));
    if (!button || user.empty()) return Ack::Ephemeral("This button is no longer valid.");
    const TimePoint now = deps_.clock.Now();
    Ack ack = Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        auto& ladders = u.Escalation().Ladders();
        // One IMMEDIATE transaction: of two clicks, the first to get here wins the compare-and-set.
        if (!ladders.Accept(button->case_id, button->step, user, now)) {
            const auto ladder = ladders.Get(button->case_id);
            if (!ladder) {
                ack = Ack::Ephemeral("This live escalation no longer exists.");
            } else if (ladder->status == LiveLadder::Status::kAccepted) {
                ack = Ack::Ephemeral(ladder->owner == user
                                         ? std::string("You already accepted this call.")
                                         : "Already taken by " + views::UserMention(ladder->owner) +
                                               ".");
            } else if (ladder->status == LiveLadder::Status::kVoicemail) {
                ack = Ack::Ephemeral(
                    "Too late: no one accepted in time and the customer was sent "
                    "to voicemail. The case was posted for a follow-up.");
            } else {
                ack = Ack::Ephemeral(
                    "This step has expired: its window closed and the ladder "
                    "moved on.");
            }
            return;
        }
        const auto ladder = ladders.Get(button->case_id);
        auto sop = SopOf(u, ladder->sop_version);
        if (!sop) sop = deps_.sops.Current();
        const LadderTier* tier = sop->FindTier(ladder->tier_id);
        auto c = *u.Escalation().Cases().Get(button->case_id);
        u.Escalation().Cases().MarkTransferred(c.id, user, now);
        c.status = storage::EscalationCase::Status::kTransferred;
        c.owner = user;
        u.Timers().Cancel(LadderTimerKey(c.id));

        json history = ladder->history;
        json accepted = {{"at", ToUnix(now)},
                         {"event", "accepted"},
                         {"tier", ladder->tier_id},
                         {"step", ladder->step},
                         {"by", user}};
        history.push_back(std::move(accepted));
        ladders.SetHistory(c.id, history);

        if (tier != nullptr) {
            if (const json* paged = PagedEvent(ladder->history, ladder->step)) {
                config::Duty duty{Strings(*paged, "users"), Strings(*paged, "groups")};
                u.Outbox().Enqueue(
                    MessageUpdate(
                        PingKey(c.id, ladder->step),
                        views::LadderPingClosedMessage(
                            PingOf(*sop, c, *tier, ladder->step, ladder->deadline, duty),
                            ":white_check_mark: *Accepted by " + views::UserMention(user) +
                                "* at " + views::SlackTime(now) +
                                ". The agent is transferring the call."),
                        PingLane(c.id, ladder->step)),
                    now);
            }
        }
        u.Outbox().Enqueue(
            MessageUpdate(StatusKey(c.id), StatusMessage(*sop, c, history), AgentLane(c.id)), now);
        Audit(u, user, "ladder.accepted", CaseEntity(c.id),
              {{"tier", ladder->tier_id}, {"step", ladder->step}});
        Count(kStepsMetric, kStepsHelp, {{"tier", ladder->tier_id}, {"result", "accepted"}});
        Count(kOutcomesMetric, kOutcomesHelp, {{"outcome", "accepted"}, {"tier", ladder->tier_id}});
        logging::Get("escalation")
            ->info("case={} ladder step={} accepted by user={} tier={}", c.id, ladder->step, user,
                   ladder->tier_id);
    });
    deps_.notify_outbox();
    return ack;
}

Ack EscalationService::OnDecline(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto button = ParseLadderButtonValue(ActionValue(in));
    if (!button || user.empty()) return Ack::Ephemeral("This button is no longer valid.");
    const TimePoint now = deps_.clock.Now();
    Ack ack = Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        const auto ladder = u.Escalation().Ladders().Get(button->case_id);
        if (!ladder) {
            ack = Ack::Ephemeral("This live escalation no longer exists.");
            return;
        }
        if (ladder->status == LiveLadder::Status::kAccepted) {
            ack = Ack::Ephemeral("Already taken by " + views::UserMention(ladder->owner) + ".");
            return;
        }
        if (ladder->status != LiveLadder::Status::kPaging || ladder->step != button->step ||
            now >= ladder->deadline) {
            ack =
                Ack::Ephemeral("This step has expired: its window closed and the ladder moved on.");
            return;
        }
        // Only someone paged for this step may pass it on (anyone may when a group was paged:
        // its members are not known without asking Slack).
        if (const json* paged = PagedEvent(ladder->history, ladder->step)) {
            const auto users = Strings(*paged, "users");
            const bool paged_user = std::find(users.begin(), users.end(), user) != users.end();
            if (!paged_user && Strings(*paged, "groups").empty()) {
                ack = Ack::Ephemeral("Only the people paged for this step can decline it.");
                return;
            }
        }
        if (!MoveDown(u, button->case_id, button->step, "declined", user, now)) {
            ack =
                Ack::Ephemeral("This step has expired: its window closed and the ladder moved on.");
        }
    });
    deps_.notify_outbox();
    deps_.scheduler.Notify();
    return ack;
}

}  // namespace escbot::commands::escalation
