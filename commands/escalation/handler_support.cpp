#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/handlers.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/result_modals.hpp"

namespace escbot::commands::escalation {

namespace {

// Slack's trigger_id must be used within 3 s of the request; leave room for the network.
constexpr std::chrono::milliseconds kViewsDeadline{2500};

}  // namespace

std::shared_ptr<const config::Settings> SettingsSnapshot(const HandlerEnv& env) {
    if (auto settings = env.deps.settings()) return settings;
    static const auto kDefaults = std::make_shared<const config::Settings>();
    return kDefaults;
}

FlowContext ContextOf(HandlerEnv& env, const config::Settings& settings) {
    return {settings, env.deps.sops, env.deps.metrics, env.deps.clock.Now()};
}

ModalRequest ButtonModal(const routing::BlockAction& action) {
    return {{action.response_url, action.channel_id, action.user_id}, "press the button again", ""};
}

void CallViews(HandlerEnv& env, std::string method, nlohmann::json args,
               routing::SteadyTime received_at, const std::string& user,
               std::optional<ModalRequest> on_failure) {
    slack::CallOptions options;
    options.deadline = received_at + kViewsDeadline;
    const auto settings = env.deps.settings();
    options.max_attempts = settings ? settings->slack.max_attempts : 3;
    options.read_body = false;
    auto done = [metrics = &env.deps.metrics, replies = env.deps.replies, user, method,
                 on_failure = std::move(on_failure)](const slack::ApiResult& result) {
        if (result.ok()) return;
        if (on_failure) ReportModalFailure(replies, *on_failure, result.error);
        // A stale hash only means the agent moved on; anything else is worth a look. The
        // draft is saved: /escalate offers to resume it.
        const auto level =
            result.error == "hash_conflict" ? spdlog::level::debug : spdlog::level::warn;
        logging::Get("escalation")
            ->log(level, "{} failed for user={}: {}", method, user, result.error);
        metrics
            ->GetCounter("escbot_escalation_view_failures_total",
                         "views.* calls of the escalation flow that failed.", {{"method", method}})
            .Inc();
    };
    env.deps.slack.Call(std::move(method), std::move(args), options, std::move(done));
}

nlohmann::json StepView(const StepScreen& screen, const config::BusinessCalendar& calendar,
                        slack::RenderedParts* parts) {
    nlohmann::json view = views::StepModal(*screen.sop, *screen.step, screen.answers,
                                           DraftMetadata(screen.draft_id), calendar, screen.facts,
                                           &screen.existing, screen.can_go_back, parts);
    // So that a closed form keeps its inputs (view_closed).
    view["notify_on_close"] = true;
    return view;
}

nlohmann::json FinishedView(const Finished& done, const config::BusinessCalendar& calendar) {
    const std::string metadata = DraftMetadata(done.draft_id);
    const config::sop::Outcome& outcome = *done.result.outcome;
    switch (done.kind) {
        case Finished::Kind::kNotQualified:
            return views::NotQualifiedModal(*done.sop, done.result, metadata);
        case Finished::Kind::kAddedToCase:
            return views::AddedToCaseModal(outcome, done.existing, metadata, calendar);
        case Finished::Kind::kCaseGoneMeanwhile:
            return views::NoticeModal("Escalate",
                                      "The existing case was closed meanwhile, so nothing was "
                                      "added. Run /escalate again to open a new case.");
        case Finished::Kind::kFollowUpCase:
            return views::ClosingModal(*done.sop, outcome, done.closing, metadata, calendar);
        case Finished::Kind::kLiveTransfer:
            return views::LiveTransferModal(*done.sop, outcome, done.live, metadata, calendar);
    }
    return nullptr;  // not reached: -Werror=switch flags a new enumerator
}

routing::Ack Notice(std::string_view text) {
    return routing::Ack::UpdateView(views::NoticeModal("Escalate", text));
}

}  // namespace escbot::commands::escalation
