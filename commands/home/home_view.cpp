#include "commands/home/home_view.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/registry.hpp"
#include "commands/team/case_line_text.hpp"
#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::home {
namespace {

using nlohmann::json;
namespace bk = block_kit;

std::string Counts(const storage::OpenCaseCounts& c) {
    return std::to_string(c.unclaimed) + " unclaimed · " + std::to_string(c.claimed) + " claimed · " +
           std::to_string(c.due_soon) + " due soon · " + std::to_string(c.overdue) + " overdue";
}

std::string StageText(const storage::InstallerStageCount& stage) {
    const std::string n = std::to_string(stage.attempt);
    std::string name;
    if (stage.state == "waiting") name = "chase " + n + " waiting";
    else if (stage.state == "due") name = "chase " + n + " due";
    else if (stage.state == "replied") name = "installer replied (chase " + n + ")";
    else if (stage.state == "referral_due") name = "referral due";
    else name = "referred";
    return "• " + name + ": " + std::to_string(stage.count);
}

void AddYourCases(json& blocks, const HomeData& data, const config::Settings& settings) {
    blocks.push_back(bk::Section("*Your open cases* (" + std::to_string(data.total_cases) +
                             "): raised by you or yours to handle, overdue and due soon first"));
    if (data.cases.empty()) {
        blocks.push_back(bk::Context({"No open case raised by you or yours to handle."}));
        return;
    }
    for (const auto& line : data.cases) {
        blocks.push_back(bk::Section(team::CaseLineMrkdwn(line, settings.business_calendar)));
    }
    const long long more = data.total_cases - static_cast<long long>(data.cases.size());
    if (more > 0) {
        blocks.push_back(bk::Context({"… and " + std::to_string(more) + " more: `/escalation list mine`"}));
    }
}

void AddTeam(json& blocks, const TeamSummary& team, const config::Settings& settings) {
    blocks.push_back(bk::Header("Team"));
    blocks.push_back(bk::Section("*Escalations*: " + Counts(team.counts.escalations) +
                             "\n*Installer complaints*: " + Counts(team.counts.installer)));
    blocks.push_back(bk::Section(
        "*Oldest unclaimed*: " +
        (team.oldest_unclaimed ? team::CaseLineMrkdwn(*team.oldest_unclaimed, settings.business_calendar)
                               : std::string("none"))));
    std::string ladders = "*Live ladders in progress* (" + std::to_string(team.counts.live_ladders) + ")";
    for (const auto& ladder : team.ladders) {
        ladders += "\n• *" + escalation::CaseDisplayId(ladder.case_id) + "* · " +
                   bk::EscapeAndTruncate(ladder.tier_id, 60) + " (step " + std::to_string(ladder.step) +
                   ", " + ladder.status + ") · raised by " + escalation::views::UserMention(ladder.raised_by) +
                   " · window ends " + escalation::views::SlackDate(ladder.deadline, settings.business_calendar);
    }
    const long long more = team.counts.live_ladders - static_cast<long long>(team.ladders.size());
    if (more > 0) ladders += "\n… and " + std::to_string(more) + " more";
    blocks.push_back(bk::Section(ladders));
    std::string stages = "*Installer complaints by stage*";
    if (team.stages.empty()) stages += "\nnone open";
    for (const auto& stage : team.stages) stages += "\n" + StageText(stage);
    blocks.push_back(bk::Section(stages));
    blocks.push_back(bk::Context({"`/escalation list open`, `overdue` or `unclaimed` for the lists"}));
}

void AddDuty(json& blocks, const HomeData& data, const config::Settings& settings) {
    blocks.push_back(bk::Section("*On duty now and next*"));
    for (const auto& duty : data.duty) {
        if (const auto* rotation = settings.rotations.Find(duty.rotation)) {
            blocks.push_back(bk::Section(DutyLine(*rotation, duty)));
        }
    }
    const long long more = data.total_rotations - static_cast<long long>(data.duty.size());
    if (more > 0) blocks.push_back(bk::Context({"… and " + std::to_string(more) + " more rotations: `/oncall`"}));
}

std::string CommandList() {
    std::string commands = "*Commands*";
    for (const auto& command : SlashCommands()) {
        commands += "\n• `" + std::string(command.name);
        // Hints such as `<homeowner name>` would otherwise be read as links.
        if (!command.usage_hint.empty()) commands += " " + bk::EscapeMrkdwn(command.usage_hint);
        commands += "`: " + bk::EscapeMrkdwn(command.description);
    }
    return commands;
}

}  // namespace

json RenderHome(const HomeData& data, const config::Settings& settings) {
    json blocks = json::array();
    blocks.push_back(bk::Header("Escalation Bot"));
    AddYourCases(blocks, data, settings);
    blocks.push_back(bk::Divider());
    if (data.team) {
        AddTeam(blocks, *data.team, settings);
        blocks.push_back(bk::Divider());
    }
    AddDuty(blocks, data, settings);
    blocks.push_back(bk::Divider());
    blocks.push_back(bk::Section(CommandList()));
    if (!data.sop_version.empty()) {
        blocks.push_back(bk::Context({"Escalation SOP " + bk::EscapeMrkdwn(data.sop_version) + ", effective " +
                                 bk::EscapeMrkdwn(data.sop_effective)}));
    }
    // The caps above keep the view near 60 blocks; this only guards against a future section.
    while (blocks.size() > bk::limits::kViewBlocks) blocks.erase(blocks.size() - 2);
    return {{"type", "home"}, {"blocks", std::move(blocks)}};
}

}  // namespace escbot::commands::home
