#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/routing/ack.hpp"
#include "bot/routing/payloads.hpp"
#include "commands/command_deps.hpp"
#include "commands/escalation/lead_directory.hpp"
#include "commands/installer/installer_flow.hpp"
#include "commands/installer/installer_sops.hpp"

namespace escbot::commands::installer {

// The installer-complaint handlers: thin adapters that read the typed payload, take a settings
// snapshot, run one flow function in a write transaction, and render its outcome into an Ack or a
// views.open/views.update call (the only direct Slack calls). Thread-safe.
class InstallerHandlers {
public:
    explicit InstallerHandlers(CommandDeps& deps)
        : deps_(deps), groups_(deps.slack, deps.clock), back_office_(groups_) {}

    // The agent's form (installer_command.cpp).
    routing::Ack Command(const routing::SlashCommand& in);
    routing::Ack FormSubmitted(const routing::ViewSubmission& in);
    routing::Ack FormClosed(const routing::ViewClosed& in);
    routing::Ack ExistingSubmitted(const routing::ViewSubmission& in);
    routing::Ack Back(const routing::BlockAction& in);

    // The back-office thread (installer_case_handlers.cpp).
    routing::Ack Claim(const routing::BlockAction& in);
    routing::Ack Chase(const routing::BlockAction& in, bool replied);
    routing::Ack ReferClicked(const routing::BlockAction& in);
    routing::Ack ReferralSubmitted(const routing::ViewSubmission& in);
    routing::Ack PartnerUpdate(const routing::BlockAction& in);
    routing::Ack CloseClicked(const routing::BlockAction& in);
    routing::Ack CloseSubmitted(const routing::ViewSubmission& in);
    /// "Show contact details" ([privacy] mask_contact_details; installer_contacts.cpp).
    routing::Ack ShowContactsClicked(const routing::BlockAction& in);
    void OnTimer(const storage::Timer& timer, storage::UnitOfWork& u);

    /// Start-up: fetches the back-office user groups' members, and loads the SOP file so that a
    /// bad file is logged (file, line, key) at once rather than at the first complaint.
    void Start();

private:
    std::shared_ptr<const config::Settings> Settings() const;
    FlowEnv Env(const config::Settings& settings);
    /// views.open (with a trigger) or views.update (with a view id) within the trigger's time.
    void CallViews(std::string method, nlohmann::json args, routing::SteadyTime received_at,
                   const std::string& user);
    routing::Ack OpenModal(const routing::BlockAction& in, nlohmann::json view);
    routing::Ack Refused(const Result& result);
    /// A thread button that changes the complaint: Done (the scheduler is told of new timers)
    /// or the refusal.
    routing::Ack Acted(const Result& result);
    /// A thread button that opens a modal: `check` decides in a write transaction, `render`
    /// builds the modal from the complaint and its SOP version; the refusal otherwise.
    using Check = Result (*)(storage::UnitOfWork&, const FlowEnv&, long long, std::string_view);
    using Render = nlohmann::json (*)(const storage::InstallerComplaint&, const config::sop::InstallerSop&);
    routing::Ack CheckThenOpen(const routing::BlockAction& in, Check check, Render render);
    /// A submitted form: its own draft and SOP version, in a write transaction, for `step` to
    /// decide on; a notice when the settings, the draft or the SOP version are gone.
    using FormStep = std::function<routing::Ack(storage::UnitOfWork&, const FlowEnv&,
                                                const config::Settings&, storage::Draft&,
                                                const config::sop::InstallerSop&)>;
    routing::Ack WithOwnDraft(const routing::ViewSubmission& in, const FormStep& step);

    CommandDeps& deps_;
    InstallerSops sops_;
    // Its own user-group cache: the escalation handlers keep theirs (one shared cache across
    // flows would need it in CommandDeps).
    access::GroupDirectory groups_;
    escalation::LeadDirectory back_office_;
};

}  // namespace escbot::commands::installer
