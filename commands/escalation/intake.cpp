#include "commands/escalation/intake.hpp"

#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/draft_selection.hpp"
#include "commands/escalation/existing_case.hpp"
#include "commands/escalation/sop_versions.hpp"

namespace escbot::commands::escalation {

namespace {

constexpr std::size_t kPrefillMax = 150;
// Reopening a draft keeps it from expiring; its save time moves at most this often, so that
// reopening the same form again and again writes nothing (draft_max_age counts days).
constexpr Seconds kReopenRefresh = std::chrono::hours(1);

std::optional<views::UnfinishedForm> ResumableForm(storage::UnitOfWork& u, const FlowContext& ctx,
                                                   const storage::Draft& draft) {
    const auto sop = SopOf(u, ctx, draft.sop_version);
    const config::sop::Step* step = sop ? sop->FindStep(draft.step) : nullptr;
    if (step == nullptr) return std::nullopt;
    views::UnfinishedForm form;
    form.started_at = draft.created_at;
    form.saved_at = draft.updated_at;
    form.step_title = step->title;
    form.sop_version = draft.sop_version;
    form.homeowner_name = flow::AnswerText(draft.answers, sop->fields.homeowner_name);
    form.draft_id = draft.id;
    return form;
}

void Abandon(storage::UnitOfWork& u, const FlowContext& ctx, storage::Draft& draft,
             nlohmann::json why) {
    draft.status = storage::Draft::Status::kAbandoned;
    u.Drafts().Save(draft);
    Audit(u, ctx, draft.user_id, "escalation.abandoned", DraftEntity(draft.id), std::move(why));
}

bool SaveTimeIsStale(const storage::Draft& draft, TimePoint now) {
    return now - draft.updated_at >= kReopenRefresh;
}

/// The screen where open draft `draft` stopped; nullopt when it cannot be resumed. Reads only.
std::optional<StepScreen> ResumeScreen(storage::UnitOfWork& u, const FlowContext& ctx,
                                       const storage::Draft& draft) {
    const auto sop = SopOf(u, ctx, draft.sop_version);
    const config::sop::Step* step = sop ? sop->FindStep(draft.step) : nullptr;
    if (step == nullptr) return std::nullopt;
    const flow::Facts facts = FactsFor(u, *sop, step->id, draft.answers);
    logging::Get("escalation")->debug("draft={} resumed by user={}", draft.id, draft.user_id);
    return ScreenOf(u, sop, *step, draft.answers, draft.id, facts, !draft.path.empty());
}

/// The open draft `draft_id` of `user`, its save time refreshed when stale (so the expiry sweep
/// leaves a draft being worked on alone), at the step where it stopped; nullopt when it is not
/// theirs, not open, or cannot be resumed.
std::optional<StepScreen> Resume(storage::UnitOfWork& u, const FlowContext& ctx,
                                 long long draft_id, const std::string& user) {
    auto draft = u.Drafts().Get(draft_id);
    if (!draft || draft->user_id != user || draft->status != storage::Draft::Status::kOpen) {
        return std::nullopt;
    }
    auto screen = ResumeScreen(u, ctx, *draft);
    if (screen && SaveTimeIsStale(*draft, ctx.now)) {
        draft->updated_at = ctx.now;
        u.Drafts().Save(*draft);
    }
    return screen;
}

std::vector<views::UnfinishedForm> ResumableOf(storage::UnitOfWork& u, const FlowContext& ctx,
                                               const std::vector<storage::Draft>& open) {
    std::vector<views::UnfinishedForm> forms;
    for (const storage::Draft& draft : open) {
        if (auto form = ResumableForm(u, ctx, draft)) forms.push_back(std::move(*form));
    }
    return forms;
}

}  // namespace

std::string PrefillName(std::string_view command_text) {
    return block_kit::Truncate(block_kit::TrimWhitespace(command_text), kPrefillMax, "");
}

std::vector<views::UnfinishedForm> ResumableForms(storage::UnitOfWork& u, const FlowContext& ctx,
                                                  const std::string& user) {
    return ResumableOf(u, ctx, u.Drafts().ListOpen(user, kDraftFlow));
}

std::optional<EscalateOutcome> OfferDrafts(storage::UnitOfWork& u, const FlowContext& ctx,
                                           const std::string& user, const std::string& typed) {
    const std::vector<storage::Draft> open = u.Drafts().ListOpen(user, kDraftFlow);
    std::vector<views::UnfinishedForm> forms = ResumableOf(u, ctx, open);
    if (forms.size() != open.size()) return std::nullopt;  // some must be closed first
    const EscalateChoice choice = ChooseForEscalate(forms, typed);
    if (choice.kind == EscalateChoice::Kind::kPick) return EscalateOutcome{std::move(forms), {}};
    if (choice.kind != EscalateChoice::Kind::kResume) return std::nullopt;
    // A draft reopened within the hour: its save time stays, so nothing is written.
    for (const storage::Draft& draft : open) {
        if (draft.id != choice.draft_id || SaveTimeIsStale(draft, ctx.now)) continue;
        if (auto screen = ResumeScreen(u, ctx, draft)) return EscalateOutcome{{}, std::move(screen)};
    }
    return std::nullopt;
}

EscalateOutcome StartOrResume(storage::UnitOfWork& u, const FlowContext& ctx,
                              const std::string& user, const std::string& channel,
                              const std::string& typed) {
    for (storage::Draft& draft : u.Drafts().ListOpen(user, kDraftFlow)) {
        if (ResumableForm(u, ctx, draft)) continue;
        // Its SOP version is gone (or its step no longer exists): it cannot be resumed.
        Abandon(u, ctx, draft,
                {{"reason", "sop_version_unavailable"}, {"sop_version", draft.sop_version}});
    }
    std::vector<views::UnfinishedForm> forms = ResumableForms(u, ctx, user);
    const EscalateChoice choice = ChooseForEscalate(forms, typed);
    switch (choice.kind) {
        case EscalateChoice::Kind::kPick: return {std::move(forms), std::nullopt};
        case EscalateChoice::Kind::kResume:
            if (auto screen = Resume(u, ctx, choice.draft_id, user)) return {{}, std::move(screen)};
            break;
        case EscalateChoice::Kind::kStartNew: break;
    }
    return {{}, StartDraft(u, ctx, user, channel, typed)};
}

ResumeOutcome ChooseOnResume(storage::UnitOfWork& u, const FlowContext& ctx,
                             std::optional<long long> draft_id, const std::string& user,
                             const std::string& channel) {
    if (!draft_id) {
        return {ResumeOutcome::Kind::kStartedNew, StartDraft(u, ctx, user, channel, "")};
    }
    auto screen = Resume(u, ctx, *draft_id, user);
    if (!screen) return {};
    return {ResumeOutcome::Kind::kResumed, std::move(screen)};
}

StepScreen StartDraft(storage::UnitOfWork& u, const FlowContext& ctx, const std::string& user,
                      const std::string& channel, const std::string& prefill_name) {
    const auto sop = ctx.sops.Current();
    if (!sop) throw std::logic_error("no escalation SOP loaded");
    RememberSop(u, *sop, ctx.now);
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
    draft.created_at = ctx.now;
    draft.updated_at = ctx.now;
    const long long id = u.Drafts().Create(draft);
    Audit(u, ctx, user, "escalation.started", DraftEntity(id), {{"sop_version", sop->version}});
    logging::Get("escalation")->info("draft={} started by user={} sop={}", id, user, sop->version);
    return ScreenOf(u, sop, *first.step, first.answers, id, {});
}

}  // namespace escbot::commands::escalation
