#include "commands/escalation/existing_case.hpp"

#include <algorithm>

#include "bot/core/logging.hpp"
#include "commands/escalation/case_records.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/homeowner_key.hpp"
#include "commands/escalation/lead_directory.hpp"
#include "commands/escalation/outbox_items.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/interaction_messages.hpp"
#include "commands/privacy/contact_mask.hpp"

namespace escbot::commands::escalation {

namespace {

using config::sop::Question;
using Status = storage::EscalationCase::Status;

std::string HomeownerKeyOf(const config::sop::Sop& sop, const flow::Answers& answers) {
    return HomeownerKey(flow::AnswerText(answers, sop.fields.homeowner_name),
                        flow::AnswerText(answers, sop.fields.property_address));
}

std::string StatusText(const storage::EscalationCase& c) {
    return c.status == Status::kClaimed ? "Claimed" : "Open";
}

bool ListsOpenCases(const config::sop::Step& step) {
    return std::any_of(step.questions.begin(), step.questions.end(), [](const Question& q) {
        return q.options_from == config::sop::kOptionsFromOpenCases;
    });
}

/// "ESC-17 · Claimed" / "ESC-17 · Open, unclaimed": a choice's label (plain text, short).
std::vector<config::sop::Option> ChoicesOf(const std::vector<storage::EscalationCase>& cases) {
    std::vector<config::sop::Option> choices;
    for (const auto& c : cases) {
        choices.push_back({std::to_string(c.id),
                           CaseDisplayId(c.id) + " · " +
                               (c.owner.empty() ? StatusText(c) + ", unclaimed" : StatusText(c))});
    }
    return choices;
}

/// The owner, or the leads when nobody claimed the case (bot mrkdwn).
std::string Mentions(const config::Settings& settings, const storage::EscalationCase& c) {
    if (!c.owner.empty()) return views::UserMention(c.owner);
    std::string mentions;
    for (const std::string& id : settings.groups.leads) {
        mentions += (mentions.empty() ? "" : " ") +
                    (IsGroupId(id) ? views::GroupMention(id) : views::UserMention(id));
    }
    return mentions;
}

/// What the case thread says about the interaction added.
views::AddedInteraction AddedOf(const config::sop::Sop& sop, const storage::Draft& draft,
                                const flow::Answers& answers) {
    views::AddedInteraction added;
    added.agent = draft.user_id;
    added.interaction_id = flow::AnswerText(answers, sop.fields.interaction_id);
    added.said = flow::AnswerText(answers, sop.fields.interaction_said);
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

/// The open case the agent chose, if it is still open for this homeowner.
std::optional<storage::EscalationCase> ChosenCase(storage::UnitOfWork& u,
                                                  const config::sop::Sop& sop,
                                                  const flow::Answers& answers) {
    auto cases = OpenCasesFor(u, sop, answers);
    if (cases.empty()) return std::nullopt;
    if (sop.fields.existing_case.empty()) return std::move(cases.front());
    const std::string chosen = flow::AnswerText(answers, sop.fields.existing_case);
    for (auto& c : cases) {
        if (std::to_string(c.id) == chosen) return std::move(c);
    }
    return std::nullopt;
}

}  // namespace

std::vector<storage::EscalationCase> OpenCasesFor(storage::UnitOfWork& u,
                                                  const config::sop::Sop& sop,
                                                  const flow::Answers& answers, int limit) {
    const std::string key = HomeownerKeyOf(sop, answers);
    if (key.empty()) return {};
    return u.Escalation().Cases().FindOpenByHomeowner(key, limit);
}

std::optional<storage::EscalationCase> OpenCaseFor(storage::UnitOfWork& u,
                                                   const config::sop::Sop& sop,
                                                   const flow::Answers& answers) {
    auto cases = OpenCasesFor(u, sop, answers, 1);
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
    if (const auto* step = sop.FindStep(step_id); step != nullptr && ListsOpenCases(*step)) {
        facts.open_cases = ChoicesOf(OpenCasesFor(u, sop, answers));
    }
    return facts;
}

views::ExistingCaseInfo ExistingInfo(storage::UnitOfWork& u, const storage::EscalationCase& c) {
    views::ExistingCaseInfo info;
    info.case_id = CaseDisplayId(c.id);
    info.status = StatusText(c);
    info.owner = c.owner;
    info.opened_at = c.created_at;
    if (const auto latest = u.Escalation().Updates().Latest(c.id)) {
        info.last_update_at = latest->at;
        info.last_update = latest->text;
    }
    return info;
}

std::vector<views::ExistingCaseInfo> ExistingPanel(storage::UnitOfWork& u,
                                                   const config::sop::Sop& sop,
                                                   const config::sop::Step& step,
                                                   flow::Answers& answers, flow::Facts& facts) {
    std::vector<views::ExistingCaseInfo> infos;
    if (step.panel != config::sop::Panel::kExistingCase && !ListsOpenCases(step)) return infos;
    const auto cases = OpenCasesFor(u, sop, answers);
    for (const auto& c : cases) infos.push_back(ExistingInfo(u, c));
    facts.open_cases = ChoicesOf(cases);
    const std::string& field = sop.fields.existing_case;
    if (cases.size() == 1 && !field.empty() && flow::AnswerText(answers, field).empty()) {
        answers[field] = std::to_string(cases.front().id);
    }
    return infos;
}

std::optional<views::ExistingCaseInfo> AddToExistingCase(storage::UnitOfWork& u,
                                                         const FlowContext& ctx,
                                                         const config::sop::Sop& sop,
                                                         const storage::Draft& draft,
                                                         const flow::FlowResult& result) {
    const auto existing = ChosenCase(u, sop, result.answers);
    if (!existing) return std::nullopt;
    const long long case_id = existing->id;
    // What the agent tells the customer: the last update before this interaction.
    views::ExistingCaseInfo info = ExistingInfo(u, *existing);

    views::AddedInteraction added = AddedOf(sop, draft, result.answers);
    added.mentions = Mentions(ctx.settings, *existing);
    // An added interaction, never an update given to the customer: "last update" stays.
    u.Escalation().Interactions().Add({0, case_id, draft.user_id, added.interaction_id,
                                       added.said, draft.sop_version, ctx.now});
    views::AddedInteraction shown = added;  // as the channel shows it ([privacy])
    shown.said = privacy::ForChannel(added.said, ctx.settings.privacy.mask_contact_details);
    shown.interaction_id =
        privacy::ForChannel(added.interaction_id, ctx.settings.privacy.mask_contact_details);
    u.Outbox().Enqueue(ThreadReply(RootKey(case_id), views::AddedInteractionReply(shown),
                                   CaseLane(case_id), draft.user_id),
                       ctx.now);
    Audit(u, ctx, draft.user_id, "case.interaction_added", CaseEntity(case_id),
          {{"draft", DraftEntity(draft.id)}, {"sop_version", draft.sop_version}});
    logging::Get("escalation")
        ->info("case={} interaction added by user={} (draft={})", case_id, draft.user_id,
               draft.id);
    return info;
}

int RekeyPendingCases(storage::UnitOfWork& u, const FlowContext& ctx) {
    auto& cases = u.Escalation().Cases();
    const auto current = ctx.sops.Current();
    int done = 0;
    for (;;) {
        const auto pending = cases.PendingRekey(500);
        if (pending.empty()) break;
        for (const auto& c : pending) {
            auto sop = SopOf(u, ctx, c.sop_version);
            if (!sop) sop = current;
            std::string key = c.homeowner_key;
            if (sop) key = HomeownerKeyOf(*sop, c.answers);
            cases.SetHomeownerKey(c.id, key);  // clears the mark, even when no SOP is loaded
            ++done;
        }
    }
    if (done > 0) logging::Get("escalation")->info("recomputed the homeowner key of {} cases", done);
    return done;
}

}  // namespace escbot::commands::escalation
