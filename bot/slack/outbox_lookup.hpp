#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/slack/slack_api.hpp"
#include "storage/models.hpp"

namespace escbot::slack {

// Exactly-once posting. Every chat.postMessage the outbox sends carries its item id in Slack
// message metadata. When a send's outcome is unknown (the bot died while sending, or the answer
// was a timeout, a reset, a 5xx, internal_error or fatal_error), Slack may have taken it; before
// the item goes again, a MessageLookup reads the conversation (conversations.history for a root
// post, conversations.replies for a thread reply, after conversations.open for a DM sent by user
// id) from shortly before the item's first attempt, page by page, for a message carrying that
// metadata. Pure logic: the worker makes the calls. Not thread-safe (one lookup, one owner).

/// The metadata event type of outbox posts. Slack allows letters, digits, '_' and '-' only.
inline constexpr std::string_view kOutboxEventType = "escbot_outbox_item";

/// Adds {"event_type": kOutboxEventType, "event_payload": {"item": id}} as `metadata`.
void AddOutboxMetadata(nlohmann::json& args, long long item_id);

/// The outbox item id a message's metadata names, or 0 when it names none.
long long OutboxItemOf(const nlohmann::json& message);

/// True when Slack may have taken a send that ended with `result`: no answer (a timeout, a reset,
/// the process stopping mid-call), a 5xx or other non-JSON answer, or Slack's own
/// internal_error / fatal_error / service_unavailable / request_timeout. False for answers that
/// say for sure (ok, a 429, any other error code) and for calls that never left (queue_full,
/// no connection).
bool OutcomeUnknown(const ApiResult& result);

struct LookupOptions {
    /// Read from this long before the first attempt: clock skew between the bot and Slack, and
    /// the Clock's whole seconds.
    std::chrono::seconds margin{120};
    /// Messages per page (Slack: at most 999, 200 recommended).
    int page_size = 200;
    /// A lookup that has read this many pages without finding the item gives up: not found.
    int max_pages = 100;
};

class MessageLookup {
public:
    /// `item` as it is about to be sent: `channel` set (a reply's `thread_ts` too), and
    /// first_attempt_at set (without it the window starts at created_at).
    MessageLookup(const storage::OutboxItem& item, LookupOptions options);

    /// The call to make now.
    std::string Method() const;
    nlohmann::json Args() const;

    struct Step {
        enum class Kind {
            kContinue,  // make the next call (Method/Args)
            kFound,     // Slack has the message: `channel`, `ts`
            kNotFound,  // it has not: send the item (`note` says why when nothing was read)
            kFailed,    // the lookup could not finish: `failure` (retry it later)
        };
        Kind kind = Kind::kContinue;
        std::string channel;
        std::string ts;
        std::string note;
        ApiResult failure;
    };
    /// Takes the answer to the last call.
    Step OnAnswer(const ApiResult& result);

    int pages_read() const { return pages_; }

private:
    enum class Phase { kOpenDm, kRead };

    long long item_id_;
    std::string channel_;
    std::string thread_ts_;
    std::string oldest_;
    LookupOptions options_;
    Phase phase_;
    std::string cursor_;
    int pages_ = 0;
};

}  // namespace escbot::slack
