#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/timer_payloads.hpp"

namespace escbot::commands::escalation {

// What the bot reminds people of after a case is posted: the follow-up promise (timer
// case.follow_up, one per case, moved from stage to stage) and the agent's link to the case
// thread (timer case.permalink).
//
// The promise (SOP data, promise.hpp) on the business calendar (settings.business_calendar):
//  - due_soon: the owner, or the leads while nobody claimed it, is reminded in the thread;
//  - due: the case is overdue: the root says so (chat.update) and the leads are tagged;
//  - then, while it stays overdue, a reminder each business morning (NextOpeningAfter).
// Reminders are posted only in working time: one falling outside it waits for the next opening
// (the overdue mark on the root is not a post and is made at the due time). An update given to
// the customer restarts the promise when the SOP says so (update_restarts_promise), else ends
// the reminders; resolving ends them.

/// The leads of settings groups.leads as mrkdwn mentions (<!subteam^S..> <@U..>), "" for none.
std::string LeadMentions(const config::Settings& settings);

/// Schedules the first reminder of a promise made at ctx.now that falls due at `due`, under
/// `sop`'s promise (the case.follow_up timer; scheduling again moves it).
void SchedulePromise(storage::UnitOfWork& u, const FlowContext& ctx, const config::sop::Sop& sop,
                     long long case_id, TimePoint due);

/// After an update was given to the customer on open case `c`: restarts its promise from
/// ctx.now (new due time stored, overdue cleared, reminders rescheduled) and returns the new due
/// time; or, when its SOP version does not restart promises, clears overdue and ends the
/// reminders (nullopt). Nothing for a closed case or one without a promise.
std::optional<TimePoint> AfterUpdateGiven(storage::UnitOfWork& u, const FlowContext& ctx,
                                          const storage::EscalationCase& c);

/// case.follow_up at `payload.stage` (see above). Nothing when the case is closed or gone.
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
