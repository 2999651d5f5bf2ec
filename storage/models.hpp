#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"

namespace escbot::storage {

/// A Web API call the bot owes Slack, written in the same transaction as the state change that
/// caused it and sent later by the outbox worker.
struct OutboxItem {
    enum class Status { kPending, kSent, kFailed };

    long long id = 0;
    std::string method;  // chat.postMessage, chat.update, chat.postEphemeral, views.publish, ...
    nlohmann::json args;
    /// Items with the same lane go out one at a time in id order (the channel id, or "dm:U..").
    std::string lane;
    /// When set, the worker waits until this message key has a ts and sends it as `thread_ts`.
    std::string thread_key;
    /// When set, the worker waits until this message key has a ts and sends it as `ts`
    /// (chat.update of a message that the outbox itself posted).
    std::string ts_key;
    /// When set, the (channel, ts) that Slack returns is stored under this message key.
    std::string result_key;
    /// Told with an ephemeral note or DM when the call fails for good ("" for nobody).
    std::string notify_user;
    /// Higher leaves first: among due items, priority before age (kPagePriority: ladder pages).
    int priority = 0;

    Status status = Status::kPending;
    int attempts = 0;
    TimePoint created_at{};
    TimePoint next_attempt_at{};
    std::string last_error;
    /// When the first attempt started (chat.postMessage only; see MarkAttempting).
    std::optional<TimePoint> first_attempt_at;
    /// Slack may have taken an earlier attempt: look the message up before sending it again.
    bool outcome_unknown = false;
};

/// The priority of a live-ladder page: it leaves ahead of other posts (its window is running).
inline constexpr int kPagePriority = 10;

/// The latest send of the message stored under a result_key: its status, and when it finished
/// (for a sent item: when Slack took it, by the worker's clock).
struct OutboxSend {
    OutboxItem::Status status = OutboxItem::Status::kPending;
    std::optional<TimePoint> finished_at;
};

/// Where a message the bot posted lives, by the key the code gave it ("case:42:root").
struct MessageRef {
    std::string key;
    std::string channel;
    std::string ts;
};

/// A durable timer: a row fired by the scheduler once `due_at` has passed, even after a restart.
struct Timer {
    long long id = 0;
    std::string kind;  // selects the handler: "ladder.step", "case.follow_up", "concert.release", ...
    std::string key;   // unique; scheduling the same key again moves the timer
    TimePoint due_at{};
    nlohmann::json payload;
};

/// A flow in progress for one user (answers so far), so that a closed modal can be resumed.
struct Draft {
    enum class Status { kOpen, kSubmitted, kAbandoned };

    long long id = 0;
    std::string user_id;
    std::string flow;         // "escalation"
    std::string sop_version;  // the SOP version the flow started under; it never changes
    std::string step;         // the step the user is on
    /// The steps shown before `step`, oldest first: Back returns to the last one.
    std::vector<std::string> path;
    nlohmann::json answers = nlohmann::json::object();  // personal data: database only
    std::string view_id;
    std::string channel_id;
    Status status = Status::kOpen;
    TimePoint created_at{};
    TimePoint updated_at{};
};

/// One audited action. `detail` holds ids and codes only, never personal data.
struct AuditEntry {
    long long id = 0;
    TimePoint at{};
    std::string actor;   // Slack user id, or "bot"
    std::string action;  // "case.created", "ladder.accepted", ...
    std::string entity;  // "case:42"
    nlohmann::json detail = nlohmann::json::object();
};

struct OutboxStats {
    long long pending = 0;
    long long failed = 0;
    std::optional<TimePoint> oldest_pending_created_at;
};

}  // namespace escbot::storage
