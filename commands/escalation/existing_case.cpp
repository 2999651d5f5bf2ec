#include "commands/escalation/existing_case.hpp"

#include "bot/core/logging.hpp"
#include "commands/escalation/case_records.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/case_messages.hpp"

namespace escbot::commands::escalation {

namespace {

/// What the case thread says about the interaction added (codes and labels, no free text).
views::InteractionAdded AddedOf(const config::sop::Sop& sop, const storage::Draft& draft,
                                const flow::Answers& answers) {
    views::InteractionAdded added;
    added.agent = draft.user_id;
    added.interaction_id = flow::AnswerText(answers, sop.fields.interaction_id);
    added.asked_for_lead = flow::AnswerText(answers, sop.fields.asked_for_lead) == "yes";
    if (const auto* origin = sop.FindQuestion(sop.fields.origin)) {
        added.origin = flow::DisplayAnswer(*origin, answers);
    }
    if (const auto* qualifiers = sop.FindQuestion(sop.fields.qualifiers)) {
        for (const std::string& value : flow::AnswerValues(answers, qualifiers->id)) {
            std::string label = value;
            for (const auto& option : qualifiers->options) {
                if (option.value == value) label = option.label;
            }
            added.qualifiers.push_back(label);
        }
    }
    return added;
}

}  // namespace

std::optional<storage::EscalationCase> OpenCaseFor(storage::UnitOfWork& u,
                                                   const config::sop::Sop& sop,
                                                   const flow::Answers& answers) {
    const std::string key = HomeownerKey(flow::AnswerText(answers, sop.fields.homeowner_name),
                                         flow::AnswerText(answers, sop.fields.property_address));
    if (key.empty()) return std::nullopt;
    auto cases = u.Escalation().Cases().FindOpenByHomeowner(key, 1);
    if (cases.empty()) return std::nullopt;
    return std::move(cases.front());
}

flow::Facts FactsFor(storage::UnitOfWork& u, const config::sop::Sop& sop,
                     std::string_view step_id, const flow::Answers& answers) {
    flow::Facts facts;
    for (const std::string& fact : flow::FactsNeeded(sop, step_id)) {
        if (fact == config::sop::kFactOpenCaseExists) {
            facts.open_case_exists = OpenCaseFor(u, sop, answers).has_value();
        }
    }
    return facts;
}

views::ExistingCaseInfo ExistingInfo(storage::UnitOfWork& u, const storage::EscalationCase& c) {
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

std::optional<views::ExistingCaseInfo> AddToExistingCase(storage::UnitOfWork& u,
                                                         const FlowContext& ctx,
                                                         const config::sop::Sop& sop,
                                                         const storage::Draft& draft,
                                                         const flow::FlowResult& result) {
    const auto existing = OpenCaseFor(u, sop, result.answers);
    if (!existing) return std::nullopt;
    const long long case_id = existing->id;
    // What the agent tells the customer: the last update before this interaction.
    views::ExistingCaseInfo info = ExistingInfo(u, *existing);

    const views::InteractionAdded added = AddedOf(sop, draft, result.answers);
    storage::CaseUpdate update;
    update.case_id = case_id;
    update.author = draft.user_id;
    update.kind = "interaction";
    update.text = "Another interaction was added" +
                  (added.interaction_id.empty() ? std::string()
                                                : " (interaction " + added.interaction_id + ")") +
                  ".";
    update.at = ctx.now;
    u.Escalation().Updates().Add(update);
    u.Escalation().Cases().SetLastUpdate(case_id, ctx.now);
    u.Outbox().Enqueue(ThreadReply(RootKey(case_id), views::InteractionAddedReply(added),
                                   CaseLane(case_id), draft.user_id),
                       ctx.now);
    EnqueueRootUpdate(u, ctx, case_id);
    Audit(u, ctx, draft.user_id, "case.interaction_added", CaseEntity(case_id),
          {{"draft", DraftEntity(draft.id)}, {"sop_version", draft.sop_version}});
    logging::Get("escalation")
        ->info("case={} interaction added by user={} (draft={})", case_id, draft.user_id,
               draft.id);
    return info;
}

}  // namespace escbot::commands::escalation
