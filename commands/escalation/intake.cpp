#include "commands/escalation/intake.hpp"

#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/existing_case.hpp"
#include "commands/escalation/sop_versions.hpp"

namespace escbot::commands::escalation {

namespace {

// The homeowner name typed after /escalate while an unfinished form exists is kept on that
// draft under this key until the agent chooses: "start over" prefills it, "resume" drops it.
constexpr const char* kPrefillKey = "_prefill_homeowner_name";
constexpr std::size_t kPrefillMax = 150;

/// The name kept on a draft (nullopt when none, or not a string).
std::optional<std::string> KeptPrefill(const storage::Draft& draft) {
    const auto kept = draft.answers.find(kPrefillKey);
    if (kept == draft.answers.end() || !kept->is_string()) return std::nullopt;
    return kept->get<std::string>();
}

// True when `typed` adds nothing to keep on the draft (nothing typed, or the same name again).
bool PrefillUnchanged(const storage::Draft& draft, const std::string& typed) {
    return typed.empty() || KeptPrefill(draft) == typed;
}

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

}  // namespace

std::string PrefillName(std::string_view command_text) {
    return block_kit::Truncate(block_kit::TrimWhitespace(command_text), kPrefillMax, "");
}

std::optional<views::UnfinishedForm> FindResumable(storage::UnitOfWork& u,
                                                   const FlowContext& ctx,
                                                   const std::string& user,
                                                   const std::string& typed) {
    const auto draft = u.Drafts().FindOpen(user, kDraftFlow);
    if (!draft || !PrefillUnchanged(*draft, typed)) return std::nullopt;
    return ResumableForm(u, ctx, *draft);
}

EscalateOutcome StartOrOffer(storage::UnitOfWork& u, const FlowContext& ctx,
                             const std::string& user, const std::string& channel,
                             const std::string& typed) {
    if (auto draft = u.Drafts().FindOpen(user, kDraftFlow)) {
        if (!PrefillUnchanged(*draft, typed)) {
            draft->answers[kPrefillKey] = typed;
            u.Drafts().Save(*draft);
        }
        if (auto form = ResumableForm(u, ctx, *draft)) return {std::move(form), std::nullopt};
        // Its SOP version is gone (or its step no longer exists): it cannot be resumed.
        Abandon(u, ctx, *draft,
                {{"reason", "sop_version_unavailable"}, {"sop_version", draft->sop_version}});
    }
    return {std::nullopt, StartDraft(u, ctx, user, channel, typed)};
}

ResumeOutcome ChooseOnResume(storage::UnitOfWork& u, const FlowContext& ctx, long long draft_id,
                             const std::string& user, bool resume) {
    auto draft = u.Drafts().Get(draft_id);
    if (!draft || draft->user_id != user || draft->status != storage::Draft::Status::kOpen) {
        return {};
    }
    const std::string prefill_name = KeptPrefill(*draft).value_or("");
    draft->answers.erase(kPrefillKey);
    draft->updated_at = ctx.now;
    const auto sop = SopOf(u, ctx, draft->sop_version);
    const config::sop::Step* step = sop ? sop->FindStep(draft->step) : nullptr;
    if (resume && step != nullptr) {
        u.Drafts().Save(*draft);
        const flow::Facts facts = FactsFor(u, *sop, step->id, draft->answers);
        logging::Get("escalation")->info("draft={} resumed by user={}", draft->id, user);
        return {ResumeOutcome::Kind::kResumed,
                ScreenOf(u, sop, *step, draft->answers, draft->id, facts)};
    }
    Abandon(u, ctx, *draft, {{"reason", "start_over"}});
    return {ResumeOutcome::Kind::kStartedOver,
            StartDraft(u, ctx, user, draft->channel_id, prefill_name)};
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
