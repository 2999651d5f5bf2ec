#include "commands/case_list/case_list_flow.hpp"

#include "commands/escalation/case_refs.hpp"
#include "commands/installer/installer_ids.hpp"

namespace escbot::commands::case_list {
namespace {

using Kind = storage::OpenCaseRow::Kind;

team::DueRules RulesAt(team::TeamEnv& env, const config::Settings& settings, TimePoint now) {
    const auto sop = env.deps.sops.Current();
    return team::DueRulesOf(sop.get(), settings.business_calendar, now);
}

storage::OpenCaseFilter FilterFor(ListFilter filter, const Asker& asker) {
    storage::OpenCaseFilter out;
    switch (filter) {
        case ListFilter::kMine: out.involving = asker.user; break;
        case ListFilter::kOpen: break;
        case ListFilter::kOverdue: out.due_by = asker.now; break;
        case ListFilter::kUnclaimed: out.unclaimed_only = true; break;
    }
    return out;
}

/// The promise of an escalation: kept or missed once resolved; on track, at risk (due soon) or
/// missed (overdue) while open; none for a live ladder or a live transfer.
std::string EscalationPromise(const storage::EscalationCase& c, team::DueClass due_class) {
    using S = storage::EscalationCase::Status;
    if (c.status == S::kLive || c.status == S::kTransferred) return "";
    if (c.status == S::kResolved) {
        if (!c.follow_up_due || !c.resolved_at) return "kept";
        return *c.resolved_at <= *c.follow_up_due ? "kept" : "missed";
    }
    switch (due_class) {
        case team::DueClass::kOverdue: return "missed";
        case team::DueClass::kDueSoon: return "at risk";
        case team::DueClass::kLater:
        case team::DueClass::kNone: return "on track";
    }
    return "on track";
}

/// The installer cadence: on track while a chase waits, at risk once a chase or the referral is
/// due (the owner owes a step), kept once the installer replied or the case was referred.
std::string InstallerPromise(const storage::OpenCaseRow& row) {
    if (row.state == "waiting") return "on track";
    if (row.state == "due" || row.state == "referral_due") return "at risk";
    return "kept";
}

std::string ThreadOf(storage::UnitOfWork& u, const std::string& key) {
    const auto ref = u.MessageRefs().Get(key);
    return ref ? team::ThreadLink(ref->channel, ref->ts) : std::string();
}

}  // namespace

ListOutcome ListCases(storage::UnitOfWork& u, team::TeamEnv& env, const config::Settings& settings,
                      const Asker& asker, const ListRequest& request) {
    const bool own = request.filter == ListFilter::kMine;
    const access::Facts facts = env.directory.FactsFor(settings, "", "");
    const access::Decision decision = access::Authorize(
        own ? access::Action::kListOwnCases : access::Action::kListTeamCases, asker.user, facts);
    if (!decision) return Refused{decision.rule};

    const storage::OpenCaseFilter filter = FilterFor(request.filter, asker);
    const team::DueRules rules = RulesAt(env, settings, asker.now);
    ListPage page;
    page.filter = request.filter;
    page.page = request.page;
    page.total = u.TeamView().CountOpen(filter);
    page.pages = page.total == 0 ? 1 : static_cast<int>((page.total + kPageSize - 1) / kPageSize);
    const long long offset = static_cast<long long>(request.page - 1) * kPageSize;
    if (offset < page.total) {
        for (const auto& row : u.TeamView().ListOpen(filter, kPageSize, static_cast<int>(offset))) {
            page.lines.push_back(team::LineOf(row, rules, env.labels.TypeText(u, row)));
        }
    }
    return page;
}

StatusOutcome StatusOf(storage::UnitOfWork& u, team::TeamEnv& env, const config::Settings& settings,
                       const Asker& asker, const team::ParsedRef& ref) {
    const team::DueRules rules = RulesAt(env, settings, asker.now);
    CaseStatus status;
    if (ref.kind == Kind::kEscalation) {
        const auto c = u.Escalation().Cases().Get(ref.id);
        if (!c) return NotFound{};
        const auto decision = access::Authorize(access::Action::kViewCaseStatus, asker.user,
                                                env.directory.FactsFor(settings, c->created_by, c->owner));
        if (!decision) return Refused{decision.rule};
        status.created_at = c->created_at;
        status.last_update_at = c->last_update_at;
        if (const auto found = u.TeamView().FindOpen(Kind::kEscalation, ref.id)) {
            status.line = team::LineOf(*found, rules, env.labels.TypeText(u, *found));
        } else {
            storage::OpenCaseRow row;
            row.kind = Kind::kEscalation;
            row.id = c->id;
            row.sop_version = c->sop_version;
            row.answers = c->answers;
            row.owner = c->owner;
            row.raised_by = c->created_by;
            status.line = team::LineOf(row, rules, env.labels.TypeText(u, row));
            status.line.link = ThreadOf(u, escalation::RootKey(c->id));
            status.open = false;
            status.closed_state = c->status == storage::EscalationCase::Status::kResolved
                                      ? "resolved"
                                      : "live transfer accepted";
            status.line.state_text = status.closed_state;
        }
        status.promise = EscalationPromise(*c, status.line.due_class);
        return status;
    }
    const auto c = u.InstallerComplaints().Get(ref.id);
    if (!c || c->status == storage::InstallerComplaint::Status::kNoCase) return NotFound{};
    const auto decision = access::Authorize(access::Action::kViewCaseStatus, asker.user,
                                            env.directory.FactsFor(settings, c->agent_id, c->owner_id));
    if (!decision) return Refused{decision.rule};
    status.created_at = c->created_at;
    const auto events = u.InstallerComplaints().Events(ref.id);
    if (!events.empty()) status.last_update_at = events.back().at;
    if (const auto found = u.TeamView().FindOpen(Kind::kInstaller, ref.id)) {
        status.line = team::LineOf(*found, rules, env.labels.TypeText(u, *found));
        status.promise = InstallerPromise(*found);
    } else {
        storage::OpenCaseRow row;
        row.kind = Kind::kInstaller;
        row.id = c->id;
        row.sop_version = c->sop_version;
        row.type = c->complaint_type;
        row.owner = c->owner_id;
        row.raised_by = c->agent_id;
        status.line = team::LineOf(row, rules, env.labels.TypeText(u, row));
        status.line.link = ThreadOf(u, installer::RootKey(c->id));
        status.open = false;
        status.closed_state = "closed";
        status.line.state_text = "closed";
        status.promise = "";
    }
    return status;
}

}  // namespace escbot::commands::case_list
