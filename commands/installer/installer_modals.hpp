#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "commands/escalation/views/step_modal.hpp"
#include "config/business_calendar.hpp"
#include "config/sop/installer_sop.hpp"
#include "config/sop/sop.hpp"
#include "storage/installer_complaint_repository.hpp"

namespace escbot::commands::installer {

// The agent's modals. The form and the existing-complaint screen are the escalation flow's
// question screens (views::StepModal over the form Sop), routed to this flow's callback ids;
// the others are built here. Every text comes from the complaint's SOP version. Pure.

/// The complaint form with `answers` filled in; `metadata` is the draft id. Closing it saves
/// the draft (notify_on_close).
nlohmann::json FormModal(const config::sop::Sop& form, const nlohmann::json& answers,
                         std::string_view metadata, const config::BusinessCalendar& calendar);

/// The open complaints of the homeowner (SOP 002: follow up on the case rather than opening a
/// second one), with Back to the form.
nlohmann::json ExistingModal(const config::sop::Sop& form, const nlohmann::json& answers,
                             const std::vector<storage::InstallerComplaint>& existing,
                             std::string_view metadata, const config::BusinessCalendar& calendar);

/// No case for this type: the SOP's steps and the email ready to paste (homeowner in copy).
nlohmann::json NoCaseModal(const storage::InstallerComplaint& c,
                           const config::sop::InstallerSop& sop);

/// The complaint is posted: its reference and the first email ready to paste, with the
/// "homeowner is not copied" note for Concert/Beam.
nlohmann::json OpenedModal(const storage::InstallerComplaint& c,
                           const config::sop::InstallerSop& sop);

/// The interaction was added to the open complaint `existing`.
nlohmann::json FollowedUpModal(const storage::InstallerComplaint& existing,
                               const config::sop::InstallerSop& sop);

/// The referral's questions for the complaint's type (the sale ones for fraud-related types).
nlohmann::json ReferralModal(const storage::InstallerComplaint& c,
                             const config::sop::InstallerSop& sop);
/// After the referral: its text ready to paste.
nlohmann::json ReferralDoneModal(const config::sop::InstallerSop& sop, const std::string& text);

/// Closure comments (required) and when the complaint may close.
nlohmann::json CloseModal(const storage::InstallerComplaint& c,
                          const config::sop::InstallerSop& sop);

/// What the existing-complaint panel shows of each complaint.
std::vector<escalation::views::ExistingCaseInfo> ExistingInfos(
    const std::vector<storage::InstallerComplaint>& existing);

}  // namespace escbot::commands::installer
