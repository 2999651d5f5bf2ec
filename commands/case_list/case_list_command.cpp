#include "commands/case_list/case_list_command.hpp"

#include "bot/core/logging.hpp"
#include "commands/case_list/case_list_flow.hpp"
#include "commands/case_list/case_list_messages.hpp"

namespace escbot::commands::case_list {
namespace {

constexpr std::string_view kNoSettingsText = "The bot's configuration is not loaded yet; try again in a minute.";

routing::Ack List(team::TeamEnv& env, const std::string& user, const ListRequest& request) {
    const auto settings = env.deps.settings();
    if (!settings) return routing::Ack::Ephemeral(std::string(kNoSettingsText));
    const Asker asker{user, env.deps.clock.Now()};
    const ListOutcome out = env.deps.store.Read(
        [&](storage::UnitOfWork& u) { return ListCases(u, env, *settings, asker, request); });
    if (const auto* refused = std::get_if<Refused>(&out)) {
        logging::Get("case_list")->info("list {} refused for user={}", FilterName(request.filter), user);
        return routing::Ack::Message(RefusedMessage(*refused));
    }
    return routing::Ack::Message(ListMessage(std::get<ListPage>(out), settings->business_calendar));
}

routing::Ack Status(team::TeamEnv& env, const std::string& user, const StatusRequest& request) {
    const auto settings = env.deps.settings();
    if (!settings) return routing::Ack::Ephemeral(std::string(kNoSettingsText));
    const Asker asker{user, env.deps.clock.Now()};
    const StatusOutcome out = env.deps.store.Read(
        [&](storage::UnitOfWork& u) { return StatusOf(u, env, *settings, asker, request.ref); });
    if (const auto* refused = std::get_if<Refused>(&out)) return routing::Ack::Message(RefusedMessage(*refused));
    if (std::holds_alternative<NotFound>(out)) return routing::Ack::Message(NotFoundMessage(request.ref));
    return routing::Ack::Message(StatusMessage(std::get<CaseStatus>(out), settings->business_calendar));
}

routing::Ack OnCommand(team::TeamEnv& env, const routing::SlashCommand& in) {
    const Request request = ParseRequest(in.text);
    if (const auto* list = std::get_if<ListRequest>(&request)) return List(env, in.user_id, *list);
    if (const auto* status = std::get_if<StatusRequest>(&request)) return Status(env, in.user_id, *status);
    if (const auto* bad = std::get_if<BadRequest>(&request)) return routing::Ack::Message(HelpMessage(bad->problem));
    return routing::Ack::Message(HelpMessage());
}

routing::Ack OnNextPage(team::TeamEnv& env, const routing::BlockAction& in) {
    const auto request = ParseListButtonValue(in.value);
    if (!request) return routing::Ack::Message(HelpMessage("That button no longer reads; type the list again."));
    return List(env, in.user_id, *request);
}

}  // namespace

void RegisterCaseList(routing::Router& router, const std::shared_ptr<team::TeamEnv>& env) {
    router.Command(std::string(kCommand), [env](const routing::SlashCommand& in) { return OnCommand(*env, in); });
    router.Action(std::string(kNextPageAction), [env](const routing::BlockAction& in) { return OnNextPage(*env, in); });
}

}  // namespace escbot::commands::case_list
