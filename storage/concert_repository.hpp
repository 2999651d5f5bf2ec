#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"

namespace escbot::storage {

/// A Concert confirmation request (SOP §3): an agent asks the on-duty Concert contacts whether a
/// caller who is not on our platform is a Concert customer. Its life:
///   held  -> open       the window opened and the request was posted (tagging `tagged`)
///   open  -> confirmed | not_concert   a contact answered (the first answer wins)
///   held | open -> cancelled           the requesting agent withdrew it
/// A request made while someone is on duty starts `open`.
struct ConcertRequest {
    enum class Status { kHeld, kOpen, kConfirmed, kNotConcert, kCancelled };

    long long id = 0;
    std::string agent_id;       // the requesting agent (U…)
    std::string agent_channel;  // where the agent asked ("" if unknown), for ephemeral notes
    std::string homeowner;      // personal data: database and Slack only, never logs
    std::string address;        // personal data: database and Slack only, never logs
    std::string rotation;       // the rotation whose people were (or will be) tagged
    Status status = Status::kHeld;
    std::vector<std::string> tagged;  // ids tagged in the post: users (U…/W…) and groups (S…)
    int reminders_sent = 0;
    bool fallback_tagged = false;
    int questions = 0;          // "Need more info" questions asked
    /// A question waits for the agent's answer: no reminder until the agent says it is answered.
    bool question_waiting = false;
    std::string closed_by;      // who answered or cancelled ("" while held or open)
    TimePoint created_at{};
    std::optional<TimePoint> posted_at;  // when the post was queued (the window was open)
    std::optional<TimePoint> closed_at;  // when it was answered or cancelled

    bool IsClosed() const {
        return status != Status::kHeld && status != Status::kOpen;
    }
};

/// The Concert confirmation requests. Reachable only inside Store::Write/Read (see store.hpp), so
/// every method runs in the Store's transaction; the compare-and-set methods are race-free
/// because a write transaction holds the write lock from its start (BEGIN IMMEDIATE). Methods
/// throw on storage failure; the counters throw std::runtime_error for a request that does not
/// exist.
class ConcertRepository {
public:
    virtual ~ConcertRepository() = default;

    /// Stores a new request (its id is ignored) and returns its id.
    virtual long long Create(const ConcertRequest& request) = 0;
    virtual std::optional<ConcertRequest> Get(long long id) = 0;

    /// held -> open, recording whom the post tagged and when. False (nothing changes) if the
    /// request is not held.
    virtual bool MarkPosted(long long id, const std::vector<std::string>& tagged, TimePoint at) = 0;
    /// open -> `answer` (kConfirmed or kNotConcert), by `by` at `at`. False (nothing changes) if
    /// the request is not open: someone else answered first, or it was cancelled. Throws
    /// std::invalid_argument for another status.
    virtual bool Answer(long long id, ConcertRequest::Status answer, std::string_view by,
                        TimePoint at) = 0;
    /// held or open -> cancelled, by `by` at `at`. False (nothing changes) if already closed.
    virtual bool Cancel(long long id, std::string_view by, TimePoint at) = 0;

    /// Counts one reminder posted.
    virtual void CountReminder(long long id) = 0;
    /// Records that the fallback rotation was tagged.
    virtual void MarkFallbackTagged(long long id) = 0;
    /// Counts one "Need more info" question.
    virtual void CountQuestion(long long id) = 0;
    /// A question now waits for the agent's answer.
    virtual void MarkQuestionWaiting(long long id) = 0;
    /// The agent answered: clears the wait. False (nothing changes) unless the request is open
    /// and a question was waiting (a second click, or already answered or cancelled).
    virtual bool MarkQuestionAnswered(long long id) = 0;

    /// Requests in `status`, oldest first, at most `limit` (for operators and tests).
    virtual std::vector<ConcertRequest> ListByStatus(ConcertRequest::Status status, int limit) = 0;
};

/// "held", "open", "confirmed", "not_concert", "cancelled": the stored and audited spelling.
constexpr std::string_view StatusName(ConcertRequest::Status status) {
    switch (status) {
        case ConcertRequest::Status::kHeld: return "held";
        case ConcertRequest::Status::kOpen: return "open";
        case ConcertRequest::Status::kConfirmed: return "confirmed";
        case ConcertRequest::Status::kNotConcert: return "not_concert";
        case ConcertRequest::Status::kCancelled: return "cancelled";
    }
    return "held";
}

}  // namespace escbot::storage
