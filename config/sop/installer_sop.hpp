#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/duration.hpp"
#include "config/sop/sop.hpp"

namespace escbot::config::sop {

/// The id in [sop] that marks an installer-complaints SOP file (the linter picks its checks by
/// this id).
inline constexpr std::string_view kInstallerSopId = "installer_complaints";

/// The modal's question ids. Fixed: the flow reads the answers by them; the data gives their
/// wording (label, hint, placeholder, kind within what the linter allows).
namespace installer_questions {
inline constexpr std::string_view kHomeownerName = "homeowner_name";
inline constexpr std::string_view kPropertyAddress = "property_address";
inline constexpr std::string_view kProgram = "program";
inline constexpr std::string_view kInstallerName = "installer_name";
inline constexpr std::string_view kInstallerEmail = "installer_email";
inline constexpr std::string_view kComplaintType = "complaint_type";
inline constexpr std::string_view kDescription = "description";
inline constexpr std::string_view kPhone = "phone";
inline constexpr std::string_view kBestTime = "best_time";
inline constexpr std::string_view kInteractionId = "interaction_id";
}  // namespace installer_questions

/// `options_from` values of the installer modal.
inline constexpr std::string_view kOptionsFromPrograms = "programs";
inline constexpr std::string_view kOptionsFromComplaintTypes = "complaint_types";

/// EverBright, Concert, Beam: to whom the installer email goes and who is copied (SOP §4).
struct InstallerProgram {
    std::string id;
    std::string label;
    std::string partner;          // "" = email the installer directly; else the partner's name
    bool copy_homeowner = true;   // false for Concert/Beam: the homeowner is never copied
    bool add_account_manager = false;  // EverBright: the account manager is a participant
    bool weekly_commitment = false;    // Concert/Beam: a commitment update to the homeowner weekly
    int line = 0;
};

/// Whom a chase emails.
enum class ChaseWhom { kInstaller, kAccountManager };

struct ComplaintType {
    std::string id;
    std::string label;             // the modal's option, <= 75 characters
    std::string secondary_reason;  // the CRM case's secondary reason
    bool opens_case = true;        // false: the no-case steps (PTO before M3, ...)
    bool sale_questions = false;   // the referral adds the sale questions (fraud related)
    ChaseWhom chase_whom = ChaseWhom::kInstaller;
    std::string close_when;  // when the case may close, shown to the owner
    int line = 0;
};

struct InstallerModalText {
    std::string title;
    std::string submit;
    std::string close;
    std::string follow_up;  // submit of the existing-complaint screen
    std::string intro;
    int line = 0;
};

struct InstallerCaseText {
    std::string primary_reason;  // "Installer Complaints"
    std::string assign_to;
    int line = 0;
};

struct NoCaseText {
    std::string title;
    std::string intro;
    std::vector<std::string> steps;
    int line = 0;
};

/// The chase and the reminders, on business time where the data says so (2bd).
struct InstallerCadence {
    Duration chase_every{2, Duration::Unit::BusinessDays};
    int attempts = 2;
    Duration owner_reminder_after{1, Duration::Unit::Weeks};
    Duration commitment_every{1, Duration::Unit::Weeks};
    int line = 0;
};

struct InstallerEmailText {
    std::string subject;
    std::string body;
    std::string not_copied_note;
    std::string no_case_body;
    /// What {agent} reads in an email ready to paste (the agent signs with their name).
    std::string agent_name = "(Agent name)";
    int line = 0;
};

struct ReferralQuestion {
    std::string id;
    std::string label;
    bool sale = false;  // asked only for a complaint type with sale_questions
    bool required = true;
    int line = 0;
};

struct ReferralText {
    std::string title;  // the referral modal's title, <= 24
    std::string intro;
    std::string closing;
    std::vector<ReferralQuestion> questions;
    int line = 0;
};

/// One loaded, validated version of the installer-complaints SOP. Immutable once built: share it
/// as `std::shared_ptr<const InstallerSop>`; reads are thread-safe.
struct InstallerSop {
    std::string file;
    std::string id;  // kInstallerSopId
    std::string version;
    std::string effective_date;  // YYYY-MM-DD
    std::string title;
    std::string fingerprint;  // hash of the file's text
    std::string source_text;  // as loaded, so a pinned version can be stored and reloaded
    int line = 0;

    InstallerModalText modal;
    std::vector<Question> questions;  // in modal order; ids from installer_questions
    std::vector<InstallerProgram> programs;
    std::vector<ComplaintType> complaint_types;
    InstallerCaseText case_text;
    NoCaseText no_case;
    InstallerCadence cadence;
    InstallerEmailText email;
    ReferralText referral;
    /// [wording] by key (every key of InstallerWordingKeys()).
    std::map<std::string, std::string, std::less<>> wording;
    int wording_line = 0;

    const Question* FindQuestion(std::string_view id) const;
    const InstallerProgram* FindProgram(std::string_view id) const;
    const ComplaintType* FindComplaintType(std::string_view id) const;
    /// The [wording] text of `key`; "" for a key the file lacks (the validator requires all).
    const std::string& Wording(std::string_view key) const;
    /// The referral questions asked for `type` (the sale ones only with sale_questions).
    std::vector<const ReferralQuestion*> ReferralQuestionsFor(const ComplaintType& type) const;
};

/// One text key of the data and the placeholders it may use.
struct TextKey {
    std::string_view key;
    std::vector<std::string_view> placeholders;
};

/// Every [wording] key, each required, with the placeholders it may use.
const std::vector<TextKey>& InstallerWordingKeys();
/// The placeholders each other text may use, keyed "email.subject", "no_case.intro", ...
const std::vector<TextKey>& InstallerTemplateKeys();

/// Fills the {name} placeholders of `text` from `values`; an unknown placeholder stays as
/// written. Pure.
std::string FillPlaceholders(std::string_view text,
                             const std::map<std::string, std::string, std::less<>>& values);
/// The placeholder names `text` uses, in order ("{homeowner}" -> "homeowner").
std::vector<std::string> PlaceholdersIn(std::string_view text);

}  // namespace escbot::config::sop
