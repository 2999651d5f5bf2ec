// The live ladder's Accept and Decline buttons (see handlers.hpp).

#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/handlers.hpp"
#include "commands/escalation/live_ladder.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

using routing::Ack;

namespace {

constexpr const char* kGone = "This live escalation no longer exists.";
constexpr const char* kExpired = "This step has expired: its window closed and the ladder moved on.";

Ack AcceptAck(const AcceptOutcome& out) {
    using Kind = AcceptOutcome::Kind;
    switch (out.kind) {
        case Kind::kAccepted: return Ack::Empty();
        case Kind::kGone: return Ack::Ephemeral(kGone);
        case Kind::kAlreadyYours: return Ack::Ephemeral("You already accepted this call.");
        case Kind::kTaken:
            return Ack::Ephemeral("Already taken by " + views::UserMention(out.owner) + ".");
        case Kind::kVoicemail:
            return Ack::Ephemeral(
                "Too late: no one accepted in time and the customer was sent "
                "to voicemail. The case was posted for a follow-up.");
        case Kind::kExpired: return Ack::Ephemeral(kExpired);
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

Ack DeclineAck(const DeclineOutcome& out) {
    using Kind = DeclineOutcome::Kind;
    switch (out.kind) {
        case Kind::kMovedDown: return Ack::Empty();
        case Kind::kGone: return Ack::Ephemeral(kGone);
        case Kind::kTaken:
            return Ack::Ephemeral("Already taken by " + views::UserMention(out.owner) + ".");
        case Kind::kExpired: return Ack::Ephemeral(kExpired);
        case Kind::kNotPaged:
            return Ack::Ephemeral("Only the people paged for this step can decline it.");
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

}  // namespace

Ack OnAccept(HandlerEnv& env, const routing::BlockAction& action) {
    const auto button = ParseLadderButtonValue(action.value);
    if (!button || action.user_id.empty()) return Ack::Ephemeral("This button is no longer valid.");
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    return AcceptAck(env.deps.store.Write(
        [&](storage::UnitOfWork& u) { return AcceptStep(u, ctx, *button, action.user_id); }));
}

Ack OnDecline(HandlerEnv& env, const routing::BlockAction& action) {
    const auto button = ParseLadderButtonValue(action.value);
    if (!button || action.user_id.empty()) return Ack::Ephemeral("This button is no longer valid.");
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const DeclineOutcome out = env.deps.store.Write(
        [&](storage::UnitOfWork& u) { return DeclineStep(u, ctx, *button, action.user_id); });
    env.deps.scheduler.Notify();  // the next tier's window has its timer
    return DeclineAck(out);
}

}  // namespace escbot::commands::escalation
