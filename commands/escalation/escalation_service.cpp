#include "commands/escalation/escalation_service.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/escalation_command.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "commands/escalation/payload.hpp"
#include "commands/escalation/sop_versions.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation {

using routing::Ack;
using routing::Inbound;

namespace {

// Slack's trigger_id must be used within 3 s of the request; leave room for the network.
constexpr std::chrono::milliseconds kViewsDeadline{2500};

}  // namespace

EscalationService::EscalationService(CommandDeps deps)
    : deps_(std::move(deps)), leads_(deps_.slack, deps_.clock) {}

void EscalationService::Register(routing::Router& router) {
    const auto self = shared_from_this();
    const auto route = [self](Ack (EscalationService::*handler)(const Inbound&)) {
        return [self, handler](const auto& payload) { return ((*self).*handler)(Inbound{payload}); };
    };
    const auto timer =
        [self](void (EscalationService::*handler)(const storage::Timer&, storage::UnitOfWork&)) {
            return [self, handler](const storage::Timer& t, storage::UnitOfWork& u) {
                ((*self).*handler)(t, u);
            };
        };
    router.Command(std::string(kEscalateCommand), route(&EscalationService::OnEscalate));
    router.Submission(std::string(views::ids::kResumeCallbackId),
                          route(&EscalationService::OnResumeSubmitted));
    router.Submission(std::string(views::ids::kStepCallbackId),
                          route(&EscalationService::OnStepSubmitted));
    router.Closed(std::string(views::ids::kStepCallbackId),
                      route(&EscalationService::OnStepClosed));
    router.Action(std::string(views::ids::kAnswerActionId),
                  route(&EscalationService::OnAnswerChanged));
    router.Action(std::string(views::ids::kCaseClaimActionId), route(&EscalationService::OnClaim));
    router.Action(std::string(views::ids::kCaseAddUpdateActionId),
                  route(&EscalationService::OnAddUpdate));
    router.Submission(std::string(views::ids::kCaseUpdateCallbackId),
                          route(&EscalationService::OnUpdateSubmitted));
    router.Action(std::string(views::ids::kCaseResolveActionId),
                  route(&EscalationService::OnResolve));
    router.Submission(std::string(views::ids::kCaseResolveCallbackId),
                          route(&EscalationService::OnResolveSubmitted));
    router.Action(std::string(views::ids::kLadderAcceptActionId),
                  route(&EscalationService::OnAccept));
    router.Action(std::string(views::ids::kLadderDeclineActionId),
                  route(&EscalationService::OnDecline));
    deps_.scheduler.On(std::string(kLadderTimerKind), timer(&EscalationService::OnLadderTimer));
    deps_.scheduler.On(std::string(kFollowUpTimerKind), timer(&EscalationService::OnFollowUpDue));
    deps_.scheduler.On(std::string(kPermalinkTimerKind),
                       timer(&EscalationService::OnPermalinkTimer));

    // Store the SOP in force now, so that flows started under it survive a file change.
    if (const auto sop = deps_.sops.Current()) {
        deps_.store.Write([&](storage::UnitOfWork& u) { RememberSop(u, *sop, deps_.clock.Now()); });
    }
    if (const auto settings = deps_.settings()) leads_.Refresh(settings->groups.leads);
}

void EscalationService::CallViews(const Inbound& in, std::string method, nlohmann::json args) {
    auto done = ViewsCallDone(in, method);
    deps_.slack.Call(std::move(method), std::move(args), ViewsCallOptions(in), std::move(done));
}

void EscalationService::CallViewsWithJsonText(const Inbound& in, std::string method,
                                              std::string json_args) {
    auto done = ViewsCallDone(in, method);
    deps_.slack.CallWithJsonText(std::move(method), std::move(json_args), ViewsCallOptions(in),
                                 std::move(done));
}

slack::CallOptions EscalationService::ViewsCallOptions(const Inbound& in) const {
    slack::CallOptions options;
    options.deadline = ReceivedAt(in) + kViewsDeadline;
    const auto settings = deps_.settings();
    options.max_attempts = settings ? settings->slack.max_attempts : 3;
    options.read_body = false;
    return options;
}

slack::ApiCallback EscalationService::ViewsCallDone(const Inbound& in, const std::string& method) {
    const std::weak_ptr<EscalationService> weak = weak_from_this();
    return [weak, user = routing::UserId(in), method](const slack::ApiResult& result) {
        if (result.ok()) return;
        // A stale hash only means the agent moved on; anything else is worth a look. The
        // draft is saved: /escalate offers to resume it.
        const auto level =
            result.error == "hash_conflict" ? spdlog::level::debug : spdlog::level::warn;
        logging::Get("escalation")
            ->log(level, "{} failed for user={}: {}", method, user, result.error);
        if (const auto self = weak.lock()) {
            self->Count("escbot_escalation_view_failures_total",
                        "views.* calls of the escalation flow that failed.", {{"method", method}});
        }
    };
}

void EscalationService::Count(std::string_view name, std::string_view help,
                              const metrics::Labels& labels) {
    deps_.metrics.GetCounter(name, help, labels).Inc();
}

void EscalationService::Audit(storage::UnitOfWork& u, std::string_view actor,
                              std::string_view action, std::string entity, nlohmann::json detail) {
    storage::AuditEntry entry;
    entry.at = deps_.clock.Now();
    entry.actor = std::string(actor);
    entry.action = std::string(action);
    entry.entity = std::move(entity);
    entry.detail = std::move(detail);
    u.Audit().Record(entry);
}

std::shared_ptr<const config::sop::Sop> EscalationService::SopOf(storage::UnitOfWork& u,
                                                                 std::string_view version) {
    return FindSop(u, deps_.sops, version);
}

flow::Facts EscalationService::FactsFor(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                        std::string_view step_id, const flow::Answers& answers) {
    flow::Facts facts;
    for (const std::string& fact : flow::FactsNeeded(sop, step_id)) {
        if (fact == config::sop::kFactOpenCaseExists) {
            facts.open_case_exists = OpenCaseFor(u, sop, answers).has_value();
        }
    }
    return facts;
}

std::optional<storage::EscalationCase> EscalationService::OpenCaseFor(
    storage::UnitOfWork& u, const config::sop::Sop& sop, const flow::Answers& answers) {
    const std::string key = HomeownerKey(flow::AnswerText(answers, sop.fields.homeowner_name),
                                         flow::AnswerText(answers, sop.fields.property_address));
    if (key.empty()) return std::nullopt;
    auto cases = u.Escalation().Cases().FindOpenByHomeowner(key, 1);
    if (cases.empty()) return std::nullopt;
    return std::move(cases.front());
}

views::ExistingCaseInfo EscalationService::ExistingInfo(storage::UnitOfWork& u,
                                                        const storage::EscalationCase& c) {
    views::ExistingCaseInfo info;
    info.case_id = CaseDisplayId(c.id);
    info.status = c.status == storage::EscalationCase::Status::kClaimed ? "Claimed" : "Open";
    info.owner = c.owner;
    info.opened_at = c.created_at;
    if (const auto latest = u.Escalation().Updates().Latest(c.id)) {
        info.last_update_at = latest->at;
        info.last_update = latest->text;
    }
    return info;
}

nlohmann::json EscalationService::StepView(storage::UnitOfWork& u, const config::sop::Sop& sop,
                                           const config::sop::Step& step,
                                           const flow::Answers& answers, long long draft_id,
                                           const flow::Facts& facts) {
    std::optional<views::ExistingCaseInfo> existing;
    if (step.panel == config::sop::Panel::kExistingCase) {
        if (const auto c = OpenCaseFor(u, sop, answers)) existing = ExistingInfo(u, *c);
    }
    nlohmann::json view = views::StepModal(sop, step, answers, DraftMetadata(draft_id), facts,
                                           existing ? &*existing : nullptr);
    view["notify_on_close"] = true;
    return view;
}

nlohmann::json EscalationService::StartDraft(storage::UnitOfWork& u, const std::string& user,
                                             const std::string& channel,
                                             const std::string& prefill_name, TimePoint now) {
    const auto sop = deps_.sops.Current();
    if (!sop) throw std::logic_error("no escalation SOP loaded");
    RememberSop(u, *sop, now);
    flow::Answers prefill = flow::Answers::object();
    if (!prefill_name.empty() && !sop->fields.homeowner_name.empty()) {
        prefill[sop->fields.homeowner_name] = prefill_name;
    }
    const flow::FlowResult first = flow::Start(*sop, prefill, {});
    if (first.kind != flow::FlowResult::Kind::kScreen || first.step == nullptr) {
        throw std::logic_error("SOP " + sop->version + " ends before its first screen");
    }
    storage::Draft draft;
    draft.user_id = user;
    draft.flow = std::string(kDraftFlow);
    draft.sop_version = sop->version;
    draft.step = first.step->id;
    draft.answers = first.answers;
    draft.channel_id = channel;
    draft.created_at = now;
    draft.updated_at = now;
    const long long id = u.Drafts().Create(draft);
    Audit(u, user, "escalation.started", DraftEntity(id), {{"sop_version", sop->version}});
    logging::Get("escalation")->info("draft={} started by user={} sop={}", id, user, sop->version);
    return StepView(u, *sop, *first.step, first.answers, id, {});
}

void RegisterEscalation(routing::Router& router, CommandDeps& deps) {
    std::make_shared<EscalationService>(deps)->Register(router);
}

}  // namespace escbot::commands::escalation
