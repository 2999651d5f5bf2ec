#pragma once

#include "commands/command_deps.hpp"
#include "commands/team/case_labels.hpp"
#include "commands/team/team_directory.hpp"

namespace escbot::commands::team {

/// What the App Home and `/escalation list|status` share: the deps, one lead / back-office
/// directory, and the case type labels. Created once by RegisterAll; outlives the handlers.
struct TeamEnv {
    explicit TeamEnv(CommandDeps& d) : deps(d), directory(d.slack, d.clock), labels(d.sops) {}

    CommandDeps& deps;
    TeamDirectory directory;
    CaseLabels labels;
};

}  // namespace escbot::commands::team
