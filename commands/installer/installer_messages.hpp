#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "config/settings.hpp"
#include "config/sop/installer_sop.hpp"
#include "storage/installer_complaint_repository.hpp"

namespace escbot::commands::installer {

// The installer complaint's messages in the back-office channel: {"text", "blocks"} for
// chat.postMessage / chat.update. Every text comes from the SOP version of the complaint; user
// text is escaped; each message stays within Slack's limits (tests check). With [privacy]
// mask_contact_details, emails and phone numbers in user text are masked (commands/privacy) and
// the root carries "Show contact details". Pure.

/// The thread root: the case (homeowner, primary and secondary reason, description, program,
/// installer, when to reach the homeowner, interaction), its owner and chase n/N, and its
/// buttons (Claim while unclaimed; Installer replied and Close while open).
nlohmann::json RootMessage(const storage::InstallerComplaint& c,
                           const config::sop::InstallerSop& sop, const config::Settings& settings);

/// The first email to the installer (or partner), ready to paste, with the "homeowner is not
/// copied" note for Concert/Beam and the account-manager note for EverBright; when chase 1 is due.
nlohmann::json FirstEmailMessage(const storage::InstallerComplaint& c,
                                 const config::sop::InstallerSop& sop,
                                 const config::Settings& settings, TimePoint first_chase_due);

/// Chase `attempt` is due: tags the owner, with Installer replied / No reply yet.
nlohmann::json ChaseDueMessage(const storage::InstallerComplaint& c,
                               const config::sop::InstallerSop& sop,
                               const config::Settings& settings, int attempt);

/// A wording text of the thread as a plain message (owner reminder, claimed, recorded, ...).
nlohmann::json ThreadMessage(const std::string& mrkdwn);

/// No reply after the last chase: refer to the account manager and the sales manager (button).
nlohmann::json ReferralDueMessage(const storage::InstallerComplaint& c,
                                  const config::sop::InstallerSop& sop,
                                  const config::Settings& settings);

/// The referral recorded, with its text ready to paste.
nlohmann::json ReferralMessage(const storage::InstallerComplaint& c,
                               const config::sop::InstallerSop& sop,
                               const config::Settings& settings, const std::string& referral_text);

/// Concert/Beam weekly: the commitment update to the homeowner, with "Partner gave an update".
nlohmann::json CommitmentDueMessage(const storage::InstallerComplaint& c,
                                    const config::sop::InstallerSop& sop,
                                    const config::Settings& settings);

/// The complaint's emails and phone numbers, for the person who pressed "Show contact details"
/// on a masked root ([privacy] mask_contact_details): an ephemeral message. Pure.
nlohmann::json ComplaintContactsMessage(const storage::InstallerComplaint& c);

/// The email ready to paste as two section blocks: To and Subject, then the body in a code
/// block (its own section, so the whole body fits). Shared by the thread and the agent's modal.
nlohmann::json EmailBlocks(const storage::InstallerComplaint& c,
                           const config::sop::InstallerSop& sop);

}  // namespace escbot::commands::installer
