#include "commands/home/home_tab.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/registry.hpp"
#include "config/schedule.hpp"
#include "config/time_text.hpp"

namespace escbot::commands::home {
namespace {

std::string Mentions(const config::Duty& duty) {
    std::string out;
    for (const auto& user : duty.users) out += (out.empty() ? "" : ", ") + std::string("<@") + user + ">";
    for (const auto& group : duty.groups) out += (out.empty() ? "" : ", ") + std::string("<!subteam^") + group + ">";
    return out;
}

nlohmann::json MrkdwnSection(const std::string& text) {
    return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", block_kit::Truncate(text, 3000)}}}};
}

std::string DutyLine(const config::Rotation& rotation, TimePoint now) {
    const config::Duty duty = config::OnDuty(rotation, now);
    const auto change = config::NextChange(rotation, now);
    std::string line = "*" + block_kit::EscapeMrkdwn(rotation.name()) + "*: ";
    if (!duty.empty()) {
        line += Mentions(duty);
        if (change) line += " (until " + config::FormatClockTime(rotation, change->at) + ")";
        return line;
    }
    line += "nobody on duty";
    if (const auto opens = config::NextWindowOpen(rotation, now))
        line += " (next: " + config::FormatDayAndTime(rotation, *opens) + ")";
    return line;
}

}  // namespace

nlohmann::json HomeView(const config::Settings& settings, const config::sop::Sop* sop, TimePoint now) {
    nlohmann::json blocks = nlohmann::json::array();
    blocks.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", "Escalation Bot"}}}});
    std::string commands = "*Commands*";
    for (const auto& command : SlashCommands()) {
        commands += "\n• `" + std::string(command.name);
        // Hints such as `<homeowner name>` would otherwise be read as links.
        if (!command.usage_hint.empty())
            commands += " " + block_kit::EscapeMrkdwn(command.usage_hint);
        commands += "`: " + block_kit::EscapeMrkdwn(command.description);
    }
    blocks.push_back(MrkdwnSection(commands));
    blocks.push_back({{"type", "divider"}});
    blocks.push_back(MrkdwnSection("*On duty now*"));
    // A Home tab holds 100 blocks; keep room for the header, the commands and the footer.
    int shown = 0;
    for (const auto& name : settings.rotations.Names()) {
        if (++shown > 90) break;
        if (const auto* rotation = settings.rotations.Find(name)) blocks.push_back(MrkdwnSection(DutyLine(*rotation, now)));
    }
    if (sop != nullptr) {
        blocks.push_back(
            {{"type", "context"},
             {"elements",
              {{{"type", "mrkdwn"},
                {"text", block_kit::Truncate("Escalation SOP " + block_kit::EscapeMrkdwn(sop->version) +
                                                 ", effective " + block_kit::EscapeMrkdwn(sop->effective_date),
                                             3000)}}}}});
    }
    return {{"type", "home"}, {"blocks", blocks}};
}

void RegisterHomeTab(routing::Router& router, CommandDeps& deps) {
    router.Event("app_home_opened", [&deps](const routing::EventCallback& in) {
        const auto* opened = std::get_if<routing::AppHomeOpened>(&in.event);
        if (opened == nullptr || opened->tab != "home") return routing::Ack::Empty();
        const std::string& user = opened->user;
        const auto settings = deps.settings();
        const auto sop = deps.sops.Current();
        storage::OutboxItem item;
        item.method = "views.publish";
        item.lane = "home:" + user;
        item.args = {{"user_id", user}, {"view", HomeView(*settings, sop.get(), deps.clock.Now())}};
        deps.store.Write([&](storage::UnitOfWork& u) { u.Outbox().Enqueue(item, deps.clock.Now()); });
        return routing::Ack::Empty();
    });
}

}  // namespace escbot::commands::home
