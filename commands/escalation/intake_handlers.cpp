// /escalate, the resume screen and the question steps (see handlers.hpp).

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/handlers.hpp"
#include "commands/escalation/intake.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/escalation/views/ids.hpp"
#include "commands/escalation/views/state_values.hpp"

namespace escbot::commands::escalation {

using routing::Ack;

namespace {

constexpr const char* kFormGone = "This form is no longer available. Run /escalate again.";

/// The question input blocks of the view ("q_..." block ids).
std::set<std::string> QuestionBlocksShown(const routing::View& view) {
    std::set<std::string> shown;
    for (const std::string& id : view.block_ids) {
        if (!views::ids::QuestionIdOfBlock(id).empty()) shown.insert(id);
    }
    return shown;
}

Ack StepAck(const StepOutcome& out, const config::BusinessCalendar& calendar) {
    using Kind = StepOutcome::Kind;
    switch (out.kind) {
        case Kind::kGone: return Notice(kFormGone);
        case Kind::kAlreadySubmitted:
            return Notice("This escalation was already submitted. Run /escalate to start another.");
        case Kind::kClosed:
            return Notice(
                "This form was closed (left unfinished too long, or started over). Run "
                "/escalate to start again.");
        case Kind::kSopGone:
            return Notice(
                "The procedure version this form was started under is no longer "
                "available. Run /escalate to start again.");
        case Kind::kScreen: return Ack::UpdateView(StepView(*out.screen, calendar));
        case Kind::kInvalid: return Ack::Errors(views::ErrorsByBlockId(out.errors));
        case Kind::kFinished: return Ack::UpdateView(FinishedView(*out.finished, calendar));
    }
    return Ack::Empty();  // not reached: -Werror=switch flags a new enumerator
}

}  // namespace

Ack OnEscalate(HandlerEnv& env, const routing::SlashCommand& command) {
    const std::string& user = command.user_id;
    if (user.empty() || command.trigger_id.empty()) {
        return Ack::Ephemeral(
            "Slack did not send what is needed to open the form; please try /escalate again.");
    }
    if (const auto decision = access::Authorize(access::Action::kEscalate, user, {}); !decision) {
        return Ack::Ephemeral("Only " + std::string(decision.rule->who_may) + " can escalate.");
    }
    // Back-pressure: a form we cannot open within the trigger's 3 seconds is refused up front.
    if (env.deps.slack.Saturated()) {
        env.deps.metrics
            .GetCounter("escbot_escalation_busy_total",
                        "/escalate refused because Slack calls queue up.")
            .Inc();
        logging::Get("escalation")->warn("/escalate refused for user={}: Slack queue saturated", user);
        return Ack::Ephemeral(std::string(views::kBusyText));
    }
    if (!env.deps.sops.Current()) {
        return Ack::Ephemeral("The escalation procedure is not loaded; please tell an admin.");
    }
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const std::string typed = PrefillName(command.text);
    // Usually nothing needs writing (the resume screen, a form reopened): that only reads.
    std::optional<EscalateOutcome> out = env.deps.store.Read(
        [&](storage::UnitOfWork& u) { return OfferDrafts(u, ctx, user, typed); });
    if (!out) {
        out = env.deps.store.Write([&](storage::UnitOfWork& u) {
            return StartOrResume(u, ctx, user, command.channel_id, typed);
        });
    }
    // The modal is built after the transaction, which then holds the database only briefly.
    // The resume screen carries the channel, where a draft started from it belongs.
    const config::BusinessCalendar& calendar = settings->business_calendar;
    nlohmann::json view = out->screen ? StepView(*out->screen, calendar, &env.step_parts)
                                      : views::ResumeModal(out->drafts, ctx.now,
                                                           command.channel_id, calendar);
    CallViews(env, "views.open", {{"trigger_id", command.trigger_id}, {"view", std::move(view)}},
              command.received_at, user,
              ModalRequest{{command.response_url, command.channel_id, user},
                           "run `/escalate` again",
                           ""});
    return Ack::Empty();
}

Ack OnResumeSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission) {
    const auto choice = views::ResumeChoice(submission.view.state);
    if (std::holds_alternative<views::ResumeChoiceMissing>(choice)) {
        return Ack::Errors({{std::string(views::ids::kResumeBlockId), "Choose one."}});
    }
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const ResumeOutcome out = env.deps.store.Write([&](storage::UnitOfWork& u) {
        return ChooseOnResume(u, ctx, std::get<std::optional<long long>>(choice),
                              submission.user_id, submission.view.private_metadata);
    });
    if (out.kind == ResumeOutcome::Kind::kGone) return Notice(kFormGone);
    return Ack::UpdateView(StepView(*out.screen, settings->business_calendar));
}

namespace {

// views.update of the clicked view with `screen`, sending the view's hash so that a screen that
// moved on meanwhile is left alone.
void RedrawView(HandlerEnv& env, const routing::BlockAction& action, const routing::View& view,
                const StepScreen& screen, const config::BusinessCalendar& calendar) {
    nlohmann::json args = {{"view_id", view.id},
                           {"view", StepView(screen, calendar, &env.step_parts)}};
    if (!view.hash.empty()) args["hash"] = view.hash;
    CallViews(env, "views.update", std::move(args), action.received_at, action.user_id);
}

// A button on an open step modal that changes its screen: `decide` picks the new screen in a
// write transaction, and the modal is redrawn (views.update with the view's hash, so a screen
// that moved on meanwhile is left alone).
template <class Decide>
Ack RedrawOnClick(HandlerEnv& env, const routing::BlockAction& action, Decide decide) {
    if (!action.view || action.view->id.empty()) return Ack::Empty();
    const routing::View& view = *action.view;
    const auto draft_id = ParseDraftMetadata(view.private_metadata);
    if (!draft_id) return Ack::Empty();
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const auto screen = env.deps.store.Write(
        [&](storage::UnitOfWork& u) { return decide(u, ctx, *draft_id, view); });
    if (screen) RedrawView(env, action, view, *screen, settings->business_calendar);
    return Ack::Empty();
}

}  // namespace

Ack OnBack(HandlerEnv& env, const routing::BlockAction& action) {
    // Back on a question screen: what is typed there is kept, and the previous screen comes
    // back pre-filled.
    return RedrawOnClick(env, action, [&](storage::UnitOfWork& u, const FlowContext& ctx,
                                   long long draft_id, const routing::View& view) {
        return GoBack(u, ctx, draft_id, action.user_id, action.value, view.state);
    });
}

Ack OnStepSubmitted(HandlerEnv& env, const routing::ViewSubmission& submission) {
    const auto draft_id = ParseDraftMetadata(submission.view.private_metadata);
    if (!draft_id) return Notice(kFormGone);
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const StepOutcome out = env.deps.store.Write([&](storage::UnitOfWork& u) {
        return SubmitStep(u, ctx, *draft_id, submission.user_id, submission.view.id,
                          submission.view.state);
    });
    env.deps.scheduler.Notify();  // a ladder step's timer may be due soon
    return StepAck(out, settings->business_calendar);
}

Ack OnStepClosed(HandlerEnv& env, const routing::ViewClosed& closed) {
    // Keeps what the agent typed on the closed screen, so /escalate can resume with it.
    const auto draft_id = ParseDraftMetadata(closed.view.private_metadata);
    if (!draft_id) return Ack::Empty();
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    env.deps.store.Write([&](storage::UnitOfWork& u) {
        KeepTyped(u, ctx, *draft_id, closed.user_id, closed.view.state);
    });
    logging::Get("escalation")
        ->info("draft={} closed by user={}; kept for resuming", *draft_id, closed.user_id);
    return Ack::Empty();
}

Ack OnAnswerChanged(HandlerEnv& env, const routing::BlockAction& action) {
    // An answer other questions depend on changed: show or hide them now.
    return RedrawOnClick(env, action, [&](storage::UnitOfWork& u, const FlowContext& ctx,
                                   long long draft_id, const routing::View& view) {
        return RedrawStep(u, ctx, draft_id, action.user_id, view.state, QuestionBlocksShown(view));
    });
}

}  // namespace escbot::commands::escalation
