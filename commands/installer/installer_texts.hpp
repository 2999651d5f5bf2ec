#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/settings.hpp"
#include "config/sop/installer_sop.hpp"
#include "storage/installer_complaint_repository.hpp"

namespace escbot::commands::installer {

// The texts of an installer complaint, filled from the SOP version it runs under: the emails
// and the referral ready to paste (plain text: the agent copies them), and the thread wording
// (mrkdwn: user text escaped, people tagged). Pure.

using Values = std::map<std::string, std::string, std::less<>>;

/// The complaint's placeholder values as plain text ({homeowner}, {installer}, {program},
/// {partner}, {complaint}, {secondary_reason}, {concern}, {chase_whom}, {close_when}, ...).
/// {agent} is [email] agent_name, for the agent to replace with their name.
Values PlainValues(const storage::InstallerComplaint& c, const config::sop::InstallerSop& sop);

/// Who a step tags: the owner, or while nobody has claimed the complaint the back office
/// ([groups] back_office: users and user groups; `<!here>` when none is configured). mrkdwn.
std::string OwnerTag(const storage::InstallerComplaint& c, const config::Settings& settings);

/// A [wording] text filled for the thread: values escaped for mrkdwn, {owner} tagged as
/// OwnerTag, plus `extra` ({attempt}, {attempts}, {due}, already mrkdwn).
std::string ThreadText(std::string_view key, const storage::InstallerComplaint& c,
                       const config::sop::InstallerSop& sop, const config::Settings& settings,
                       const Values& extra = {});

/// "Homeowner Concern – <Homeowner> - <Installer>" (seed 001's summary line).
std::string EmailSubject(const storage::InstallerComplaint& c, const config::sop::InstallerSop& sop);
/// The first email to the installer (or the partner), ready to paste.
std::string EmailBody(const storage::InstallerComplaint& c, const config::sop::InstallerSop& sop);
/// For a program whose homeowner is never copied (Concert/Beam): the note shown wherever the
/// email is; "" for the others.
std::string NotCopiedNote(const storage::InstallerComplaint& c, const config::sop::InstallerSop& sop);
/// Whom the email goes to: the partner's name for Concert/Beam, else the installer's address.
std::string EmailTo(const storage::InstallerComplaint& c, const config::sop::InstallerSop& sop);
/// The no-case email (the homeowner in copy), ready to paste.
std::string NoCaseEmailBody(const storage::InstallerComplaint& c,
                            const config::sop::InstallerSop& sop);
/// The referral comment: the template's intro, each question asked with its answer, the
/// closing. `answers` maps referral question ids to text.
std::string ReferralText(const storage::InstallerComplaint& c, const config::sop::InstallerSop& sop,
                         const nlohmann::json& answers);

}  // namespace escbot::commands::installer
