#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "commands/escalation/flow/answers.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::flow {

/// One answered question, ready to show: the SOP's label and the answer in words.
struct AnswerLine {
    std::string question_id;
    std::string label;
    std::string value;
};

/// The answers of one SOP section, in question order.
struct AnswerSection {
    std::string section_id;
    std::string title;
    std::vector<AnswerLine> lines;
};

/// An escalation case as leads read it (thread root in the Resolution Team channel) and as it is
/// pasted into the CRM. Holds personal data (name, address, answers): never log it.
struct CaseSummary {
    std::string case_id;
    std::string sop_version;
    /// From the SOP's follow_up outcome: the CRM request type ("Complaints") and the team the
    /// case is assigned to ("Resolution Team"); "" when the SOP names none.
    std::string request_type;
    std::string assigned_to;
    std::string homeowner_name;
    std::string property_address;
    std::string origin;          // who is escalating, in words ("Homeowner")
    std::string interaction_id;  // CXone recording / interaction id
    bool asked_for_lead = false;
    std::vector<std::string> concern_types;  // labels ("Claiming fraud")
    std::vector<std::string> qualifiers;     // labels
    std::string red_flags;
    std::vector<AnswerLine> key_points;
    /// Every other answer, by SOP section order; empty sections left out.
    std::vector<AnswerSection> sections;
    std::string escalated_by;  // Slack user id of the agent (U...)
    TimePoint escalated_at{};
    std::optional<TimePoint> follow_up_due;
    /// Set while the promised update is overdue (it fell due with no update given).
    std::optional<TimePoint> overdue_since;
    std::string owner;   // Slack user id of whoever claimed it; "" when unclaimed
    std::string status;  // shown as is ("Open", "Claimed", "Resolved")
    /// How the case came about, when that needs saying ("Live transfer: no one answered, the
    /// customer was sent to voicemail"). Bot text; "" for none.
    std::string note;
    std::optional<TimePoint> last_update_at;
    /// Set once the case is resolved: the buttons give way to the resolution.
    bool resolved = false;
    std::string resolved_by;  // Slack user id
    std::optional<TimePoint> resolved_at;
    std::string resolution_note;  // user text
    /// Emails and phone numbers in the user text above are masked ([privacy]
    /// mask_contact_details, views::MaskedForChannel): the root offers "Show contact details".
    bool contacts_masked = false;
};

/// The parts of a case that do not come from the answers.
struct CaseMeta {
    std::string case_id;
    std::string escalated_by;
    TimePoint escalated_at{};
    std::optional<TimePoint> follow_up_due;
    std::string owner;
    std::string status = "Open";
    std::string note;
    std::optional<TimePoint> last_update_at;
    bool resolved = false;
    std::string resolved_by;
    std::optional<TimePoint> resolved_at;
    std::string resolution_note;
    std::optional<TimePoint> overdue_since;  // the case's, while its promise is overdue
};

/// Builds the summary from the SOP's [fields] and sections (request type and assignment from its
/// follow_up outcome): headline facts from the named
/// questions, key points from the key-points section, every other answered question under its
/// section. Unanswered questions are left out. Pure.
CaseSummary MakeCaseSummary(const config::sop::Sop& sop, const Answers& answers,
                            const CaseMeta& meta);

/// An answer in words: option labels for choices (joined with ", "), the text otherwise; ""
/// when unanswered.
std::string DisplayAnswer(const config::sop::Question& question, const Answers& answers);

}  // namespace escbot::commands::escalation::flow
