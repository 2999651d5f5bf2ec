#include "commands/installer/installer_messages.hpp"

#include <vector>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/case_contacts.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/installer/installer_ids.hpp"
#include "commands/installer/installer_texts.hpp"
#include "commands/privacy/contact_mask.hpp"

namespace escbot::commands::installer {
namespace {

namespace bk = block_kit;
using config::sop::InstallerSop;
using nlohmann::json;
using storage::InstallerComplaint;

/// A code block of user text (``` fences; backticks inside are made harmless).
std::string CodeBlock(const std::string& text, std::size_t max_chars) {
    std::string safe = bk::EscapeMrkdwn(text);
    for (std::size_t at = 0; (at = safe.find("```", at)) != std::string::npos;) {
        safe.replace(at, 3, "'''");
    }
    return "```" + bk::Truncate(safe, max_chars) + "```";
}

std::string Field(std::string_view label, const std::string& value) {
    return "*" + std::string(label) + "*\n" +
           (value.empty() ? std::string("—") : bk::EscapeAndTruncate(value, 1800));
}

std::string Id(const InstallerComplaint& c) { return std::to_string(c.id); }
std::string IdAttempt(const InstallerComplaint& c, int attempt) {
    return std::to_string(c.id) + ":" + std::to_string(attempt);
}

std::string ChaseLine(const InstallerComplaint& c, const InstallerSop& sop) {
    const std::string of = "/" + std::to_string(sop.cadence.attempts);
    switch (c.chase_state) {
        case storage::ChaseState::kWaiting:
            return "Chase " + std::to_string(c.chase_attempt - 1) + of + " recorded; next " +
                   std::to_string(c.chase_attempt) + of;
        case storage::ChaseState::kDue: return "Chase " + std::to_string(c.chase_attempt) + of + " due";
        case storage::ChaseState::kReplied: return "Installer replied";
        case storage::ChaseState::kReferralDue:
            return "No reply after " + std::to_string(sop.cadence.attempts) + of + ": referral due";
        case storage::ChaseState::kReferred: return "Referred to the account manager";
    }
    return "";
}

/// The complaint as the back-office channel shows it: with [privacy] mask_contact_details, the
/// emails and phone numbers in its user text masked.
InstallerComplaint Shown(const InstallerComplaint& c, const config::Settings& settings) {
    if (!settings.privacy.mask_contact_details) return c;
    InstallerComplaint shown = c;
    for (std::string* text : {&shown.homeowner, &shown.address, &shown.installer_email,
                              &shown.phone, &shown.best_time, &shown.interaction_id,
                              &shown.description}) {
        *text = privacy::MaskContactDetails(*text);
    }
    return shown;
}

json ShowContactsButton(const InstallerComplaint& c) {
    return bk::Button("Show contact details", kShowContactsAction, Id(c));
}

}  // namespace

json RootMessage(const InstallerComplaint& raw, const InstallerSop& sop,
                 const config::Settings& settings) {
    const InstallerComplaint c = Shown(raw, settings);
    const bool masked = settings.privacy.mask_contact_details;
    const auto* type = sop.FindComplaintType(c.complaint_type);
    const Values values = PlainValues(c, sop);
    const std::string title = Reference(c.id) + " · " + sop.case_text.primary_reason + " · " +
                              (type != nullptr ? type->secondary_reason : c.complaint_type);
    json blocks = json::array();
    blocks.push_back(bk::Header(title, "installer_title"));
    blocks.push_back(bk::SectionFields(
        {Field("Homeowner", c.homeowner), Field("Property address", c.address),
         Field("Program", values.at("program")),
         Field("Installer", c.installer_name + (c.installer_email.empty() ? "" : " <" + c.installer_email + ">")),
         Field("Primary reason", sop.case_text.primary_reason),
         Field("Secondary reason", values.at("secondary_reason")),
         Field("Phone", c.phone), Field("Best time to reach", c.best_time),
         Field("Interaction ID", c.interaction_id), Field("Complaint type", values.at("complaint"))},
        "installer_fields"));
    blocks.push_back(bk::Section("*Description*\n" + bk::EscapeAndTruncate(c.description, 2800),
                                 "installer_description"));
    std::string status;
    if (c.status == InstallerComplaint::Status::kClosed) {
        status = ":white_check_mark: Closed by " + escalation::views::UserMention(c.closed_by);
    } else {
        status = (c.owner_id.empty() ? std::string("Unclaimed")
                                     : "Owner: " + escalation::views::UserMention(c.owner_id)) +
                 " · " + ChaseLine(c, sop) + " · raised by " +
                 escalation::views::UserMention(c.agent_id) + " · SOP " + sop.version;
    }
    blocks.push_back(bk::Context({status}, "installer_status"));
    if (c.status == InstallerComplaint::Status::kOpen) {
        std::vector<json> buttons;
        if (c.owner_id.empty()) {
            buttons.push_back(bk::Button(sop.Wording("button_claim"), kClaimAction, Id(c),
                                         bk::ButtonStyle::kPrimary));
        }
        if (c.chase_state == storage::ChaseState::kWaiting ||
            c.chase_state == storage::ChaseState::kDue) {
            buttons.push_back(bk::Button(sop.Wording("button_replied"), kRepliedAction,
                                         IdAttempt(c, 0)));
        }
        buttons.push_back(bk::Button(sop.Wording("button_close"), kCloseAction, Id(c)));
        if (masked) buttons.push_back(ShowContactsButton(c));
        blocks.push_back(bk::Actions(kCaseActionsBlock, std::move(buttons)));
    } else if (masked) {
        blocks.push_back(bk::Actions(kCaseActionsBlock, {ShowContactsButton(c)}));
    }
    const std::string fallback = ThreadText("case_posted", c, sop, settings);
    return bk::Message(fallback, std::move(blocks));
}

json EmailBlocks(const InstallerComplaint& c, const InstallerSop& sop) {
    json blocks = json::array();
    blocks.push_back(bk::Section("*To:* " + bk::EscapeAndTruncate(EmailTo(c, sop), 300) +
                                     "\n*Subject:* " +
                                     bk::EscapeAndTruncate(EmailSubject(c, sop), 300),
                                 "installer_email_to"));
    blocks.push_back(bk::Section(CodeBlock(EmailBody(c, sop), 2990), "installer_email_body"));
    return blocks;
}

json FirstEmailMessage(const InstallerComplaint& raw, const InstallerSop& sop,
                       const config::Settings& settings, TimePoint first_chase_due) {
    const InstallerComplaint c = Shown(raw, settings);
    const std::string due = escalation::views::SlackDate(first_chase_due, settings.business_calendar);
    json blocks = json::array();
    blocks.push_back(
        bk::Section(ThreadText("first_email", c, sop, settings, {{"due", due}}), "installer_first"));
    for (json& block : EmailBlocks(c, sop)) blocks.push_back(std::move(block));
    std::vector<std::string> notes;
    if (const std::string note = NotCopiedNote(c, sop); !note.empty()) {
        notes.push_back(":no_entry: " + bk::EscapeAndTruncate(note, 1500));
    }
    const auto* program = sop.FindProgram(c.program);
    if (program != nullptr && program->add_account_manager) {
        notes.push_back(":bust_in_silhouette: " +
                        bk::EscapeAndTruncate(sop.Wording("account_manager_participant"), 1500));
    }
    notes.push_back(":information_source: " + bk::EscapeAndTruncate(sop.Wording("back_office_note"), 1500));
    blocks.push_back(bk::Context(notes, "installer_notes"));
    return bk::Message(ThreadText("first_email", c, sop, settings, {{"due", due}}), std::move(blocks));
}

json ChaseDueMessage(const InstallerComplaint& raw, const InstallerSop& sop,
                     const config::Settings& settings, int attempt) {
    const InstallerComplaint c = Shown(raw, settings);
    const std::string text =
        ThreadText("chase_due", c, sop, settings, {{"attempt", std::to_string(attempt)}});
    json blocks = json::array();
    blocks.push_back(bk::Section(text, "installer_chase_text"));
    blocks.push_back(bk::Actions(
        kChaseActionsBlock,
        {bk::Button(sop.Wording("button_replied"), kRepliedAction, IdAttempt(c, attempt),
                    bk::ButtonStyle::kPrimary),
         bk::Button(sop.Wording("button_no_reply"), kNoReplyAction, IdAttempt(c, attempt))}));
    return bk::Message(text, std::move(blocks));
}

json ThreadMessage(const std::string& mrkdwn) {
    const std::string text = bk::TruncateMrkdwn(mrkdwn, 2900);
    json blocks = json::array();
    blocks.push_back(bk::Section(text));
    return bk::Message(text, std::move(blocks));
}

json ReferralDueMessage(const InstallerComplaint& raw, const InstallerSop& sop,
                        const config::Settings& settings) {
    const InstallerComplaint c = Shown(raw, settings);
    const std::string text = ThreadText("referral_due", c, sop, settings);
    json blocks = json::array();
    blocks.push_back(bk::Section(text, "installer_referral_due"));
    blocks.push_back(bk::Actions(kChaseActionsBlock,
                                 {bk::Button(sop.Wording("button_refer"), kReferAction, Id(c),
                                             bk::ButtonStyle::kPrimary)}));
    return bk::Message(text, std::move(blocks));
}

json ReferralMessage(const InstallerComplaint& raw, const InstallerSop& sop,
                     const config::Settings& settings, const std::string& referral_text_raw) {
    const InstallerComplaint c = Shown(raw, settings);
    const std::string referral_text =
        privacy::ForChannel(referral_text_raw, settings.privacy.mask_contact_details);
    const std::string text = ThreadText("referral_recorded", c, sop, settings);
    json blocks = json::array();
    blocks.push_back(bk::Section(text, "installer_referral"));
    blocks.push_back(bk::Section(CodeBlock(referral_text, 2800), "installer_referral_text"));
    return bk::Message(text, std::move(blocks));
}

json CommitmentDueMessage(const InstallerComplaint& raw, const InstallerSop& sop,
                          const config::Settings& settings) {
    const InstallerComplaint c = Shown(raw, settings);
    const std::string text = ThreadText("commitment_due", c, sop, settings);
    json blocks = json::array();
    blocks.push_back(bk::Section(text, "installer_commitment"));
    blocks.push_back(bk::Actions(kChaseActionsBlock,
                                 {bk::Button(sop.Wording("button_partner_updated"),
                                             kPartnerUpdatedAction, Id(c))}));
    return bk::Message(text, std::move(blocks));
}

json ComplaintContactsMessage(const InstallerComplaint& c) {
    std::vector<escalation::views::ContactSource> sources;
    const auto add = [&](std::string_view label, const std::string& text) {
        if (!text.empty()) sources.push_back({"*" + std::string(label) + "*", text});
    };
    add("Homeowner", c.homeowner);
    add("Property address", c.address);
    add("Installer email", c.installer_email);
    add("Phone", c.phone);
    add("Best time to reach", c.best_time);
    add("Description", c.description);
    add("Closure comments", c.closure_comments);
    return escalation::views::CaseContactsMessage(Reference(c.id), sources);
}

}  // namespace escbot::commands::installer
