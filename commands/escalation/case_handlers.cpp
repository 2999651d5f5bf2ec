// The case thread's buttons and modals (see handlers.hpp).

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/case_thread.hpp"
#include "commands/escalation/handlers.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/escalation/views/case_modals.hpp"
#include "config/slack_ids.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation {

using routing::Ack;

namespace {

constexpr const char* kStaleButton = "This button is no longer valid.";
constexpr const char* kCaseGone = "This case is no longer available.";

/// May `user` do `action` to a case? The one authorization table decides (commands/access).
bool Allowed(HandlerEnv& env, const config::Settings& settings, access::Action action,
             const std::string& user) {
    access::Facts facts;
    facts.is_lead = [&](std::string_view who) {
        return env.leads.IsLead(who, settings.groups.leads);
    };
    return static_cast<bool>(access::Authorize(action, user, facts));
}

/// Who may act on a case, for a refusal: the configured leads by mention in an ephemeral
/// message; a modal's inline error is plain text, where mentions would show raw.
std::string NotALead(const config::Settings& settings, bool mentions = true) {
    std::string text =
        "Only resolution leads can claim, reassign, resolve or add updates to escalation cases";
    const std::string leads = LeadMentions(settings);
    if (leads.empty()) {
        text += " (no lead is configured: groups.leads)";
    } else if (mentions) {
        text += ": " + leads;
    }
    return text + ". Nothing was changed.";
}

/// The ephemeral refusal of a lead-only case action (logged and counted).
Ack RefuseNonLead(HandlerEnv& env, const config::Settings& settings, long long case_id,
                  const std::string& user, std::string_view action) {
    logging::Get("escalation")
        ->info("case={} {} refused: user={} is not a lead", case_id, action, user);
    env.deps.metrics
        .GetCounter("escbot_escalation_refusals_total", "Case actions refused to non-leads.",
                    {{"action", std::string(action)}})
        .Inc();
    return Ack::Ephemeral(NotALead(settings));
}

Ack ClaimAck(const ClaimOutcome& out) {
    using Kind = ClaimOutcome::Kind;
    switch (out.kind) {
        case Kind::kClaimed: return Ack::Empty();
        case Kind::kGone: return Ack::Ephemeral(kStaleButton);
        case Kind::kAlreadyYours: return Ack::Ephemeral("You already own this case.");
        case Kind::kTaken:
            return Ack::Ephemeral("This case is already claimed by " +
                                  views::UserMention(out.owner) + ".");
        case Kind::kResolved: return Ack::Ephemeral("This case is already resolved.");
        case Kind::kNotClaimable: return Ack::Ephemeral("This case cannot be claimed.");
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

/// The text typed into a note modal, trimmed.
std::string NoteOf(const routing::ViewSubmission& submission) {
    return std::string(block_kit::TrimWhitespace(views::CaseNoteText(submission.view.state)));
}

Ack NoteError(std::string message) {
    return Ack::Errors({{std::string(views::ids::kCaseNoteBlockId), std::move(message)}});
}

}  // namespace

Ack OnClaim(HandlerEnv& env, const routing::BlockAction& action) {
    const auto case_id = ParseCaseId(action.value);
    if (!case_id) return Ack::Ephemeral(kStaleButton);
    const auto settings = SettingsSnapshot(env);
    if (!Allowed(env, *settings, access::Action::kClaimCase, action.user_id)) {
        return RefuseNonLead(env, *settings, *case_id, action.user_id, "claim");
    }
    const FlowContext ctx = ContextOf(env, *settings);
    return ClaimAck(env.deps.store.Write(
        [&](storage::UnitOfWork& u) { return ClaimCase(u, ctx, *case_id, action.user_id); }));
}

Ack OnAddUpdate(HandlerEnv& env, const routing::BlockAction& action) {
    const auto case_id = ParseCaseId(action.value);
    if (!case_id) return Ack::Ephemeral(kStaleButton);
    const auto settings = SettingsSnapshot(env);
    if (!Allowed(env, *settings, access::Action::kAddCaseUpdate, action.user_id)) {
        return RefuseNonLead(env, *settings, *case_id, action.user_id, "update");
    }
    if (env.deps.slack.Saturated()) return Ack::Ephemeral(std::string(views::kBusyText));
    const CaseState state =
        env.deps.store.Read([&](storage::UnitOfWork& u) { return CaseStateOf(u, *case_id); });
    if (state == CaseState::kGone) return Ack::Ephemeral(kStaleButton);
    CallViews(env, "views.open",
              {{"trigger_id", action.trigger_id},
               {"view", views::CaseUpdateModal(CaseDisplayId(*case_id), CaseMetadata(*case_id))}},
              action.received_at, action.user_id, ButtonModal(action));
    return Ack::Empty();
}

Ack OnUpdateSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission) {
    const auto case_id = ParseCaseMetadata(submission.view.private_metadata);
    const std::string text = NoteOf(submission);
    if (!case_id) return NoteError(kCaseGone);
    const auto settings = SettingsSnapshot(env);
    if (!Allowed(env, *settings, access::Action::kAddCaseUpdate, submission.user_id))
        return NoteError(NotALead(*settings, false));
    if (text.empty()) return NoteError("Write the update first.");
    const FlowContext ctx = ContextOf(env, *settings);
    const bool added = env.deps.store.Write([&](storage::UnitOfWork& u) {
        return AddCaseUpdate(u, ctx, *case_id, submission.user_id, text);
    });
    return added ? Ack::Empty() : NoteError(kCaseGone);
}

Ack OnReassign(HandlerEnv& env, const routing::BlockAction& action) {
    const auto case_id = ParseCaseId(action.value);
    if (!case_id) return Ack::Ephemeral(kStaleButton);
    const auto settings = SettingsSnapshot(env);
    if (!Allowed(env, *settings, access::Action::kReassignCase, action.user_id)) {
        return RefuseNonLead(env, *settings, *case_id, action.user_id, "reassign");
    }
    if (env.deps.slack.Saturated()) return Ack::Ephemeral(std::string(views::kBusyText));
    const auto c = env.deps.store.Read(
        [&](storage::UnitOfWork& u) { return u.Escalation().Cases().Get(*case_id); });
    if (!c) return Ack::Ephemeral(kStaleButton);
    if (c->status == storage::EscalationCase::Status::kResolved) {
        return Ack::Ephemeral("This case is already resolved.");
    }
    if (c->status != storage::EscalationCase::Status::kClaimed) {
        return Ack::Ephemeral("Nobody owns this case yet: claim it first.");
    }
    CallViews(env, "views.open",
              {{"trigger_id", action.trigger_id},
               {"view", views::ReassignCaseModal(CaseDisplayId(*case_id), c->owner,
                                                 CaseMetadata(*case_id))}},
              action.received_at, action.user_id, ButtonModal(action));
    return Ack::Empty();
}

Ack OnReassignSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission) {
    const auto case_id = ParseCaseMetadata(submission.view.private_metadata);
    const std::string to = views::ReassignTarget(submission.view.state);
    const auto user_error = [](std::string message) {
        return Ack::Errors({{std::string(views::ids::kCaseReassignUserBlockId), std::move(message)}});
    };
    if (!case_id) return user_error(kCaseGone);
    const auto settings = SettingsSnapshot(env);
    if (!Allowed(env, *settings, access::Action::kReassignCase, submission.user_id))
        return user_error(NotALead(*settings, false));
    if (!config::IsUserId(to)) return user_error("Pick the person who takes the case.");
    const FlowContext ctx = ContextOf(env, *settings);
    const ReassignOutcome out = env.deps.store.Write([&](storage::UnitOfWork& u) {
        return ReassignCase(u, ctx, *case_id, submission.user_id, to, NoteOf(submission));
    });
    using Kind = ReassignOutcome::Kind;
    switch (out.kind) {
        case Kind::kReassigned: return Ack::Empty();
        case Kind::kSameOwner: return user_error("They already own this case: pick someone else.");
        case Kind::kNotClaimed: return user_error("Nobody owns this case any more: claim it.");
        case Kind::kResolved: return user_error("This case is already resolved.");
        case Kind::kGone: return user_error(kCaseGone);
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

Ack OnResolve(HandlerEnv& env, const routing::BlockAction& action) {
    const auto case_id = ParseCaseId(action.value);
    if (!case_id) return Ack::Ephemeral(kStaleButton);
    const auto settings = SettingsSnapshot(env);
    if (!Allowed(env, *settings, access::Action::kResolveCase, action.user_id)) {
        return RefuseNonLead(env, *settings, *case_id, action.user_id, "resolve");
    }
    if (env.deps.slack.Saturated()) return Ack::Ephemeral(std::string(views::kBusyText));
    const CaseState state =
        env.deps.store.Read([&](storage::UnitOfWork& u) { return CaseStateOf(u, *case_id); });
    if (state == CaseState::kGone) return Ack::Ephemeral(kStaleButton);
    if (state == CaseState::kClosed) return Ack::Ephemeral("This case is already closed.");
    CallViews(env, "views.open",
              {{"trigger_id", action.trigger_id},
               {"view", views::ResolveCaseModal(CaseDisplayId(*case_id), CaseMetadata(*case_id))}},
              action.received_at, action.user_id, ButtonModal(action));
    return Ack::Empty();
}

Ack OnResolveSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission) {
    const auto case_id = ParseCaseMetadata(submission.view.private_metadata);
    const std::string note = NoteOf(submission);
    if (!case_id) return NoteError(kCaseGone);
    const auto settings = SettingsSnapshot(env);
    if (!Allowed(env, *settings, access::Action::kResolveCase, submission.user_id))
        return NoteError(NotALead(*settings, false));
    if (note.empty()) return NoteError("Write the resolution note first.");
    const FlowContext ctx = ContextOf(env, *settings);
    const ResolveOutcome out = env.deps.store.Write([&](storage::UnitOfWork& u) {
        return ResolveCase(u, ctx, *case_id, submission.user_id, note);
    });
    switch (out) {
        case ResolveOutcome::kResolved: return Ack::Empty();
        case ResolveOutcome::kClosed: return NoteError("This case is already closed.");
        case ResolveOutcome::kGone: return NoteError(kCaseGone);
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

}  // namespace escbot::commands::escalation
