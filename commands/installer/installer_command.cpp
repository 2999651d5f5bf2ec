#include "commands/access/access.hpp"
#include "commands/installer/installer_command.hpp"

#include <charconv>
#include <stdexcept>

#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/flow/validation.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "commands/escalation/views/state_values.hpp"
#include "commands/installer/installer_drafts.hpp"
#include "commands/installer/installer_handlers.hpp"
#include "commands/installer/installer_ids.hpp"
#include "commands/installer/installer_modals.hpp"

namespace escbot::commands::installer {
namespace {

using routing::Ack;
using config::sop::InstallerSop;
using storage::Draft;
namespace flow = escalation::flow;
namespace q = config::sop::installer_questions;

// Slack's trigger_id must be used within 3 s of the request; leave room for the network.
constexpr std::chrono::milliseconds kViewsDeadline{2500};
constexpr std::size_t kMaxPrefillChars = 150;

constexpr const char* kNoSettingsText = "The bot's configuration is not loaded; try again shortly.";
constexpr const char* kNoSopText =
    "The installer-complaints SOP could not be loaded, so the form cannot open. Please tell an "
    "administrator (escalation-bot sop lint shows what is wrong).";
constexpr const char* kGoneText = "This form is no longer open. Run /installer-complaint again.";

std::shared_ptr<spdlog::logger>& Log() {
    static auto logger = logging::Get("installer");
    return logger;
}

long long ParseId(std::string_view text) {
    long long id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    return error == std::errc() && end == text.data() + text.size() && id > 0 ? id : 0;
}

std::string Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

/// The agent's open draft of this flow for the homeowner typed (any when none typed).
std::optional<Draft> DraftFor(storage::UnitOfWork& u, const std::string& user,
                              const std::string& typed) {
    const auto drafts = u.Drafts().ListOpen(user, kDraftFlow);
    if (drafts.empty()) return std::nullopt;
    if (typed.empty()) return drafts.front();
    const std::string wanted = escalation::NormalizeName(typed);
    for (const Draft& draft : drafts) {
        if (escalation::NormalizeName(flow::AnswerText(draft.answers, q::kHomeownerName)) == wanted) {
            return draft;
        }
    }
    return std::nullopt;
}

/// The caller's open draft named by a view's private_metadata.
std::optional<Draft> OwnDraft(storage::UnitOfWork& u, std::string_view metadata,
                              const std::string& user) {
    auto draft = u.Drafts().Get(ParseId(metadata));
    if (!draft || draft->user_id != user || draft->flow != kDraftFlow ||
        draft->status != Draft::Status::kOpen) {
        return std::nullopt;
    }
    return draft;
}

Ack Notice(const std::string& title, const std::string& text) {
    nlohmann::json view = {
        {"type", "modal"},
        {"callback_id", std::string(kResultModal)},
        {"title", {{"type", "plain_text"}, {"text", block_kit::Truncate(title, 24)}}},
        {"close", {{"type", "plain_text"}, {"text", "Done"}}},
        {"blocks",
         {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", block_kit::EscapeMrkdwn(text)}}}}}}};
    return Ack::UpdateView(std::move(view));
}

}  // namespace

std::shared_ptr<const config::Settings> InstallerHandlers::Settings() const {
    return deps_.settings();
}

FlowEnv InstallerHandlers::Env(const config::Settings& settings) {
    return {settings, sops_, deps_.clock.Now(), [this, &settings](std::string_view user) {
                return back_office_.IsLead(user, settings.groups.back_office);
            }};
}

void InstallerHandlers::Start() {
    const auto settings = Settings();
    if (!settings) return;
    back_office_.Refresh(settings->groups.back_office);
    deps_.store.Write([&](storage::UnitOfWork& u) {
        sops_.Current(u, *settings, deps_.clock.Now());
        if (!u.Timers().Find(kDraftSweepTimer)) ScheduleDraftSweep(u, deps_.clock.Now());
    });
}

void InstallerHandlers::CallViews(std::string method, nlohmann::json args,
                                  routing::SteadyTime received_at, const std::string& user) {
    slack::CallOptions options;
    options.deadline = received_at + kViewsDeadline;
    const auto settings = Settings();
    options.max_attempts = settings ? settings->slack.max_attempts : 3;
    options.read_body = false;
    deps_.slack.Call(std::move(method), std::move(args), options,
                     [user, method](const slack::ApiResult& result) {
                         if (!result.ok()) {
                             Log()->warn("{} failed for user={}: {}", method, user, result.error);
                         }
                     });
}

Ack InstallerHandlers::Command(const routing::SlashCommand& in) {
    const auto settings = Settings();
    if (!settings) return Ack::Ephemeral(kNoSettingsText);
    if (in.trigger_id.empty()) return Ack::Ephemeral("I could not open the form here; please try again.");
    if (const auto decision = access::Authorize(access::Action::kRaiseInstallerComplaint, in.user_id, {});
        !decision) {
        return Ack::Ephemeral("Only " + std::string(decision.rule->who_may) + " can record an installer complaint.");
    }
    if (deps_.slack.Saturated()) {
        return Ack::Ephemeral("Slack is busy right now, so I could not open the form. Please try "
                              "again in a moment.");
    }
    const std::string typed = block_kit::Truncate(Trim(in.text), kMaxPrefillChars);
    const TimePoint now = deps_.clock.Now();
    // The draft, its SOP version and the form, in one transaction; nullopt: no SOP.
    const auto view = deps_.store.Write([&](storage::UnitOfWork& u) -> std::optional<nlohmann::json> {
        std::optional<Draft> draft = DraftFor(u, in.user_id, typed);
        std::shared_ptr<const config::sop::InstallerSop> sop;
        if (draft) sop = sops_.Find(u, draft->sop_version);
        if (!sop) {
            sop = sops_.Current(u, *settings, now);
            if (!sop) return std::nullopt;
            if (draft) {  // its version is gone: the answers carry over to the current one
                draft->sop_version = sop->version;
                draft->updated_at = now;
                u.Drafts().Save(*draft);
            }
        }
        if (!draft) {
            Draft fresh;
            fresh.user_id = in.user_id;
            fresh.flow = std::string(kDraftFlow);
            fresh.sop_version = sop->version;
            fresh.step = std::string(kFormStep);
            fresh.channel_id = in.channel_id;
            if (!typed.empty()) fresh.answers[std::string(q::kHomeownerName)] = typed;
            fresh.created_at = fresh.updated_at = now;
            fresh.id = u.Drafts().Create(fresh);
            draft = fresh;
        }
        return FormModal(*sops_.FormSop(*sop), draft->answers, std::to_string(draft->id),
                         settings->business_calendar);
    });
    if (!view) return Ack::Ephemeral(kNoSopText);
    CallViews("views.open", {{"trigger_id", in.trigger_id}, {"view", *view}}, in.received_at,
              in.user_id);
    return Ack::Empty();
}

Ack InstallerHandlers::WithOwnDraft(const routing::ViewSubmission& in, const FormStep& step) {
    const auto settings = Settings();
    if (!settings) return Notice("Installer complaint", kNoSettingsText);
    const FlowEnv env = Env(*settings);
    return deps_.store.Write([&](storage::UnitOfWork& u) -> Ack {
        std::optional<Draft> draft = OwnDraft(u, in.view.private_metadata, in.user_id);
        if (!draft) return Notice("Installer complaint", kGoneText);
        const auto sop = sops_.Find(u, draft->sop_version);
        if (!sop) return Notice("Installer complaint", kNoSopText);
        return step(u, env, *settings, *draft, *sop);
    });
}

Ack InstallerHandlers::FormSubmitted(const routing::ViewSubmission& in) {
    return WithOwnDraft(in, [&](storage::UnitOfWork& u, const FlowEnv& env,
                                const config::Settings& settings, Draft& draft,
                                const InstallerSop& sop) -> Ack {
        const auto form = sops_.FormSop(sop);
        const flow::Answers submitted = escalation::views::ParseStateValues(*form, in.view.state);
        draft.answers = flow::MergeAnswers(draft.answers, submitted);
        draft.view_id = in.view.id;
        draft.updated_at = env.now;
        const flow::AnswerErrors errors =
            flow::ValidateStep(*form, *form->FindStep(kFormStep), draft.answers, {});
        if (!errors.empty()) {
            u.Drafts().Save(draft);  // nothing typed is lost
            return Ack::Errors(escalation::views::ErrorsByBlockId(errors));
        }
        const auto typed = ComplaintFromAnswers(sop, draft.answers, in.user_id, draft.channel_id,
                                                env.now);
        const Submitted result = SubmitComplaint(u, env, sop, typed, /*check_existing=*/true);
        if (result.kind == SubmitKind::kExistingCase) {
            draft.path = {std::string(kFormStep)};
            draft.step = std::string(kExistingStep);
            u.Drafts().Save(draft);
            return Ack::UpdateView(ExistingModal(*form, draft.answers, result.existing,
                                                 std::to_string(draft.id),
                                                 settings.business_calendar));
        }
        draft.status = Draft::Status::kSubmitted;
        u.Drafts().Save(draft);
        deps_.scheduler.Notify();
        if (result.kind == SubmitKind::kNoCase) return Ack::UpdateView(NoCaseModal(result.complaint, sop));
        return Ack::UpdateView(OpenedModal(result.complaint, sop));
    });
}

Ack InstallerHandlers::ExistingSubmitted(const routing::ViewSubmission& in) {
    return WithOwnDraft(in, [&](storage::UnitOfWork& u, const FlowEnv& env,
                                const config::Settings&, Draft& draft,
                                const InstallerSop& sop) -> Ack {
        const auto typed = ComplaintFromAnswers(sop, draft.answers, in.user_id, draft.channel_id,
                                                env.now);
        draft.status = Draft::Status::kSubmitted;
        draft.updated_at = env.now;
        u.Drafts().Save(draft);
        const auto open = u.InstallerComplaints().FindOpenForHomeowner(typed.homeowner_key);
        if (!open.empty()) {
            const Result followed = FollowUp(u, env, open.back().id, in.user_id);
            if (followed.outcome == Outcome::kDone) {
                return Ack::UpdateView(FollowedUpModal(*followed.complaint, sop));
            }
        }
        // Closed meanwhile: open this one after all.
        const Submitted result = SubmitComplaint(u, env, sop, typed, /*check_existing=*/false);
        deps_.scheduler.Notify();
        if (result.kind == SubmitKind::kNoCase) return Ack::UpdateView(NoCaseModal(result.complaint, sop));
        return Ack::UpdateView(OpenedModal(result.complaint, sop));
    });
}

Ack InstallerHandlers::FormClosed(const routing::ViewClosed& in) {
    deps_.store.Write([&](storage::UnitOfWork& u) {
        std::optional<Draft> draft = OwnDraft(u, in.view.private_metadata, in.user_id);
        if (!draft) return;
        const auto sop = sops_.Find(u, draft->sop_version);
        if (!sop) return;
        const auto form = sops_.FormSop(*sop);
        draft->answers =
            flow::MergeAnswers(draft->answers, escalation::views::ParseStateValues(*form, in.view.state));
        draft->updated_at = deps_.clock.Now();
        u.Drafts().Save(*draft);
    });
    return Ack::Empty();
}

Ack InstallerHandlers::Back(const routing::BlockAction& in) {
    const auto settings = Settings();
    if (!settings || !in.view) return Ack::Empty();
    const auto view = deps_.store.Write([&](storage::UnitOfWork& u) -> std::optional<nlohmann::json> {
        std::optional<Draft> draft = OwnDraft(u, in.value, in.user_id);
        if (!draft || draft->step != kExistingStep) return std::nullopt;
        const auto sop = sops_.Find(u, draft->sop_version);
        if (!sop) return std::nullopt;
        draft->step = std::string(kFormStep);
        draft->path.clear();
        draft->updated_at = deps_.clock.Now();
        u.Drafts().Save(*draft);
        return FormModal(*sops_.FormSop(*sop), draft->answers, std::to_string(draft->id),
                         settings->business_calendar);
    });
    if (!view) return Ack::Empty();
    nlohmann::json args = {{"view_id", in.view->id}, {"view", *view}};
    if (!in.view->hash.empty()) args["hash"] = in.view->hash;  // a later change wins over Back
    CallViews("views.update", std::move(args), in.received_at, in.user_id);
    return Ack::Empty();
}

void RegisterInstaller(routing::Router& router, CommandDeps& deps) {
    using routing::BlockAction;
    using routing::ViewSubmission;
    auto h = std::make_shared<InstallerHandlers>(deps);
    router.Command(std::string(kCommand), [h](const routing::SlashCommand& in) { return h->Command(in); });
    router.Submission(std::string(kFormModal), [h](const ViewSubmission& in) { return h->FormSubmitted(in); });
    router.Closed(std::string(kFormModal), [h](const routing::ViewClosed& in) { return h->FormClosed(in); });
    router.Submission(std::string(kExistingModal),
                      [h](const ViewSubmission& in) { return h->ExistingSubmitted(in); });
    router.Action(std::string(kBackAction), [h](const BlockAction& in) { return h->Back(in); });
    router.Action(std::string(kClaimAction), [h](const BlockAction& in) { return h->Claim(in); });
    router.Action(std::string(kRepliedAction), [h](const BlockAction& in) { return h->Chase(in, true); });
    router.Action(std::string(kNoReplyAction), [h](const BlockAction& in) { return h->Chase(in, false); });
    router.Action(std::string(kReferAction), [h](const BlockAction& in) { return h->ReferClicked(in); });
    router.Submission(std::string(kReferralModal),
                      [h](const ViewSubmission& in) { return h->ReferralSubmitted(in); });
    router.Action(std::string(kPartnerUpdatedAction),
                  [h](const BlockAction& in) { return h->PartnerUpdate(in); });
    router.Action(std::string(kCloseAction), [h](const BlockAction& in) { return h->CloseClicked(in); });
    router.Action(std::string(kShowContactsAction),
                  [h](const BlockAction& in) { return h->ShowContactsClicked(in); });
    router.Submission(std::string(kCloseModal), [h](const ViewSubmission& in) { return h->CloseSubmitted(in); });
    for (std::string_view kind : {kChaseTimer, kOwnerReminderTimer, kCommitmentTimer}) {
        deps.scheduler.On(std::string(kind),
                          [h](const storage::Timer& t, storage::UnitOfWork& u) { h->OnTimer(t, u); });
    }
    deps.scheduler.On(std::string(kDraftSweepTimer), [h, &deps](const storage::Timer&, storage::UnitOfWork& u) {
        const auto settings = deps.settings();
        if (!settings) throw std::runtime_error("configuration not loaded");
        ScheduleDraftSweep(u, SweepExpiredDrafts(u, *settings, deps.clock.Now()));
    });
    h->Start();
}

}  // namespace escbot::commands::installer
