#include "commands/home/home_data.hpp"

namespace escbot::commands::home {

HomeData GatherHome(storage::UnitOfWork& u, team::CaseLabels& labels, const HomeInputs& in) {
    HomeData data;
    data.viewer = in.viewer;
    const team::DueRules rules =
        team::DueRulesOf(in.sop, in.settings.business_calendar, in.now);
    auto& view = u.TeamView();

    storage::OpenCaseFilter mine;
    mine.involving = in.viewer;
    for (const auto& row : view.ListOpen(mine, kMaxCases, 0)) {
        data.cases.push_back(team::LineOf(row, rules, labels.TypeText(u, row)));
    }
    data.total_cases = static_cast<long long>(data.cases.size()) < kMaxCases
                           ? static_cast<long long>(data.cases.size())
                           : view.CountOpen(mine);

    if (in.sees_team) {
        TeamSummary summary;
        summary.counts = view.Counts(in.now, rules.due_soon_by);
        if (const auto oldest = view.OldestUnclaimed()) {
            summary.oldest_unclaimed = team::LineOf(*oldest, rules, labels.TypeText(u, *oldest));
        }
        summary.ladders = view.LiveLadders(kMaxLadders);
        summary.stages = view.InstallerByStage();
        data.team = std::move(summary);
    }

    const auto names = in.settings.rotations.Names();
    data.total_rotations = static_cast<long long>(names.size());
    for (const auto& name : names) {
        if (static_cast<int>(data.duty.size()) >= kMaxRotations) break;
        if (const auto* rotation = in.settings.rotations.Find(name)) {
            data.duty.push_back(DutyOf(*rotation, in.now));
        }
    }
    if (in.sop != nullptr) {
        data.sop_version = in.sop->version;
        data.sop_effective = in.sop->effective_date;
    }
    return data;
}

}  // namespace escbot::commands::home
