#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/escalation_service.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/payload.hpp"
#include "commands/escalation/views/case_messages.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation {

using routing::Ack;
using routing::Inbound;
using storage::EscalationCase;

namespace {

constexpr const char* kNotALead =
    "Only resolution leads can claim or resolve escalation cases. Nothing was changed.";
constexpr const char* kStaleButton = "This button is no longer valid.";

// The permalink timer: while the root is not posted yet it looks again every second (for at
// most ten minutes); once asked, Slack's answer is awaited this long before asking again.
constexpr Seconds kPermalinkPoll{1};
constexpr int kPermalinkMaxTries = 600;
constexpr Seconds kPermalinkAnswerWait{10};

}  // namespace

bool EscalationService::IsLead(const std::string& user) {
    const auto settings = deps_.settings();
    return settings && leads_.IsLead(user, settings->groups.leads);
}

Ack EscalationService::RefuseNonLead(long long case_id, const std::string& user,
                                     std::string_view action) {
    logging::Get("escalation")
        ->info("case={} {} refused: user={} is not a lead", case_id, action, user);
    Count("escbot_escalation_refusals_total", "Case actions refused to non-leads.",
          {{"action", std::string(action)}});
    return Ack::Ephemeral(kNotALead);
}

Ack EscalationService::OnClaim(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto case_id = ParseCaseId(ActionValue(in));
    if (!case_id) return Ack::Ephemeral(kStaleButton);
    if (!IsLead(user)) return RefuseNonLead(*case_id, user, "claim");
    const TimePoint now = deps_.clock.Now();
    Ack ack = Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        auto& cases = u.Escalation().Cases();
        if (!cases.Claim(*case_id, user, now)) {
            const auto c = cases.Get(*case_id);
            if (!c) {
                ack = Ack::Ephemeral(kStaleButton);
            } else if (c->status == EscalationCase::Status::kClaimed) {
                ack = Ack::Ephemeral(c->owner == user ? "You already own this case."
                                                      : "This case is already claimed by " +
                                                            views::UserMention(c->owner) + ".");
            } else if (c->status == EscalationCase::Status::kResolved) {
                ack = Ack::Ephemeral("This case is already resolved.");
            } else {
                ack = Ack::Ephemeral("This case cannot be claimed.");
            }
            return;
        }
        const auto c = cases.Get(*case_id);
        u.Escalation().Updates().Add({0, c->id, user, "claim", "", now});
        u.Outbox().Enqueue(ThreadReply(RootKey(c->id), views::ClaimedReply(user), CaseLane(c->id)),
                           now);
        if (const auto sop = SopOf(u, c->sop_version)) {
            u.Outbox().Enqueue(
                MessageUpdate(RootKey(c->id), RootMessage(u, *sop, *c), CaseLane(c->id)), now);
        }
        Audit(u, user, "case.claimed", CaseEntity(c->id), nlohmann::json::object());
        logging::Get("escalation")->info("case={} claimed by user={}", c->id, user);
    });
    deps_.notify_outbox();
    return ack;
}

Ack EscalationService::OnAddUpdate(const Inbound& in) {
    const auto case_id = ParseCaseId(ActionValue(in));
    if (!case_id) return Ack::Ephemeral(kStaleButton);
    if (deps_.slack.Saturated()) return Ack::Ephemeral(std::string(views::kBusyText));
    const bool exists = deps_.store.Read(
        [&](storage::UnitOfWork& u) { return u.Escalation().Cases().Get(*case_id).has_value(); });
    if (!exists) return Ack::Ephemeral(kStaleButton);
    CallViews(in, "views.open",
              {{"trigger_id", TriggerId(in)},
               {"view", views::CaseUpdateModal(CaseDisplayId(*case_id), CaseMetadata(*case_id))}});
    return Ack::Empty();
}

Ack EscalationService::OnUpdateSubmitted(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto case_id = ParseCaseMetadata(PrivateMetadata(in));
    const std::string text(block_kit::TrimWhitespace(views::CaseNoteText(StateValues(in))));
    const std::string block(views::ids::kCaseNoteBlockId);
    if (!case_id) return Ack::Errors({{block, "This case is no longer available."}});
    if (text.empty()) return Ack::Errors({{block, "Write the update first."}});
    const TimePoint now = deps_.clock.Now();
    Ack ack = Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        const auto c = u.Escalation().Cases().Get(*case_id);
        if (!c) {
            ack = Ack::Errors({{block, "This case is no longer available."}});
            return;
        }
        u.Escalation().Updates().Add({0, c->id, user, "update", text, now});
        u.Escalation().Cases().SetLastUpdate(c->id, now);
        u.Outbox().Enqueue(
            ThreadReply(RootKey(c->id), views::UpdateReply(user, text), CaseLane(c->id), user),
            now);
        if (const auto sop = SopOf(u, c->sop_version)) {
            const auto updated = u.Escalation().Cases().Get(c->id);
            u.Outbox().Enqueue(
                MessageUpdate(RootKey(c->id), RootMessage(u, *sop, *updated), CaseLane(c->id)),
                now);
        }
        Audit(u, user, "case.updated", CaseEntity(c->id), nlohmann::json::object());
        logging::Get("escalation")->info("case={} updated by user={}", c->id, user);
    });
    deps_.notify_outbox();
    return ack;
}

Ack EscalationService::OnResolve(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto case_id = ParseCaseId(ActionValue(in));
    if (!case_id) return Ack::Ephemeral(kStaleButton);
    if (!IsLead(user)) return RefuseNonLead(*case_id, user, "resolve");
    if (deps_.slack.Saturated()) return Ack::Ephemeral(std::string(views::kBusyText));
    const auto c = deps_.store.Read(
        [&](storage::UnitOfWork& u) { return u.Escalation().Cases().Get(*case_id); });
    if (!c) return Ack::Ephemeral(kStaleButton);
    if (!c->IsOpen()) return Ack::Ephemeral("This case is already closed.");
    CallViews(in, "views.open",
              {{"trigger_id", TriggerId(in)},
               {"view", views::ResolveCaseModal(CaseDisplayId(c->id), CaseMetadata(c->id))}});
    return Ack::Empty();
}

Ack EscalationService::OnResolveSubmitted(const Inbound& in) {
    const std::string user = routing::UserId(in);
    const auto case_id = ParseCaseMetadata(PrivateMetadata(in));
    const std::string note(block_kit::TrimWhitespace(views::CaseNoteText(StateValues(in))));
    const std::string block(views::ids::kCaseNoteBlockId);
    if (!case_id) return Ack::Errors({{block, "This case is no longer available."}});
    if (!IsLead(user)) return Ack::Errors({{block, kNotALead}});
    if (note.empty()) return Ack::Errors({{block, "Write the resolution note first."}});
    const TimePoint now = deps_.clock.Now();
    Ack ack = Ack::Empty();
    deps_.store.WriteTx([&](storage::UnitOfWork& u) {
        auto& cases = u.Escalation().Cases();
        if (!cases.Resolve(*case_id, user, note, now)) {
            ack = Ack::Errors({{block, cases.Get(*case_id) ? "This case is already closed."
                                                           : "This case is no longer available."}});
            return;
        }
        u.Escalation().Updates().Add({0, *case_id, user, "resolution", note, now});
        cases.SetLastUpdate(*case_id, now);
        u.Timers().Cancel(FollowUpTimerKey(*case_id));
        const auto c = cases.Get(*case_id);
        u.Outbox().Enqueue(
            ThreadReply(RootKey(c->id), views::ResolvedReply(user, note), CaseLane(c->id), user),
            now);
        if (const auto sop = SopOf(u, c->sop_version)) {
            u.Outbox().Enqueue(
                MessageUpdate(RootKey(c->id), RootMessage(u, *sop, *c), CaseLane(c->id)), now);
        }
        Audit(u, user, "case.resolved", CaseEntity(c->id), nlohmann::json::object());
        Count("escbot_escalation_cases_resolved_total", "Escalation cases resolved.", {});
        logging::Get("escalation")->info("case={} resolved by user={}", c->id, user);
    });
    deps_.notify_outbox();
    return ack;
}

void EscalationService::OnFollowUpDue(const storage::Timer& timer, storage::UnitOfWork& u) {
    const long long case_id = timer.payload.value("case_id", 0LL);
    const auto c = u.Escalation().Cases().Get(case_id);
    if (!c || !c->IsOpen() || !c->follow_up_due) return;
    std::string mentions;
    if (!c->owner.empty()) {
        mentions = views::UserMention(c->owner);
    } else if (const auto settings = deps_.settings()) {
        for (const std::string& id : settings->groups.leads) {
            mentions += (mentions.empty() ? "" : " ") +
                        (IsGroupId(id) ? views::GroupMention(id) : views::UserMention(id));
        }
    }
    const TimePoint now = deps_.clock.Now();
    u.Outbox().Enqueue(
        ThreadReply(RootKey(c->id), views::FollowUpReminderReply(mentions, *c->follow_up_due),
                    CaseLane(c->id)),
        now);
    u.Escalation().Updates().Add({0, c->id, "bot", "reminder", "", now});
    Audit(u, "bot", "case.follow_up_overdue", CaseEntity(c->id),
          {{"owner", c->owner}, {"follow_up_due", ToUnix(*c->follow_up_due)}});
    Count("escbot_escalation_follow_up_overdue_total",
          "Cases still open when their follow-up fell due.", {});
    logging::Get("escalation")->info("case={} follow-up due and still open; reminded", c->id);
    deps_.notify_outbox();  // the worker thread picks it up after this transaction commits
}

void EscalationService::OnPermalinkTimer(const storage::Timer& timer, storage::UnitOfWork& u) {
    const long long case_id = timer.payload.value("case_id", 0LL);
    const int tries = timer.payload.value("tries", 0);
    const long long asked_at = timer.payload.value("asked_at", 0LL);
    const auto c = u.Escalation().Cases().Get(case_id);
    if (!c) return;
    const TimePoint now = deps_.clock.Now();
    const auto again = [&](TimePoint due, long long asked) {
        if (tries + 1 >= kPermalinkMaxTries) {
            logging::Get("escalation")->warn("case={} thread link not available; gave up", case_id);
            return;
        }
        u.Timers().Schedule({0,
                             timer.kind,
                             timer.key,
                             due,
                             {{"case_id", case_id}, {"tries", tries + 1}, {"asked_at", asked}}});
    };
    const auto take = [&]() -> std::optional<std::string> {
        std::lock_guard lock(permalinks_->mutex);
        const auto it = permalinks_->ready.find(case_id);
        if (it == permalinks_->ready.end()) return std::nullopt;
        std::string link = std::move(it->second);
        permalinks_->ready.erase(it);
        return link;
    };

    if (auto link = take()) {
        EnqueuePermalinkMessage(u, *c, *link, now);
        deps_.notify_outbox();
        return;
    }
    const auto root = u.MessageRefs().Get(RootKey(case_id));
    if (!root) {
        again(now + kPermalinkPoll, 0);  // the root is not posted yet
        return;
    }
    if (asked_at != 0 && now - FromUnix(asked_at) < kPermalinkAnswerWait) {
        again(now + kPermalinkPoll, asked_at);  // waiting for Slack's answer
        return;
    }
    // The answer lands in the inbox (on the API thread, or before Call returns in console mode);
    // this timer delivers it in its own transaction, so a callback never writes the database.
    slack::CallOptions options;
    options.max_attempts = 3;
    options.deadline = std::chrono::steady_clock::now() + kPermalinkAnswerWait;
    deps_.slack.Call("chat.getPermalink", {{"channel", root->channel}, {"message_ts", root->ts}},
                     options, [inbox = permalinks_, case_id](const slack::ApiResult& result) {
                         const std::string link = StringAt(result.body, "permalink");
                         if (!result.ok() || link.empty()) {
                             logging::Get("escalation")
                                 ->warn("case={} chat.getPermalink failed: {}", case_id,
                                        result.error);
                             return;
                         }
                         std::lock_guard lock(inbox->mutex);
                         if (inbox->ready.size() > 10'000) inbox->ready.clear();
                         inbox->ready[case_id] = link;
                     });
    if (auto link = take()) {
        EnqueuePermalinkMessage(u, *c, *link, now);
        deps_.notify_outbox();
        return;
    }
    again(now + kPermalinkPoll, ToUnix(now));
}

}  // namespace escbot::commands::escalation
