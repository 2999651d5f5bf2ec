#include "commands/registry.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include "commands/concert/concert_command.hpp"
#include "commands/escalation/escalation_command.hpp"
#include "commands/case_list/case_list_command.hpp"
#include "commands/home/home_tab.hpp"
#include "commands/installer/installer_command.hpp"
#include "commands/oncall/oncall_command.hpp"
#include "commands/retention/retention_timer.hpp"

namespace escbot::commands {

const std::vector<SlashCommandSpec>& SlashCommands() {
    static const std::vector<SlashCommandSpec> kCommands = {
        {"/escalate", "Escalate a homeowner complaint (guided SOP, case thread, live ladder)",
         "[homeowner name]"},
        {"/concert", "Ask the Concert contacts on duty to confirm a customer",
         "<homeowner name>, <property address>"},
        {"/oncall", "Who is on duty now and next, by rotation", "[rotation]"},
        {"/installer-complaint",
         "Raise an installer complaint for the back office (SOP: installer unresponsive or "
         "installer complaints)",
         "[homeowner name]"},
        {"/escalation",
         "Your open cases or the team's (escalations and installer complaints), or one case's status",
         "list [mine|open|overdue|unclaimed] [page] | status ESC-n|IC-n"},
    };
    return kCommands;
}

void RegisterAll(routing::Router& router, CommandDeps& deps) {
    escalation::RegisterEscalation(router, deps);
    concert::RegisterConcert(router, deps);
    oncall::RegisterOncallCommand(router, deps.settings, deps.clock);
    const auto team = std::make_shared<team::TeamEnv>(deps);
    home::RegisterHomeTab(router, team);
    case_list::RegisterCaseList(router, team);
    retention::RegisterRetention(deps);
    installer::RegisterInstaller(router, deps);

    const auto registered = router.CommandNames();
    for (const auto& spec : SlashCommands()) {
        bool found = false;
        for (const auto& name : registered) found |= name == spec.name;
        if (!found) throw std::logic_error("slash command without a handler: " + std::string(spec.name));
    }
    if (registered.size() != SlashCommands().size())
        throw std::logic_error("a registered slash command is missing from SlashCommands()");
}

}  // namespace escbot::commands
