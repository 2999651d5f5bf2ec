// "Show contact details" on a masked installer complaint root ([privacy] mask_contact_details):
// the full values only to the person who pressed, privately, when the authorization table allows
// it (commands/access: back office, the complaint's owner, the agent who raised it); each reveal
// and each refusal audited (who, when, which complaint; never the values) and counted.

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/installer/installer_handlers.hpp"
#include "commands/installer/installer_ids.hpp"
#include "commands/installer/installer_messages.hpp"

namespace escbot::commands::installer {

using routing::Ack;
using storage::InstallerComplaint;

Result ShowContacts(storage::UnitOfWork& u, const FlowEnv& env, long long id,
                    std::string_view user) {
    const auto c = id > 0 ? u.InstallerComplaints().Get(id) : std::nullopt;
    if (!c || c->status == InstallerComplaint::Status::kNoCase)
        return {Outcome::kUnknown, std::nullopt};
    access::Facts facts;
    facts.raised_by = c->agent_id;
    facts.owner = c->owner_id;
    facts.is_back_office = env.is_back_office;
    const bool allowed = static_cast<bool>(
        access::Authorize(access::Action::kShowComplaintContacts, user, facts));
    u.Audit().Record({0, env.now, std::string(user),
                      allowed ? "installer.contacts_shown" : "installer.contacts_refused",
                      Entity(id), nlohmann::json::object()});
    return {allowed ? Outcome::kDone : Outcome::kNotAllowed, c};
}

Ack InstallerHandlers::ShowContactsClicked(const routing::BlockAction& in) {
    const auto settings = Settings();
    if (!settings) return Ack::Ephemeral("The bot's configuration is not loaded; try again shortly.");
    const FlowEnv env = Env(*settings);
    long long id = -1;
    try {
        id = std::stoll(in.value);
    } catch (const std::exception&) {
        return Ack::Ephemeral("This button is no longer valid.");
    }
    const Result result = deps_.store.Write(
        [&](storage::UnitOfWork& u) { return ShowContacts(u, env, id, in.user_id); });
    const bool shown = result.outcome == Outcome::kDone;
    if (result.outcome == Outcome::kDone || result.outcome == Outcome::kNotAllowed) {
        deps_.metrics
            .GetCounter("escbot_contact_reveals_total",
                        "Show contact details presses on masked case posts, by kind and outcome.",
                        {{"kind", "installer"}, {"outcome", shown ? "shown" : "refused"}})
            .Inc();
        logging::Get("installer")
            ->info("installer:{} contact details {} user={}", id,
                   shown ? "shown to" : "refused to", in.user_id);
    }
    if (result.outcome == Outcome::kNotAllowed) {
        return Ack::Ephemeral(
            "Only " +
            std::string(access::RuleOf(access::Action::kShowComplaintContacts).who_may) +
            " can see this complaint's contact details. Nothing was shown.");
    }
    if (!shown) return Ack::Ephemeral("I could not find that installer complaint.");
    nlohmann::json message = ComplaintContactsMessage(*result.complaint);
    message["response_type"] = "ephemeral";
    message["replace_original"] = false;
    return Ack::Message(std::move(message));
}

}  // namespace escbot::commands::installer
