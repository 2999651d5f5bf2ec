// "Show contact details" on a case root whose emails and phones are masked ([privacy]
// mask_contact_details): the full values go only to the person who pressed, privately, when the
// authorization table allows it; every reveal and every refusal is audited (who, when, which
// case, never the values) and counted.

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/escalation/case_records.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/handlers.hpp"
#include "commands/escalation/views/case_contacts.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation {

using routing::Ack;

namespace {

constexpr std::string_view kRevealsMetric = "escbot_contact_reveals_total";
constexpr std::string_view kRevealsHelp =
    "Show contact details presses on masked case posts, by kind and outcome.";

std::string UpdateWhere(const storage::CaseUpdate& update) {
    const std::string by = views::UserMention(update.author);
    if (update.kind == "resolution") return "*Resolution by* " + by;
    if (update.kind == "reassign") return "*Reassignment note by* " + by;
    return "*Update from* " + by;
}

}  // namespace

Ack OnShowContacts(HandlerEnv& env, const routing::BlockAction& action) {
    const auto case_id = ParseCaseId(action.value);
    if (!case_id) return Ack::Ephemeral("This button is no longer valid.");
    const auto settings = SettingsSnapshot(env);
    const FlowContext ctx = ContextOf(env, *settings);
    const auto c = env.deps.store.Read(
        [&](storage::UnitOfWork& u) { return u.Escalation().Cases().Get(*case_id); });
    if (!c) return Ack::Ephemeral("This case is no longer available.");

    access::Facts facts;
    facts.raised_by = c->created_by;
    facts.case_owner = c->owner;
    facts.is_lead = [&](std::string_view who) {
        return env.leads.IsLead(who, settings->groups.leads);
    };
    const access::Decision decision =
        access::Authorize(access::Action::kShowCaseContacts, action.user_id, facts);
    const auto log = logging::Get("escalation");
    if (!decision) {
        env.deps.store.Write([&](storage::UnitOfWork& u) {
            Audit(u, ctx, action.user_id, "case.contacts_refused", CaseEntity(*case_id),
                  nlohmann::json::object());
        });
        Count(ctx, kRevealsMetric, kRevealsHelp, {{"kind", "case"}, {"outcome", "refused"}});
        log->info("case={} contact details refused to user={}", *case_id, action.user_id);
        return Ack::Ephemeral("Only " + std::string(decision.rule->who_may) +
                              " can see this case's contact details. Nothing was shown.");
    }

    nlohmann::json message = env.deps.store.Write([&](storage::UnitOfWork& u) {
        std::vector<views::ContactSource> sources;
        if (const auto sop = SopOf(u, ctx, c->sop_version)) {
            sources = views::ContactSourcesOf(SummaryOf(*sop, *c));
        }
        for (const storage::CaseUpdate& update : u.Escalation().Updates().ForCase(*case_id)) {
            if (!update.text.empty()) sources.push_back({UpdateWhere(update), update.text});
        }
        for (const auto& added : u.Escalation().Interactions().ForCase(*case_id)) {
            sources.push_back({"*Interaction added by* " + views::UserMention(added.agent),
                               added.interaction_id + " " + added.said});
        }
        Audit(u, ctx, action.user_id, "case.contacts_shown", CaseEntity(*case_id),
              nlohmann::json::object());
        return views::CaseContactsMessage(CaseDisplayId(*case_id), sources);
    });
    Count(ctx, kRevealsMetric, kRevealsHelp, {{"kind", "case"}, {"outcome", "shown"}});
    log->info("case={} contact details shown to user={}", *case_id, action.user_id);
    message["response_type"] = "ephemeral";
    message["replace_original"] = false;
    return Ack::Message(std::move(message));
}

}  // namespace escbot::commands::escalation
