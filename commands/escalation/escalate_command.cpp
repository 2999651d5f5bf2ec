#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/escalation_service.hpp"
#include "commands/escalation/payload.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation {

using routing::Ack;
using routing::Inbound;

namespace {

// The homeowner name typed after /escalate while an unfinished form exists is kept on that
// draft under this key until the agent chooses: "start over" prefills it, "resume" drops it.
constexpr const char* kPrefillKey = "_prefill_homeowner_name";
constexpr std::size_t kPrefillMax = 150;

std::string Trimmed(std::string_view text) {
    return block_kit::Truncate(block_kit::TrimWhitespace(text), kPrefillMax, "");
}

// True when `typed` adds nothing to keep on the draft (nothing typed, or the same name again).
bool PrefillUnchanged(const storage::Draft& draft, const std::string& typed) {
    if (typed.empty()) return true;
    const auto kept = draft.answers.find(kPrefillKey);
    return kept != draft.answers.end() && kept->is_string() &&
           kept->get_ref<const std::string&>() == typed;
}

Ack Notice(std::string_view text) {
    return Ack::UpdateView(views::NoticeModal("Escalate", text));
}

}  // namespace

std::optional<views::UnfinishedForm> EscalationService::ResumableForm(
    storage::UnitOfWork& u, const storage::Draft& draft) {
    const auto sop = SopOf(u, draft.sop_version);
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

Ack EscalationService::OnEscalate(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const std::string channel = routing::ChannelId(in);
    if (user.empty() || TriggerId(in).empty()) {
        return Ack::Ephemeral(
            "Slack did not send what is needed to open the form; please try "
            "/escalate again.");
    }
    // Back-pressure: a form we cannot open within the trigger's 3 seconds is refused up front.
    if (deps_.slack.Saturated()) {
        Count("escbot_escalation_busy_total", "/escalate refused because Slack calls queue up.",
              {});
        logging::Get("escalation")
            ->warn("/escalate refused for user={}: Slack queue saturated", user);
        return Ack::Ephemeral(std::string(views::kBusyText));
    }
    if (!deps_.sops.Current()) {
        return Ack::Ephemeral("The escalation procedure is not loaded; please tell an admin.");
    }
    const std::string typed = Trimmed(CommandText(in));
    const TimePoint now = deps_.clock.Now();

    // Usually an unfinished form is offered again with nothing new to keep: that only reads.
    // The modal is built after the transaction, which then holds the database only briefly.
    using Form = std::optional<views::UnfinishedForm>;
    Form form = deps_.store.Read([&](storage::UnitOfWork& u) -> Form {
        const auto draft = u.Drafts().FindOpen(user, kDraftFlow);
        if (!draft || !PrefillUnchanged(*draft, typed)) return std::nullopt;
        return ResumableForm(u, *draft);
    });
    nlohmann::json view;
    if (!form) {
        deps_.store.WriteTx([&](storage::UnitOfWork& u) {
            if (auto draft = u.Drafts().FindOpen(user, kDraftFlow)) {
                if (!PrefillUnchanged(*draft, typed)) {
                    draft->answers[kPrefillKey] = typed;
                    u.Drafts().Save(*draft);
                }
                if ((form = ResumableForm(u, *draft))) return;
                // Its SOP version is gone (or its step no longer exists): it cannot be resumed.
                draft->status = storage::Draft::Status::kAbandoned;
                u.Drafts().Save(*draft);
                Audit(u, user, "escalation.abandoned", DraftEntity(draft->id),
                      {{"reason", "sop_version_unavailable"}, {"sop_version", draft->sop_version}});
            }
            view = StartDraft(u, user, channel, typed, now);
        });
    }
    if (form) {
        slack::JsonWriter args;
        args.BeginObject().Key("trigger_id").String(TriggerId(in)).Key("view");
        views::WriteResumeModal(args, *form, DraftMetadata(form->draft_id));
        args.EndObject();
        CallViewsWithJsonText(in, "views.open", args.Take());
    } else {
        CallViews(in, "views.open",
                  {{"trigger_id", TriggerId(in)}, {"view", std::move(view)}});
    }
    return Ack::Empty();
}

Ack EscalationService::OnResumeSubmitted(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto draft_id = ParseDraftMetadata(PrivateMetadata(in));
    const std::string choice = views::ResumeChoice(StateValues(in));
    if (!draft_id) return Notice("This form is no longer available. Run /escalate again.");
    if (choice.empty()) {
        return Ack::Errors({{std::string(views::ids::kResumeBlockId), "Choose one."}});
    }
    const TimePoint now = deps_.clock.Now();
    Ack ack = Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        auto draft = u.Drafts().Get(*draft_id);
        if (!draft || draft->user_id != user || draft->status != storage::Draft::Status::kOpen) {
            ack = Notice("This form is no longer available. Run /escalate again.");
            return;
        }
        const auto prefill = draft->answers.find(kPrefillKey);
        std::string prefill_name;
        if (prefill != draft->answers.end()) {
            if (prefill->is_string()) prefill_name = prefill->get<std::string>();
            draft->answers.erase(prefill);
        }
        const auto sop = SopOf(u, draft->sop_version);
        const config::sop::Step* step = sop ? sop->FindStep(draft->step) : nullptr;
        if (choice == views::ids::kResumeValue && step != nullptr) {
            draft->updated_at = now;
            u.Drafts().Save(*draft);
            const flow::Facts facts = FactsFor(u, *sop, step->id, draft->answers);
            ack = Ack::UpdateView(StepView(u, *sop, *step, draft->answers, draft->id, facts));
            logging::Get("escalation")->info("draft={} resumed by user={}", draft->id, user);
            return;
        }
        draft->status = storage::Draft::Status::kAbandoned;
        draft->updated_at = now;
        u.Drafts().Save(*draft);
        Audit(u, user, "escalation.abandoned", DraftEntity(draft->id), {{"reason", "start_over"}});
        ack = Ack::UpdateView(StartDraft(u, user, draft->channel_id, prefill_name, now));
    });
    return ack;
}

}  // namespace escbot::commands::escalation
