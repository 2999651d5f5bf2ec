#pragma once

#include <string>
#include <string_view>

namespace escbot::commands::installer {

// Every id the installer-complaint flow puts on the wire or in the database, in one place.

inline constexpr std::string_view kCommand = "/installer-complaint";
/// The draft flow name (storage::Draft::flow).
inline constexpr std::string_view kDraftFlow = "installer_complaint";

// Modals (callback ids). The complaint form's inputs use the escalation views' question block
// ids ("q_<question id>"), so the same renderer and state reader serve both flows.
inline constexpr std::string_view kFormModal = "installer_form";
inline constexpr std::string_view kExistingModal = "installer_existing";
inline constexpr std::string_view kResultModal = "installer_result";
inline constexpr std::string_view kReferralModal = "installer_referral";
inline constexpr std::string_view kCloseModal = "installer_close";
/// Back on the existing-case screen (its value: the draft id).
inline constexpr std::string_view kBackAction = "installer_back";

// Buttons in the back-office thread; each carries the complaint id as its value.
inline constexpr std::string_view kClaimAction = "installer_claim";
inline constexpr std::string_view kRepliedAction = "installer_replied";
inline constexpr std::string_view kNoReplyAction = "installer_no_reply";
inline constexpr std::string_view kReferAction = "installer_refer";
inline constexpr std::string_view kPartnerUpdatedAction = "installer_partner_updated";
inline constexpr std::string_view kCloseAction = "installer_close";
/// "Show contact details" on a masked root ([privacy] mask_contact_details).
inline constexpr std::string_view kShowContactsAction = "installer_show_contacts";
inline constexpr std::string_view kCaseActionsBlock = "installer_actions";
inline constexpr std::string_view kChaseActionsBlock = "installer_chase";

// Inputs of the referral and close modals; each input's action id is kValueAction.
inline constexpr std::string_view kCommentsBlock = "installer_comments";
inline constexpr std::string_view kReferralBlockPrefix = "referral_";
inline constexpr std::string_view kValueAction = "value";

// Durable timers; their payload is an InstallerTimerPayload (installer_timers.hpp).
inline constexpr std::string_view kChaseTimer = "installer.chase";
inline constexpr std::string_view kOwnerReminderTimer = "installer.owner_reminder";
inline constexpr std::string_view kCommitmentTimer = "installer.commitment";

/// "installer:12": the audit entity and the prefix of every key of a complaint.
inline std::string Entity(long long id) { return "installer:" + std::to_string(id); }
/// "IC-12": how people see a complaint's reference.
inline std::string Reference(long long id) { return "IC-" + std::to_string(id); }
/// The message key of the complaint's thread root in the back-office channel.
inline std::string RootKey(long long id) { return Entity(id) + ":root"; }
/// The outbox lane of everything posted about one complaint.
inline std::string Lane(long long id) { return Entity(id); }
inline std::string ChaseTimerKey(long long id) { return Entity(id) + ":chase"; }
inline std::string OwnerReminderTimerKey(long long id) { return Entity(id) + ":owner_reminder"; }
inline std::string CommitmentTimerKey(long long id) { return Entity(id) + ":commitment"; }

}  // namespace escbot::commands::installer
