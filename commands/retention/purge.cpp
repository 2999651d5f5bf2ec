#include "commands/retention/purge.hpp"

#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/sop_versions.hpp"

namespace escbot::commands::retention {

nlohmann::json AnswersWithoutPersonalData(const nlohmann::json& answers,
                                          const config::sop::Sop* sop) {
    nlohmann::json kept = nlohmann::json::object();
    if (sop == nullptr || !answers.is_object()) return kept;
    for (const auto& [id, value] : answers.items()) {
        const config::sop::Question* question = sop->FindQuestion(id);
        if (question == nullptr) continue;
        if (config::sop::IsChoice(question->kind) || question->kind == config::sop::QuestionKind::kDate) {
            kept[id] = value;
        }
    }
    return kept;
}

PurgeCounts PurgePersonalData(storage::UnitOfWork& u, config::sop::SopCatalog& sops,
                              TimePoint cutoff, TimePoint now, const std::string& actor,
                              bool dry_run, int max_cases) {
    PurgeCounts counts;
    auto& retention = u.Retention();
    // One more than the batch tells whether the batch took them all.
    auto cases = retention.CasesDueForPurge(cutoff, max_cases + 1);
    counts.complete = cases.size() <= static_cast<std::size_t>(max_cases);
    if (!counts.complete) cases.pop_back();
    counts.cases = static_cast<long long>(cases.size());
    if (dry_run) {
        counts.drafts = retention.CountClosedDrafts(cutoff);
        counts.concert_requests = retention.CountClosedConcertRequests(cutoff);
        counts.installer_complaints = retention.CountClosedInstallerComplaints(cutoff);
        return counts;
    }
    for (const storage::EscalationCase& c : cases) {
        const auto sop = escalation::FindSop(u, sops, c.sop_version);
        retention.PurgeCase(c.id, AnswersWithoutPersonalData(c.answers, sop.get()), now);
        u.Audit().Record({0, now, actor, "case.personal_data_purged", escalation::CaseEntity(c.id),
                          {{"closed_before", ToUnix(cutoff)}}});
    }
    counts.drafts = retention.PurgeClosedDrafts(cutoff);
    counts.concert_requests = retention.PurgeClosedConcertRequests(cutoff);
    counts.installer_complaints = retention.PurgeClosedInstallerComplaints(cutoff);
    return counts;
}

TimePoint PurgeCutoff(TimePoint now, long long days) { return now - std::chrono::hours(24 * days); }

}  // namespace escbot::commands::retention
