#include "commands/escalation/draft_expiry.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/draft_messages.hpp"

namespace escbot::commands::escalation {

namespace {

// Drafts read per query, and queries per sweep: a sweep that has more to close runs again at
// once, in a transaction of its own, rather than holding the database long.
constexpr int kBatch = 100;
constexpr int kMaxBatches = 10;

void Close(storage::UnitOfWork& u, const FlowContext& ctx, storage::Draft draft) {
    draft.status = storage::Draft::Status::kAbandoned;
    // updated_at is kept: it says when the agent last worked on it.
    u.Drafts().Save(draft);
    const std::string max_age = config::ToText(ctx.settings.escalation.draft_max_age);
    Audit(u, ctx, "bot", "escalation.expired", DraftEntity(draft.id),
          {{"max_age", max_age}, {"step", draft.step}, {"sop_version", draft.sop_version}});
    views::ExpiredDraft note;
    note.started_at = draft.created_at;
    note.saved_at = draft.updated_at;
    note.max_age = max_age;
    note.step_title = draft.step;
    if (const auto sop = SopOf(u, ctx, draft.sop_version)) {
        note.homeowner_name = flow::AnswerText(draft.answers, sop->fields.homeowner_name);
        if (const auto* step = sop->FindStep(draft.step)) note.step_title = step->title;
    }
    u.Outbox().Enqueue(DirectMessage(draft.user_id, views::DraftExpiredMessage(note, ctx.settings.business_calendar),
                                     "draft:" + std::to_string(draft.id)),
                       ctx.now);
    logging::Get("escalation")
        ->info("draft={} of user={} closed: unchanged for {}", draft.id, draft.user_id, max_age);
}

}  // namespace

TimePoint DraftExpiresAt(const config::Settings& settings, TimePoint saved_at) {
    return settings.business_calendar.Add(saved_at, settings.escalation.draft_max_age);
}

SweepOutcome SweepExpiredDrafts(storage::UnitOfWork& u, const FlowContext& ctx) {
    SweepOutcome out;
    for (int batch = 0; batch < kMaxBatches; ++batch) {
        const std::vector<storage::Draft> oldest = u.Drafts().OldestOpen(kDraftFlow, kBatch);
        for (const storage::Draft& draft : oldest) {
            const TimePoint expires = DraftExpiresAt(ctx.settings, draft.updated_at);
            if (expires > ctx.now) {
                out.next_sweep = expires;
                return out;
            }
            Close(u, ctx, draft);
            ++out.closed;
        }
        if (static_cast<int>(oldest.size()) < kBatch) {
            // None left: a draft saved from now on expires no sooner than this.
            out.next_sweep = DraftExpiresAt(ctx.settings, ctx.now);
            return out;
        }
    }
    out.next_sweep = ctx.now;  // more to close: again at once
    return out;
}

void ScheduleDraftSweep(storage::UnitOfWork& u, TimePoint at) {
    u.Timers().Schedule({0, std::string(kDraftSweepTimerKind), std::string(kDraftSweepTimerKey),
                         at, nlohmann::json::object()});
}

}  // namespace escbot::commands::escalation
