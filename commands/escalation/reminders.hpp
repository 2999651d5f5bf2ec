#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/timer_payloads.hpp"

namespace escbot::commands::escalation {

// What the bot reminds people of after a case is posted: the promised follow-up falling due
// (timer case.follow_up) and the agent's link to the case thread (timer case.permalink).

/// case.follow_up: reminds in the thread when the promised update is due and the case is still
/// open (mentions the owner, else the leads). Nothing when it is closed or gone.
void RemindFollowUp(storage::UnitOfWork& u, const FlowContext& ctx,
                    const FollowUpTimerPayload& payload);

/// Answers of chat.getPermalink by case id: filled on the Slack API thread, taken by the
/// permalink timer in its transaction (so that no callback writes to the database).
/// Thread-safe.
class PermalinkInbox {
public:
    void Put(long long case_id, std::string link);
    std::optional<std::string> Take(long long case_id);

private:
    std::mutex mutex_;
    std::map<long long, std::string> ready_;
};

/// Where the permalink timer stands after looking at the inbox and the root.
struct PermalinkOutcome {
    enum class Kind {
        kDone,     // delivered, given up, or the case is gone
        kWaiting,  // rescheduled: the root is not posted, or Slack's answer is awaited
        kAsk,      // ask Slack for the link of `root`, then call AfterPermalinkAsked
    };
    Kind kind = Kind::kDone;
    storage::MessageRef root;
};

/// case.permalink, first half: DMs the agent the link when it has arrived; otherwise polls until
/// the root is posted and the last question had time to be answered.
PermalinkOutcome CheckPermalink(storage::UnitOfWork& u, const FlowContext& ctx,
                                const storage::Timer& timer, const PermalinkTimerPayload& payload,
                                PermalinkInbox& inbox);

/// case.permalink, second half (after asking Slack): DMs the link if it arrived meanwhile (in
/// console mode the answer comes before Call returns), else looks again later.
void AfterPermalinkAsked(storage::UnitOfWork& u, const FlowContext& ctx,
                         const storage::Timer& timer, const PermalinkTimerPayload& payload,
                         PermalinkInbox& inbox);

/// How long a question to Slack is given before it is asked again.
inline constexpr Seconds kPermalinkAnswerWait{10};

}  // namespace escbot::commands::escalation
