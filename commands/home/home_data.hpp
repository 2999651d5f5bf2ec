#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/home/home_duty.hpp"
#include "commands/team/case_labels.hpp"
#include "commands/team/case_line.hpp"
#include "config/settings.hpp"
#include "config/sop/sop.hpp"
#include "storage/store.hpp"

namespace escbot::commands::home {

// What one person's App Home holds, decided apart from rendering (home_view.hpp): their open
// cases of both kinds, most urgent first; for leads and the back office the team's counts, the
// oldest unclaimed case, the ladders in progress and the installer complaints by stage; and who
// is on duty now and next in every rotation.

/// How many of the viewer's cases and live ladders are read (the rest are counted: "and N more").
inline constexpr int kMaxCases = 25;
inline constexpr int kMaxLadders = 10;
inline constexpr int kMaxRotations = 20;

struct HomeInputs {
    const config::Settings& settings;
    const config::sop::Sop* sop;  // the current escalation SOP (due-soon window, version line)
    TimePoint now;
    std::string viewer;
    bool sees_team = false;  // a lead or back office: the team part is shown
};

struct TeamSummary {
    storage::TeamCounts counts;
    std::optional<team::CaseLine> oldest_unclaimed;
    std::vector<storage::LiveLadderRow> ladders;  // at most kMaxLadders, oldest first
    std::vector<storage::InstallerStageCount> stages;
};

struct HomeData {
    std::string viewer;
    std::vector<team::CaseLine> cases;  // at most kMaxCases
    long long total_cases = 0;          // all the viewer's open cases
    std::optional<TeamSummary> team;
    std::vector<DutyNowNext> duty;      // at most kMaxRotations
    long long total_rotations = 0;
    std::string sop_version;
    std::string sop_effective;
};

/// Reads everything the Home of `in.viewer` shows, in the caller's transaction.
HomeData GatherHome(storage::UnitOfWork& u, team::CaseLabels& labels, const HomeInputs& in);

}  // namespace escbot::commands::home
