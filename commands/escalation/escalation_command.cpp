#include "commands/escalation/escalation_command.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/draft_expiry.hpp"
#include "commands/escalation/existing_case.hpp"
#include "commands/escalation/handlers.hpp"
#include "commands/escalation/ladder_tiers.hpp"
#include "commands/escalation/live_ladder.hpp"
#include "commands/escalation/sop_versions.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation {

namespace {

/// Logs a timer whose stored payload does not read (written by another version, or by hand).
void LogBadPayload(const storage::Timer& timer) {
    logging::Get("escalation")->warn("timer {} key={} has a malformed payload; dropped", timer.kind,
                                     timer.key);
}

void RegisterRoutes(routing::Router& router, const std::shared_ptr<HandlerEnv>& env) {
    namespace ids = views::ids;
    const auto bind = [env](auto handler) {
        return [env, handler](const auto& payload) { return handler(*env, payload); };
    };
    router.Command(std::string(kEscalateCommand), bind(&OnEscalate));
    router.Submission(std::string(ids::kResumeCallbackId), bind(&OnResumeSubmitted));
    router.Submission(std::string(ids::kStepCallbackId), bind(&OnStepSubmitted));
    router.Closed(std::string(ids::kStepCallbackId), bind(&OnStepClosed));
    router.Action(std::string(ids::kAnswerActionId), bind(&OnAnswerChanged));
    router.Action(std::string(ids::kBackActionId), bind(&OnBack));
    router.Action(std::string(ids::kCaseClaimActionId), bind(&OnClaim));
    router.Action(std::string(ids::kCaseAddUpdateActionId), bind(&OnAddUpdate));
    router.Submission(std::string(ids::kCaseUpdateCallbackId), bind(&OnUpdateSubmitted));
    router.Action(std::string(ids::kCaseReassignActionId), bind(&OnReassign));
    router.Submission(std::string(ids::kCaseReassignCallbackId), bind(&OnReassignSubmitted));
    router.Action(std::string(ids::kCaseResolveActionId), bind(&OnResolve));
    router.Submission(std::string(ids::kCaseResolveCallbackId), bind(&OnResolveSubmitted));
    router.Action(std::string(ids::kCaseShowContactsActionId), bind(&OnShowContacts));
    router.Action(std::string(ids::kLadderAcceptActionId), bind(&OnAccept));
    router.Action(std::string(ids::kLadderDeclineActionId), bind(&OnDecline));
    router.Action(std::string(ids::kLadderAnswerActionId), bind(&OnAnswer));
    router.Action(std::string(ids::kLadderNotAcceptActionId), bind(&OnNotAccept));
}

void RegisterTimers(scheduling::Scheduler& scheduler, const std::shared_ptr<HandlerEnv>& env) {
    const auto bind = [env](void (*handler)(HandlerEnv&, const storage::Timer&,
                                            storage::UnitOfWork&)) {
        return [env, handler](const storage::Timer& t, storage::UnitOfWork& u) {
            handler(*env, t, u);
        };
    };
    scheduler.On(std::string(kLadderTimerKind), bind(&OnLadderTimer));
    scheduler.On(std::string(kFollowUpTimerKind), bind(&OnFollowUpTimer));
    scheduler.On(std::string(kPermalinkTimerKind), bind(&OnPermalinkTimer));
    scheduler.On(std::string(kDraftSweepTimerKind), bind(&OnDraftSweepTimer));
}

}  // namespace

void OnLadderTimer(HandlerEnv& env, const storage::Timer& timer, storage::UnitOfWork& u) {
    const auto payload = ReadLadderTimer(timer.payload);
    if (!payload) return LogBadPayload(timer);
    const auto settings = SettingsSnapshot(env);
    TimeOutStep(u, ContextOf(env, *settings), timer, *payload);
}

void OnFollowUpTimer(HandlerEnv& env, const storage::Timer& timer, storage::UnitOfWork& u) {
    const auto payload = ReadFollowUpTimer(timer.payload);
    if (!payload) return LogBadPayload(timer);
    const auto settings = SettingsSnapshot(env);
    RemindFollowUp(u, ContextOf(env, *settings), *payload);
}

void OnPermalinkTimer(HandlerEnv& env, const storage::Timer& timer, storage::UnitOfWork& u) {
    const auto payload = ReadPermalinkTimer(timer.payload);
    if (!payload) return LogBadPayload(timer);
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const PermalinkOutcome out = CheckPermalink(u, ctx, timer, *payload, *env.permalinks);
    if (out.kind != PermalinkOutcome::Kind::kAsk) return;
    // The answer lands in the inbox (on the API thread, or before Call returns in console mode);
    // this timer delivers it in its own transaction, so a callback never writes the database.
    slack::CallOptions options;
    options.max_attempts = 3;
    options.deadline = std::chrono::steady_clock::now() + kPermalinkAnswerWait;
    const long long case_id = payload->case_id;
    env.deps.slack.Call(
        "chat.getPermalink", {{"channel", out.root.channel}, {"message_ts", out.root.ts}}, options,
        [inbox = env.permalinks, case_id](const slack::ApiResult& result) {
            const auto link = result.body.is_object() ? result.body.find("permalink")
                                                      : result.body.end();
            if (!result.ok() || link == result.body.end() || !link->is_string() ||
                link->get_ref<const std::string&>().empty()) {
                logging::Get("escalation")
                    ->warn("case={} chat.getPermalink failed: {}", case_id, result.error);
                return;
            }
            inbox->Put(case_id, link->get<std::string>());
        });
    AfterPermalinkAsked(u, ctx, timer, *payload, *env.permalinks);
}

void OnDraftSweepTimer(HandlerEnv& env, const storage::Timer& /*timer*/, storage::UnitOfWork& u) {
    const auto settings = SettingsSnapshot(env);
    const SweepOutcome out = SweepExpiredDrafts(u, ContextOf(env, *settings));
    ScheduleDraftSweep(u, out.next_sweep);
}

void RegisterEscalation(routing::Router& router, CommandDeps& deps) {
    const auto env = std::make_shared<HandlerEnv>(deps);
    RegisterRoutes(router, env);
    RegisterTimers(env->deps.scheduler, env);
    // Store the SOP in force now, so that flows started under it survive a file change.
    if (const auto sop = deps.sops.Current()) {
        deps.store.Write([&](storage::UnitOfWork& u) { RememberSop(u, *sop, deps.clock.Now()); });
    }
    // Sweep old drafts once now (the configured age may have changed), then as they fall due.
    deps.store.Write([&](storage::UnitOfWork& u) { ScheduleDraftSweep(u, deps.clock.Now()); });
    // Homeowner keys a migration marked (their rules changed), before any request is served.
    if (const auto settings = deps.settings()) {
        const FlowContext ctx{*settings, deps.sops, deps.metrics, deps.clock.Now()};
        deps.store.Write([&](storage::UnitOfWork& u) { RekeyPendingCases(u, ctx); });
    }
    if (const auto settings = deps.settings()) {
        env->leads.Refresh(settings->groups.leads);
        env->groups.Prefetch(RotationGroups(settings->rotations));  // who a ladder tier pages
    }
}

}  // namespace escbot::commands::escalation
