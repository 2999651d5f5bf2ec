#include "commands/installer/installer_flow.hpp"

#include <stdexcept>

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/home/home_refresh.hpp"
#include "commands/installer/installer_ids.hpp"
#include "commands/installer/installer_messages.hpp"
#include "commands/installer/installer_texts.hpp"
#include "commands/installer/installer_timers.hpp"
#include "commands/privacy/contact_mask.hpp"

namespace escbot::commands::installer {
namespace {

using config::sop::InstallerSop;
using storage::ChaseState;
using storage::InstallerComplaint;
using Status = InstallerComplaint::Status;
namespace q = config::sop::installer_questions;

std::shared_ptr<spdlog::logger>& Log() {
    static auto logger = logging::Get("installer");
    return logger;
}

std::string_view Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string Answer(const nlohmann::json& answers, std::string_view id) {
    const auto it = answers.find(std::string(id));
    return it != answers.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void Audit(storage::UnitOfWork& u, TimePoint now, std::string_view actor, std::string action,
           long long id, nlohmann::json detail = nlohmann::json::object()) {
    u.Audit().Record({0, now, std::string(actor), std::move(action), Entity(id), detail});
    // Every step of a complaint is audited here: the Homes that list it follow it.
    home::QueueRefreshForEntity(u, now, Entity(id), detail);
}

void Event(storage::UnitOfWork& u, TimePoint now, long long id, std::string_view actor,
           std::string kind, int attempt = 0) {
    u.InstallerComplaints().AddEvent({0, id, now, std::string(actor), std::move(kind), attempt, ""});
}

void Reply(storage::UnitOfWork& u, const FlowEnv& env, long long id, nlohmann::json message) {
    u.Outbox().Enqueue(escalation::ThreadReply(RootKey(id), std::move(message), Lane(id)), env.now);
}

/// The root post shows the complaint as it is now.
void UpdateRoot(storage::UnitOfWork& u, const FlowEnv& env, long long id, const InstallerSop& sop) {
    const auto c = u.InstallerComplaints().Get(id);
    if (!c) return;
    u.Outbox().Enqueue(
        escalation::MessageUpdate(RootKey(id), RootMessage(*c, sop, env.settings), Lane(id)),
        env.now);
}

void Schedule(storage::UnitOfWork& u, std::string_view kind, std::string key, long long id,
              int attempt, TimePoint due) {
    u.Timers().Schedule(
        {0, std::string(kind), std::move(key), due, ToJson(InstallerTimerPayload{id, attempt})});
}

TimePoint After(const FlowEnv& env, TimePoint from, const config::Duration& d) {
    return env.settings.business_calendar.Add(from, d);
}

/// The complaint and the SOP version it was opened under.
struct Loaded {
    std::optional<InstallerComplaint> complaint;
    std::shared_ptr<const InstallerSop> sop;
};

Loaded Load(storage::UnitOfWork& u, const FlowEnv& env, long long id) {
    Loaded loaded;
    if (id <= 0) return loaded;
    loaded.complaint = u.InstallerComplaints().Get(id);
    if (!loaded.complaint || loaded.complaint->status == Status::kNoCase) {
        loaded.complaint.reset();
        return loaded;
    }
    loaded.sop = env.sops.Find(u, loaded.complaint->sop_version);
    if (!loaded.sop) {
        Log()->error("installer:{} runs under SOP version {}, which is not available", id,
                     loaded.complaint->sop_version);
        loaded.complaint.reset();
    }
    return loaded;
}

bool May(access::Action action, const FlowEnv& env, const InstallerComplaint& c,
         std::string_view user) {
    access::Facts facts;
    facts.raised_by = c.agent_id;
    facts.owner = c.owner_id;
    facts.is_back_office = env.is_back_office;
    return static_cast<bool>(access::Authorize(action, user, facts));
}

/// The checks every button shares: the complaint exists, is open, and `user` may act.
std::optional<Result> Refusal(storage::UnitOfWork& u, const FlowEnv& env, const Loaded& loaded,
                              access::Action action, std::string_view user) {
    if (!loaded.complaint) return Result{Outcome::kUnknown, std::nullopt};
    const InstallerComplaint& c = *loaded.complaint;
    if (c.status == Status::kClosed) return Result{Outcome::kClosed, c};
    if (!May(action, env, c, user)) {
        Audit(u, env.now, user, "installer.refused", c.id,
              {{"action", std::string(access::ActionName(action))}});
        return Result{Outcome::kNotAllowed, c};
    }
    return std::nullopt;
}

Result Done(storage::UnitOfWork& u, long long id) {
    return {Outcome::kDone, u.InstallerComplaints().Get(id)};
}

}  // namespace

InstallerComplaint ComplaintFromAnswers(const InstallerSop& sop, const nlohmann::json& answers,
                                        std::string_view agent, std::string_view agent_channel,
                                        TimePoint now) {
    InstallerComplaint c;
    c.sop_version = sop.version;
    c.agent_id = std::string(agent);
    c.agent_channel = std::string(agent_channel);
    c.homeowner = Answer(answers, q::kHomeownerName);
    c.address = Answer(answers, q::kPropertyAddress);
    c.homeowner_key = escalation::HomeownerKey(c.homeowner, c.address);
    c.program = Answer(answers, q::kProgram);
    c.installer_name = Answer(answers, q::kInstallerName);
    c.installer_email = Answer(answers, q::kInstallerEmail);
    c.complaint_type = Answer(answers, q::kComplaintType);
    c.description = Answer(answers, q::kDescription);
    c.phone = Answer(answers, q::kPhone);
    c.best_time = Answer(answers, q::kBestTime);
    c.interaction_id = Answer(answers, q::kInteractionId);
    c.created_at = now;
    return c;
}

Submitted SubmitComplaint(storage::UnitOfWork& u, const FlowEnv& env, const InstallerSop& sop,
                          const InstallerComplaint& typed, bool check_existing) {
    Submitted out;
    out.complaint = typed;
    const auto* type = sop.FindComplaintType(typed.complaint_type);
    if (type != nullptr && !type->opens_case) {
        // SOP §4: PTO delays, missing equipment before M2, other PTO issues before M3: no case.
        out.kind = SubmitKind::kNoCase;
        out.complaint.status = Status::kNoCase;
        out.complaint.id = u.InstallerComplaints().Create(out.complaint);
        Audit(u, env.now, typed.agent_id, "installer.no_case", out.complaint.id,
              {{"type", typed.complaint_type}, {"sop_version", sop.version}});
        Event(u, env.now, out.complaint.id, typed.agent_id, "no_case");
        return out;
    }
    if (check_existing && !typed.homeowner_key.empty()) {
        out.existing = u.InstallerComplaints().FindOpenForHomeowner(typed.homeowner_key);
        if (!out.existing.empty()) {
            out.kind = SubmitKind::kExistingCase;
            return out;
        }
    }
    out.kind = SubmitKind::kOpened;
    out.complaint.status = Status::kOpen;
    out.complaint.chase_state = ChaseState::kWaiting;
    out.complaint.chase_attempt = 1;
    const long long id = u.InstallerComplaints().Create(out.complaint);
    out.complaint.id = id;

    const TimePoint first_due = After(env, env.now, sop.cadence.chase_every);
    out.first_chase_due = first_due;
    u.Outbox().Enqueue(escalation::ChannelPost(env.settings.channels.back_office,
                                               RootMessage(out.complaint, sop, env.settings),
                                               Lane(id), RootKey(id), typed.agent_id),
                       env.now);
    Reply(u, env, id, FirstEmailMessage(out.complaint, sop, env.settings, first_due));

    Schedule(u, kChaseTimer, ChaseTimerKey(id), id, 1, first_due);
    Schedule(u, kOwnerReminderTimer, OwnerReminderTimerKey(id), id, 0,
             After(env, env.now, sop.cadence.owner_reminder_after));
    const auto* program = sop.FindProgram(typed.program);
    if (program != nullptr && program->weekly_commitment) {
        Schedule(u, kCommitmentTimer, CommitmentTimerKey(id), id, 0,
                 After(env, env.now, sop.cadence.commitment_every));
    }
    Audit(u, env.now, typed.agent_id, "installer.opened", id,
          {{"type", typed.complaint_type}, {"program", typed.program}, {"sop_version", sop.version}});
    Event(u, env.now, id, typed.agent_id, "opened");
    return out;
}

Result FollowUp(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view agent) {
    const Loaded loaded = Load(u, env, id);
    if (!loaded.complaint) return {Outcome::kUnknown, std::nullopt};
    if (loaded.complaint->status == Status::kClosed) return {Outcome::kClosed, loaded.complaint};
    Reply(u, env, id,
          ThreadMessage(ThreadText("followed_up", *loaded.complaint, *loaded.sop, env.settings,
                                   {{"agent", escalation::views::UserMention(agent)}})));
    Audit(u, env.now, agent, "installer.followed_up", id);
    Event(u, env.now, id, agent, "followed_up");
    return Done(u, id);
}

Result Claim(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user) {
    const Loaded loaded = Load(u, env, id);
    if (auto refused = Refusal(u, env, loaded, access::Action::kClaimInstallerComplaint, user)) {
        return *refused;
    }
    if (!u.InstallerComplaints().Claim(id, user, env.now)) return {Outcome::kStale, loaded.complaint};
    const auto c = u.InstallerComplaints().Get(id);
    Reply(u, env, id, ThreadMessage(ThreadText("claimed", *c, *loaded.sop, env.settings)));
    UpdateRoot(u, env, id, *loaded.sop);
    Audit(u, env.now, user, "installer.claimed", id);
    Event(u, env.now, id, user, "claimed");
    return {Outcome::kDone, c};
}

Result RecordChase(storage::UnitOfWork& u, const FlowEnv& env, long long id, int attempt,
                   bool replied, std::string_view user) {
    const Loaded loaded = Load(u, env, id);
    if (auto refused = Refusal(u, env, loaded, access::Action::kRecordInstallerChase, user)) {
        return *refused;
    }
    const InstallerComplaint& c = *loaded.complaint;
    const InstallerSop& sop = *loaded.sop;
    auto& repo = u.InstallerComplaints();

    if (replied) {
        // From the root post (attempt 0): whatever chase is current; from a chase: that chase.
        ChaseState from = ChaseState::kDue;
        int n = attempt;
        if (attempt == 0) {
            if (c.chase_state != ChaseState::kWaiting && c.chase_state != ChaseState::kDue) {
                return {Outcome::kStale, c};
            }
            from = c.chase_state;
            n = c.chase_attempt;
        }
        if (!repo.MoveChase(id, from, n, ChaseState::kReplied, n)) return {Outcome::kStale, c};
        u.Timers().Cancel(ChaseTimerKey(id));
        const int shown = from == ChaseState::kWaiting ? n - 1 : n;
        const auto now_c = repo.Get(id);
        Reply(u, env, id,
              ThreadMessage(ThreadText("installer_replied", *now_c, sop, env.settings,
                                       {{"attempt", std::to_string(shown)}})));
        Event(u, env.now, id, user, "installer_replied", shown);
        Audit(u, env.now, user, "installer.replied", id, {{"attempt", shown}});
    } else {
        if (attempt <= 0) return {Outcome::kStale, c};
        const bool last = attempt >= sop.cadence.attempts;
        const ChaseState to = last ? ChaseState::kReferralDue : ChaseState::kWaiting;
        if (!repo.MoveChase(id, ChaseState::kDue, attempt, to, last ? attempt : attempt + 1)) {
            return {Outcome::kStale, c};
        }
        const auto now_c = repo.Get(id);
        if (last) {
            Reply(u, env, id, ReferralDueMessage(*now_c, sop, env.settings));
        } else {
            const TimePoint due = After(env, env.now, sop.cadence.chase_every);
            Schedule(u, kChaseTimer, ChaseTimerKey(id), id, attempt + 1, due);
            Reply(u, env, id,
                  ThreadMessage(ThreadText(
                      "no_reply", *now_c, sop, env.settings,
                      {{"attempt", std::to_string(attempt)},
                       {"due", escalation::views::SlackDate(due, env.settings.business_calendar)}})));
        }
        Event(u, env.now, id, user, "no_reply", attempt);
        Audit(u, env.now, user, "installer.no_reply", id, {{"attempt", attempt}});
    }
    UpdateRoot(u, env, id, sop);
    return Done(u, id);
}

Result CheckReferral(storage::UnitOfWork& u, const FlowEnv& env, long long id,
                     std::string_view user) {
    const Loaded loaded = Load(u, env, id);
    if (auto refused = Refusal(u, env, loaded, access::Action::kReferInstallerComplaint, user)) {
        return *refused;
    }
    if (loaded.complaint->chase_state != ChaseState::kReferralDue) {
        return {Outcome::kStale, loaded.complaint};
    }
    return {Outcome::kDone, loaded.complaint};
}

Result Refer(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user,
             const nlohmann::json& answers) {
    const Loaded loaded = Load(u, env, id);
    if (auto refused = Refusal(u, env, loaded, access::Action::kReferInstallerComplaint, user)) {
        return *refused;
    }
    if (!u.InstallerComplaints().RecordReferral(id, answers)) return {Outcome::kStale, loaded.complaint};
    const auto c = u.InstallerComplaints().Get(id);
    Reply(u, env, id,
          ReferralMessage(*c, *loaded.sop, env.settings, ReferralText(*c, *loaded.sop, answers)));
    UpdateRoot(u, env, id, *loaded.sop);
    Event(u, env.now, id, user, "referred");
    Audit(u, env.now, user, "installer.referred", id);
    return {Outcome::kDone, c};
}

Result PartnerUpdated(storage::UnitOfWork& u, const FlowEnv& env, long long id,
                      std::string_view user) {
    const Loaded loaded = Load(u, env, id);
    if (auto refused = Refusal(u, env, loaded, access::Action::kRecordPartnerUpdate, user)) {
        return *refused;
    }
    if (!u.InstallerComplaints().MarkPartnerUpdated(id)) return {Outcome::kStale, loaded.complaint};
    u.Timers().Cancel(CommitmentTimerKey(id));
    const auto c = u.InstallerComplaints().Get(id);
    Reply(u, env, id, ThreadMessage(ThreadText("partner_updated", *c, *loaded.sop, env.settings)));
    Event(u, env.now, id, user, "partner_updated");
    Audit(u, env.now, user, "installer.partner_updated", id);
    return {Outcome::kDone, c};
}

Result CheckClose(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user) {
    const Loaded loaded = Load(u, env, id);
    if (auto refused = Refusal(u, env, loaded, access::Action::kCloseInstallerComplaint, user)) {
        return *refused;
    }
    return {Outcome::kDone, loaded.complaint};
}

Result Close(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user,
             std::string_view comments) {
    const Loaded loaded = Load(u, env, id);
    if (auto refused = Refusal(u, env, loaded, access::Action::kCloseInstallerComplaint, user)) {
        return *refused;
    }
    const std::string trimmed(Trim(comments));
    if (trimmed.empty()) return {Outcome::kInvalid, loaded.complaint};
    if (!u.InstallerComplaints().Close(id, trimmed, user, env.now)) {
        return {Outcome::kStale, loaded.complaint};
    }
    for (const std::string& key : {ChaseTimerKey(id), OwnerReminderTimerKey(id), CommitmentTimerKey(id)}) {
        u.Timers().Cancel(key);
    }
    auto c = u.InstallerComplaints().Get(id);
    c->owner_id = std::string(user);  // "Closed by {owner}": the one who closed it
    Reply(u, env, id,
          ThreadMessage(ThreadText("closed", *c, *loaded.sop, env.settings) + "\n>" +
                        block_kit::EscapeAndTruncate(
                            privacy::ForChannel(trimmed, env.settings.privacy.mask_contact_details),
                            2000)));
    UpdateRoot(u, env, id, *loaded.sop);
    Event(u, env.now, id, user, "closed");
    Audit(u, env.now, user, "installer.closed", id);
    return Done(u, id);
}

void OnChaseDue(storage::UnitOfWork& u, const FlowEnv& env, long long id, int attempt) {
    const Loaded loaded = Load(u, env, id);
    if (!loaded.complaint || loaded.complaint->status != Status::kOpen) return;
    // Fires once: only a chase still waiting for this attempt becomes due.
    if (!u.InstallerComplaints().MoveChase(id, ChaseState::kWaiting, attempt, ChaseState::kDue,
                                           attempt)) {
        return;
    }
    const auto c = u.InstallerComplaints().Get(id);
    Reply(u, env, id, ChaseDueMessage(*c, *loaded.sop, env.settings, attempt));
    UpdateRoot(u, env, id, *loaded.sop);
    Event(u, env.now, id, "bot", "chase_due", attempt);
    Audit(u, env.now, "bot", "installer.chase_due", id, {{"attempt", attempt}});
}

void OnOwnerReminder(storage::UnitOfWork& u, const FlowEnv& env, long long id) {
    const Loaded loaded = Load(u, env, id);
    if (!loaded.complaint || loaded.complaint->status != Status::kOpen) return;
    Reply(u, env, id,
          ThreadMessage(ThreadText("owner_reminder", *loaded.complaint, *loaded.sop, env.settings)));
    Event(u, env.now, id, "bot", "owner_reminder");
}

void OnCommitmentDue(storage::UnitOfWork& u, const FlowEnv& env, long long id) {
    const Loaded loaded = Load(u, env, id);
    if (!loaded.complaint || loaded.complaint->status != Status::kOpen ||
        loaded.complaint->partner_updated) {
        return;
    }
    const auto* program = loaded.sop->FindProgram(loaded.complaint->program);
    if (program == nullptr || !program->weekly_commitment) return;
    Reply(u, env, id, CommitmentDueMessage(*loaded.complaint, *loaded.sop, env.settings));
    Schedule(u, kCommitmentTimer, CommitmentTimerKey(id), id, 0,
             After(env, env.now, loaded.sop->cadence.commitment_every));
    Event(u, env.now, id, "bot", "commitment_due");
}

}  // namespace escbot::commands::installer
