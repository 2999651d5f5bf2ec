// The live ladder's buttons: Answer, Accepted for handling, Not accepted, Decline (see
// handlers.hpp). User-group membership comes from GroupDirectory's cache (filled at start-up and
// refreshed in the background), never awaited: a handler may run on the I/O thread that also
// carries the Slack calls.

#include <set>

#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/handlers.hpp"
#include "commands/escalation/live_ladder.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

using routing::Ack;

namespace {

// Never wait for Slack here: the handler may be on the thread that would carry its answer.
constexpr std::chrono::milliseconds kGroupWait{0};

constexpr const char* kGone = "This live escalation no longer exists.";
constexpr const char* kExpired =
    "This step has expired: its window closed and the ladder moved on.";

Ack AckOf(const ClickOutcome& out) {
    using Kind = ClickOutcome::Kind;
    switch (out.kind) {
        case Kind::kDone: return Ack::Empty();
        case Kind::kGone: return Ack::Ephemeral(kGone);
        case Kind::kAlreadyYours: return Ack::Ephemeral("You already accepted this call.");
        case Kind::kTaken:
            return Ack::Ephemeral("Already taken by " + views::UserMention(out.other) + ".");
        case Kind::kAnsweredByOther:
            return Ack::Ephemeral("Already answered by " + views::UserMention(out.other) +
                                  ", who is discussing it with the agent.");
        case Kind::kNotAnswered:
            return Ack::Ephemeral("No one has answered this page yet: answer it first.");
        case Kind::kVoicemail:
            return Ack::Ephemeral(
                "Too late: no one accepted in time and the customer was sent "
                "to voicemail. The case was posted for a follow-up.");
        case Kind::kExpired: return Ack::Ephemeral(kExpired);
        case Kind::kRefused: return Ack::Ephemeral(out.refusal);
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

using Step = ClickOutcome (*)(storage::UnitOfWork&, const FlowContext&, const LadderClick&);

/// Reads the button, resolves the clicker's group memberships, runs `step` in one transaction.
Ack RunClick(HandlerEnv& env, const routing::BlockAction& action, Step step) {
    const auto button = ParseLadderButtonValue(action.value);
    if (!button || action.user_id.empty()) return Ack::Ephemeral("This button is no longer valid.");
    const std::string& user = action.user_id;
    const auto groups = env.deps.store.Read([&](storage::UnitOfWork& u) {
        return GroupsToCheck(u, button->case_id, button->step, user);
    });
    std::set<std::string, std::less<>> member_of;
    for (const std::string& group : groups) {
        if (env.groups.IsMember(group, user, kGroupWait)) member_of.insert(group);
    }
    LadderClick click{*button, user,
                      [member_of, user](std::string_view group, std::string_view who) {
                          return who == user && member_of.contains(group);
                      }};
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const ClickOutcome out = env.deps.store.Write(
        [&](storage::UnitOfWork& u) { return step(u, ctx, click); });
    env.deps.scheduler.Notify();  // a next tier's window has its timer; an answer cancelled one
    return AckOf(out);
}

}  // namespace

Ack OnAnswer(HandlerEnv& env, const routing::BlockAction& action) {
    return RunClick(env, action, &AnswerStep);
}

Ack OnAccept(HandlerEnv& env, const routing::BlockAction& action) {
    return RunClick(env, action, &AcceptStep);
}

Ack OnNotAccept(HandlerEnv& env, const routing::BlockAction& action) {
    return RunClick(env, action, &NotAcceptStep);
}

Ack OnDecline(HandlerEnv& env, const routing::BlockAction& action) {
    return RunClick(env, action, &DeclineStep);
}

}  // namespace escbot::commands::escalation
