#include "commands/concert/concert_flow.hpp"

#include <algorithm>
#include <stdexcept>

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/concert/concert_ids.hpp"
#include "commands/concert/concert_messages.hpp"
#include "commands/concert/concert_timers.hpp"
#include "commands/concert/on_duty_time.hpp"
#include "commands/concert/rotation_members.hpp"
#include "config/schedule.hpp"

namespace escbot::commands::concert {
namespace {

using storage::ConcertRequest;
using Status = ConcertRequest::Status;

std::shared_ptr<spdlog::logger>& Log() {
    static auto logger = logging::Get("concert");
    return logger;
}

void Audit(storage::UnitOfWork& u, TimePoint now, std::string_view actor, std::string action,
           long long id, nlohmann::json detail = nlohmann::json::object()) {
    u.Audit().Record(
        {0, now, std::string(actor), std::move(action), Entity(id), std::move(detail)});
}

storage::OutboxItem Item(std::string method, nlohmann::json args, std::string lane) {
    storage::OutboxItem item;
    item.method = std::move(method);
    item.args = std::move(args);
    item.lane = std::move(lane);
    return item;
}

void PostInChannel(storage::UnitOfWork& u, const config::Settings& settings, TimePoint now,
                   const ConcertRequest& r, nlohmann::json message) {
    message["channel"] = settings.channels.concert_confirmation;
    auto item = Item("chat.postMessage", std::move(message), Lane(r.id));
    item.result_key = RootKey(r.id);
    item.notify_user = r.agent_id;
    u.Outbox().Enqueue(item, now);
}

void ReplyInThread(storage::UnitOfWork& u, const config::Settings& settings, TimePoint now,
                   const ConcertRequest& r, nlohmann::json message) {
    message["channel"] = settings.channels.concert_confirmation;
    auto item = Item("chat.postMessage", std::move(message), Lane(r.id));
    item.thread_key = RootKey(r.id);
    u.Outbox().Enqueue(item, now);
}

void UpdatePost(storage::UnitOfWork& u, const config::Settings& settings, TimePoint now,
                const ConcertRequest& r, nlohmann::json message) {
    message["channel"] = settings.channels.concert_confirmation;
    auto item = Item("chat.update", std::move(message), Lane(r.id));
    item.ts_key = RootKey(r.id);
    u.Outbox().Enqueue(item, now);
}

/// The agent hears by DM, and with `ephemeral_too` also where they asked, unless they asked in
/// a direct message: chat.postEphemeral fails in a DM between people (channel_not_found), and
/// the bot's DM with them is where the DM goes anyway.
void TellAgent(storage::UnitOfWork& u, TimePoint now, const ConcertRequest& r,
               const nlohmann::json& note, bool ephemeral_too) {
    if (ephemeral_too && !r.agent_channel.empty() && r.agent_channel[0] != 'D') {
        nlohmann::json args = note;
        args["channel"] = r.agent_channel;
        args["user"] = r.agent_id;
        u.Outbox().Enqueue(
            Item("chat.postEphemeral", std::move(args), "ephemeral:" + r.agent_channel), now);
    }
    nlohmann::json dm = note;
    dm["channel"] = r.agent_id;
    u.Outbox().Enqueue(Item("chat.postMessage", std::move(dm), "dm:" + r.agent_id), now);
}

void ScheduleTimer(storage::UnitOfWork& u, std::string_view kind, std::string key, long long id,
                   TimePoint due) {
    u.Timers().Schedule(
        {0, std::string(kind), std::move(key), due, ToJson(ConcertTimerPayload{id})});
}

/// The next reminder (or fallback) after `reminder_minutes` of on-duty time from `from`.
void ScheduleReminder(storage::UnitOfWork& u, const config::Settings& settings,
                      const ConcertRequest& r, const config::Rotation& rotation, TimePoint from) {
    if (r.fallback_tagged) return;
    const auto due =
        AfterOnDutyTime(rotation, from, std::chrono::minutes(settings.concert.reminder_minutes));
    if (due) {
        ScheduleTimer(u, kRemindTimer, RemindTimerKey(r.id), r.id, *due);
    } else {
        u.Timers().Cancel(RemindTimerKey(r.id));
    }
}

/// Queues the post of an open request and starts its reminder clock.
void Post(storage::UnitOfWork& u, const config::Settings& settings, const ConcertRequest& r,
          const config::Rotation& rotation, std::optional<TimePoint> held_since, TimePoint now) {
    PostInChannel(u, settings, now, r, RequestPost(r, rotation, held_since));
    ScheduleReminder(u, settings, r, rotation, now);
    Audit(u, now, "bot", "concert.posted", r.id,
          {{"rotation", rotation.name()}, {"tagged", r.tagged}, {"held", held_since.has_value()}});
}

Result Missing() { return {Outcome::kUnknown, std::nullopt}; }

}  // namespace

const config::Rotation* RotationOf(const config::Settings& settings, const ConcertRequest& r) {
    if (const auto* rotation = settings.rotations.Find(r.rotation)) return rotation;
    return settings.rotations.Find(settings.concert.rotation);
}

bool IsConcertContact(const config::Settings& settings, const ConcertRequest& r,
                      std::string_view user) {
    if (user.empty()) return false;
    if (std::find(r.tagged.begin(), r.tagged.end(), user) != r.tagged.end()) return true;
    if (const auto* rotation = RotationOf(settings, r);
        rotation && IsRotationMember(*rotation, user)) {
        return true;
    }
    if (r.fallback_tagged) {
        const auto* fallback = settings.rotations.Find(settings.concert.fallback_rotation);
        return fallback != nullptr && IsRotationMember(*fallback, user);
    }
    return false;
}

/// May `user` do `action` to request `r`? The one authorization table decides (commands/access).
bool May(access::Action action, const config::Settings& settings, const ConcertRequest& r,
         std::string_view user) {
    access::Facts facts;
    facts.raised_by = r.agent_id;
    facts.is_concert_contact = [&](std::string_view who) {
        return IsConcertContact(settings, r, who);
    };
    return static_cast<bool>(access::Authorize(action, user, facts));
}

Created CreateRequest(storage::UnitOfWork& u, const config::Settings& settings,
                      const NewRequest& in, TimePoint now) {
    const config::Rotation* rotation = settings.rotations.Find(settings.concert.rotation);
    if (rotation == nullptr) {
        throw std::logic_error("concert.rotation names no configured rotation");
    }
    Created created;
    created.rotation = rotation;
    ConcertRequest& r = created.request;
    r.agent_id = in.agent_id;
    r.agent_channel = in.agent_channel;
    r.homeowner = in.homeowner;
    r.address = in.address;
    r.rotation = rotation->name();
    r.created_at = now;

    const config::Duty duty = config::OnDuty(*rotation, now);
    const auto opens_at = duty.empty() ? config::NextWindowOpen(*rotation, now) : std::nullopt;
    if (opens_at) {
        r.status = Status::kHeld;
        created.opens_at = opens_at;
    } else {
        // On duty now, or nobody ever again (then the post goes out untagged rather than never).
        r.status = Status::kOpen;
        r.tagged = DutyIds(duty);
        r.posted_at = now;
    }
    r.id = u.Concert().Create(r);
    Audit(u, now, r.agent_id, "concert.requested", r.id,
          {{"rotation", r.rotation}, {"status", StatusName(r.status)}});

    if (opens_at) {
        ScheduleTimer(u, kReleaseTimer, ReleaseTimerKey(r.id), r.id, *opens_at);
        Log()->info("concert request {} by {} held until {} (nobody on duty in {})", r.id,
                    r.agent_id, ToUnix(*opens_at), r.rotation);
    } else {
        if (duty.empty()) Log()->warn("concert rotation {} never has anyone on duty", r.rotation);
        Post(u, settings, r, *rotation, std::nullopt, now);
        Log()->info("concert request {} by {} posted, tagging {} ids", r.id, r.agent_id,
                    r.tagged.size());
    }
    return created;
}

Result AnswerRequest(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                     std::string_view user, Status answer, TimePoint now,
                     const ConcertGuidance* guidance) {
    auto r = u.Concert().Get(id);
    if (!r) return Missing();
    if (!May(access::Action::kAnswerConcert, settings, *r, user)) {
        Audit(u, now, user, "concert.answer_refused", id);
        Log()->info("concert request {}: answer by {} refused (not in the rotation)", id, user);
        return {Outcome::kNotAllowed, std::move(r)};
    }
    if (r->status == Status::kHeld) return {Outcome::kNotPosted, std::move(r)};
    if (!u.Concert().Answer(id, answer, user, now)) return {Outcome::kClosed, std::move(r)};

    r = u.Concert().Get(id);
    u.Timers().Cancel(RemindTimerKey(id));
    const config::Rotation* rotation = RotationOf(settings, *r);
    if (rotation != nullptr) {
        UpdatePost(u, settings, now, *r, ClosedPost(*r, *rotation));
        ReplyInThread(u, settings, now, *r, AnswerReply(*r, *rotation));
        TellAgent(u, now, *r,
                  AgentAnswerNote(*r, *rotation, settings.channels.concert_confirmation,
                                  guidance),
                  true);
    }
    const long long waited = r->posted_at ? (now - *r->posted_at).count() : 0;
    Audit(u, now, user, "concert.answered", id,
          {{"answer", StatusName(answer)},
           {"seconds_after_post", waited},
           {"reminders", r->reminders_sent},
           {"fallback", r->fallback_tagged}});
    Log()->info("concert request {} answered {} by {} after {} s", id, StatusName(answer), user,
                waited);
    return {Outcome::kDone, std::move(r)};
}

Result CancelRequest(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                     std::string_view user, TimePoint now) {
    auto r = u.Concert().Get(id);
    if (!r) return Missing();
    if (!May(access::Action::kCancelConcert, settings, *r, user)) {
        return {Outcome::kNotAllowed, std::move(r)};
    }
    const bool was_posted = r->status == Status::kOpen;
    if (!u.Concert().Cancel(id, user, now)) return {Outcome::kClosed, std::move(r)};

    r = u.Concert().Get(id);
    u.Timers().Cancel(RemindTimerKey(id));
    u.Timers().Cancel(ReleaseTimerKey(id));
    if (const auto* rotation = RotationOf(settings, *r); was_posted && rotation != nullptr) {
        UpdatePost(u, settings, now, *r, ClosedPost(*r, *rotation));
    }
    Audit(u, now, user, "concert.cancelled", id, {{"was", was_posted ? "open" : "held"}});
    Log()->info("concert request {} cancelled by {}", id, user);
    return {Outcome::kDone, std::move(r)};
}

Result CheckMayAsk(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                   std::string_view user) {
    auto r = u.Concert().Get(id);
    if (!r) return Missing();
    if (!May(access::Action::kAnswerConcert, settings, *r, user)) return {Outcome::kNotAllowed, std::move(r)};
    if (r->status == Status::kHeld) return {Outcome::kNotPosted, std::move(r)};
    if (r->IsClosed()) return {Outcome::kClosed, std::move(r)};
    return {Outcome::kDone, std::move(r)};
}

Result AskQuestion(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                   std::string_view user, std::string_view question, TimePoint now) {
    Result check = CheckMayAsk(u, settings, id, user);
    if (check.outcome != Outcome::kDone) return check;
    ConcertRequest& r = *check.request;
    u.Concert().CountQuestion(id);
    u.Concert().MarkQuestionWaiting(id);
    ++r.questions;
    r.question_waiting = true;
    ReplyInThread(u, settings, now, r, QuestionReply(r, user, question));
    TellAgent(u, now, r, AgentQuestionNote(r, user, settings.channels.concert_confirmation), false);
    // No reminder while the question waits for the agent (QuestionAnswered restarts them).
    u.Timers().Cancel(RemindTimerKey(id));
    Audit(u, now, user, "concert.more_info", id, {{"question", r.questions}});
    Log()->info("concert request {}: {} asked for more information", id, user);
    return check;
}

Result QuestionAnswered(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                        std::string_view user, TimePoint now) {
    auto r = u.Concert().Get(id);
    if (!r) return Missing();
    if (!May(access::Action::kConcertQuestionAnswered, settings, *r, user)) {
        return {Outcome::kNotAllowed, std::move(r)};
    }
    if (!u.Concert().MarkQuestionAnswered(id)) {
        return {r->IsClosed() ? Outcome::kClosed : Outcome::kDone, std::move(r)};
    }
    r->question_waiting = false;
    ReplyInThread(u, settings, now, *r, QuestionAnsweredReply(*r));
    if (const auto* rotation = RotationOf(settings, *r)) {
        ScheduleReminder(u, settings, *r, *rotation, now);
    }
    Audit(u, now, user, "concert.question_answered", id);
    Log()->info("concert request {}: the agent answered the question", id);
    return {Outcome::kDone, std::move(r)};
}

void ReleaseHeld(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                 TimePoint now) {
    auto r = u.Concert().Get(id);
    if (!r || r->status != Status::kHeld) return;
    const config::Rotation* rotation = RotationOf(settings, *r);
    if (rotation == nullptr) {
        Log()->error("concert request {}: rotation {} is not configured; kept held", id,
                     r->rotation);
        return;
    }
    const config::Duty duty = config::OnDuty(*rotation, now);
    if (duty.empty()) {
        // The schedule changed while the request was held: wait for the window that opens now.
        if (const auto open = config::NextWindowOpen(*rotation, now)) {
            ScheduleTimer(u, kReleaseTimer, ReleaseTimerKey(id), id, *open);
            Log()->info("concert request {} still held: nobody on duty; next try at {}", id,
                        ToUnix(*open));
            return;
        }
    }
    r->tagged = DutyIds(duty);
    r->posted_at = now;
    r->status = Status::kOpen;
    u.Concert().MarkPosted(id, r->tagged, now);
    Post(u, settings, *r, *rotation, r->created_at, now);
    TellAgent(u, now, *r, AgentPostedNote(*r, settings.channels.concert_confirmation), false);
    Log()->info("concert request {} released, tagging {} ids", id, r->tagged.size());
}

void Remind(storage::UnitOfWork& u, const config::Settings& settings, long long id, TimePoint now) {
    auto r = u.Concert().Get(id);
    if (!r || r->status != Status::kOpen || r->fallback_tagged || r->question_waiting) return;
    const config::Rotation* rotation = RotationOf(settings, *r);
    if (rotation == nullptr) return;

    if (r->reminders_sent < settings.concert.max_reminders) {
        if (config::OnDuty(*rotation, now).empty()) {
            // Never outside a window; the reminder is not spent.
            if (const auto open = config::NextWindowOpen(*rotation, now)) {
                ScheduleTimer(u, kRemindTimer, RemindTimerKey(id), id, *open);
            }
            return;
        }
        ++r->reminders_sent;
        ReplyInThread(u, settings, now, *r,
                      ReminderReply(*r, r->reminders_sent, settings.concert.max_reminders));
        u.Concert().CountReminder(id);
        ScheduleReminder(u, settings, *r, *rotation, now);
        Audit(u, now, "bot", "concert.reminded", id, {{"reminder", r->reminders_sent}});
        Log()->info("concert request {}: reminder {} posted", id, r->reminders_sent);
        return;
    }

    const config::Rotation* fallback = settings.rotations.Find(settings.concert.fallback_rotation);
    if (fallback == nullptr) {
        Log()->warn("concert request {}: fallback rotation {} is not configured", id,
                    settings.concert.fallback_rotation);
        return;
    }
    const config::Duty duty = config::OnDuty(*fallback, now);
    if (duty.empty()) {
        if (const auto open = config::NextWindowOpen(*fallback, now)) {
            ScheduleTimer(u, kRemindTimer, RemindTimerKey(id), id, *open);
        }
        return;
    }
    const auto ids = DutyIds(duty);
    ReplyInThread(u, settings, now, *r, FallbackReply(*r, ids, fallback->name()));
    u.Concert().MarkFallbackTagged(id);
    u.Timers().Cancel(RemindTimerKey(id));  // the last step: nothing follows the fallback
    TellAgent(u, now, *r,
              AgentFallbackNote(*r, fallback->name(), settings.channels.concert_confirmation),
              false);
    Audit(u, now, "bot", "concert.fallback", id, {{"rotation", fallback->name()}, {"tagged", ids}});
    Log()->info("concert request {}: fallback rotation {} tagged", id, fallback->name());
}

}  // namespace escbot::commands::concert
