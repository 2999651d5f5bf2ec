#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"
#include "commands/concert/concert_guidance.hpp"
#include "config/rotation.hpp"
#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::commands::concert {

// The Concert confirmation flow's state changes (SOP §3). Each function runs inside the caller's
// write transaction: it changes the request, queues the Slack messages it owes in the outbox and
// (re)schedules its timers, so all of it commits or rolls back together. Times come from `now`;
// schedules from `settings`. None of them logs personal data. They throw only on storage failure
// (and CreateRequest on a configuration without the Concert rotation, which LoadSettings
// rejects).
//
// Timers: concert.release fires when a held request's window opens; concert.remind fires after
// concert.reminder_minutes of on-duty time without an answer (reminders never fall outside a
// window, and a reminder is counted only when it is posted). After concert.max_reminders
// reminders, the same timer tags the people on duty in concert.fallback_rotation (once, when
// someone there is on duty); then it stops.

/// What an agent asked for.
struct NewRequest {
    std::string agent_id;
    std::string agent_channel;  // where they asked ("" if unknown)
    std::string homeowner;      // already trimmed and cut (ParseConcertText)
    std::string address;
};

/// A stored request and what happened to it.
struct Created {
    storage::ConcertRequest request;
    const config::Rotation* rotation = nullptr;  // points into the settings passed in
    std::optional<TimePoint> opens_at;           // set when held until that instant
};

/// Stores the request. Someone on duty now: queues the post tagging them and schedules the
/// first reminder. Nobody on duty: holds it, with a timer at the next window's opening.
Created CreateRequest(storage::UnitOfWork& u, const config::Settings& settings,
                      const NewRequest& in, TimePoint now);

/// How an action on an existing request ended.
enum class Outcome {
    kDone,        // it happened
    kUnknown,     // no such request
    kNotAllowed,  // the user may not do this (nothing changed)
    kClosed,      // already answered or cancelled (nothing changed)
    kNotPosted,   // still held: there is no post to answer yet
};

struct Result {
    Outcome outcome = Outcome::kUnknown;
    std::optional<storage::ConcertRequest> request;  // as it is after the action
};

/// The first answer wins: open -> confirmed / not_concert (compare-and-set), then the post is
/// updated, the thread gets a reply, and the agent gets an ephemeral note where they asked and a
/// DM. Only people who may answer (access::Action::kAnswerConcert: IsConcertContact); a refusal is audited and changes nothing else.
/// A confirmation's notes carry `guidance` (SOP §3: the financier explanation, the email and
/// phone on file, /escalate for fraud or compliance) when given.
Result AnswerRequest(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                     std::string_view user, storage::ConcertRequest::Status answer, TimePoint now,
                     const ConcertGuidance* guidance = nullptr);

/// The requesting agent withdraws a held or open request: its timers stop and its post (if any)
/// says so. Anyone else: kNotAllowed.
Result CancelRequest(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                     std::string_view user, TimePoint now);

/// Whether `user` may ask a "Need more info" question on request `id` now (read-only).
Result CheckMayAsk(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                   std::string_view user);

/// Posts the question in the request's thread for the agent (and tells the agent by DM); the
/// request stays open and its reminders pause while the question waits for the agent.
Result AskQuestion(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                   std::string_view user, std::string_view question, TimePoint now);

/// The requesting agent says the waiting question is answered: the people tagged are asked
/// again in the thread and the reminder clock restarts from now. Anyone else: kNotAllowed;
/// nothing waiting (a second click): kClosed for a closed request, else kDone changing nothing.
Result QuestionAnswered(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                        std::string_view user, TimePoint now);

/// concert.release: posts a held request with the tags of the window now open (or waits again
/// for the next window if the schedule changed meanwhile).
void ReleaseHeld(storage::UnitOfWork& u, const config::Settings& settings, long long id,
                 TimePoint now);

/// concert.remind: a reminder, or the fallback (the agent is told by DM), for a request still
/// open whose question, if any, is answered.
void Remind(storage::UnitOfWork& u, const config::Settings& settings, long long id, TimePoint now);

/// The role access::Role::kConcertContact for `request`: anyone in its rotation (any window, on
/// duty or not, and the people its overrides add or swap in), anyone its post tagged, and, once
/// the fallback was tagged, anyone in the fallback rotation.
bool IsConcertContact(const config::Settings& settings, const storage::ConcertRequest& request,
                      std::string_view user);

/// The request's rotation, or the configured Concert rotation if that one is gone from the
/// configuration; nullptr if neither exists.
const config::Rotation* RotationOf(const config::Settings& settings,
                                   const storage::ConcertRequest& request);

}  // namespace escbot::commands::concert
