#include "commands/installer/installer_texts.hpp"

#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::installer {
namespace {

using config::sop::FillPlaceholders;
using config::sop::InstallerSop;
using storage::InstallerComplaint;

std::string ProgramLabel(const InstallerComplaint& c, const InstallerSop& sop) {
    const auto* program = sop.FindProgram(c.program);
    return program != nullptr ? program->label : c.program;
}

}  // namespace

Values PlainValues(const InstallerComplaint& c, const InstallerSop& sop) {
    const auto* program = sop.FindProgram(c.program);
    const auto* type = sop.FindComplaintType(c.complaint_type);
    const bool account_manager =
        type != nullptr && type->chase_whom == config::sop::ChaseWhom::kAccountManager;
    std::string chase_whom = account_manager ? "the account manager" : "the installer";
    if (!account_manager && program != nullptr && !program->partner.empty()) {
        chase_whom = program->partner;
    }
    return {
        {"homeowner", c.homeowner},
        {"installer", c.installer_name},
        {"installer_email", c.installer_email},
        {"program", ProgramLabel(c, sop)},
        {"partner", program != nullptr ? program->partner : std::string()},
        {"complaint", type != nullptr ? type->label : c.complaint_type},
        {"secondary_reason", type != nullptr ? type->secondary_reason : std::string()},
        {"concern", c.description},
        {"chase_whom", chase_whom},
        {"close_when", type != nullptr ? type->close_when : std::string()},
        {"agent", sop.email.agent_name},
    };
}

std::string OwnerTag(const InstallerComplaint& c, const config::Settings& settings) {
    if (!c.owner_id.empty()) return escalation::views::UserMention(c.owner_id);
    std::string tags;
    for (const std::string& id : settings.groups.back_office) {
        if (!tags.empty()) tags += " ";
        tags += !id.empty() && id[0] == 'S' ? escalation::views::GroupMention(id)
                                            : escalation::views::UserMention(id);
    }
    return tags.empty() ? "<!here>" : tags;
}

std::string ThreadText(std::string_view key, const InstallerComplaint& c, const InstallerSop& sop,
                       const config::Settings& settings, const Values& extra) {
    Values values;
    for (const auto& [name, value] : PlainValues(c, sop)) {
        values[name] = block_kit::EscapeMrkdwn(value);
    }
    values["owner"] = OwnerTag(c, settings);
    values["attempts"] = std::to_string(sop.cadence.attempts);
    for (const auto& [name, value] : extra) values[name] = value;
    // The SOP's own wording is plain text: escape it, then fill (values are mrkdwn already).
    return FillPlaceholders(block_kit::EscapeMrkdwn(sop.Wording(key)), values);
}

std::string EmailSubject(const InstallerComplaint& c, const InstallerSop& sop) {
    return FillPlaceholders(sop.email.subject, PlainValues(c, sop));
}

std::string EmailBody(const InstallerComplaint& c, const InstallerSop& sop) {
    return FillPlaceholders(sop.email.body, PlainValues(c, sop));
}

std::string NotCopiedNote(const InstallerComplaint& c, const InstallerSop& sop) {
    const auto* program = sop.FindProgram(c.program);
    if (program == nullptr || program->copy_homeowner) return {};
    return FillPlaceholders(sop.email.not_copied_note, PlainValues(c, sop));
}

std::string EmailTo(const InstallerComplaint& c, const InstallerSop& sop) {
    const auto* program = sop.FindProgram(c.program);
    if (program != nullptr && !program->partner.empty()) return program->partner;
    return c.installer_email;
}

std::string NoCaseEmailBody(const InstallerComplaint& c, const InstallerSop& sop) {
    return FillPlaceholders(sop.email.no_case_body, PlainValues(c, sop));
}

std::string ReferralText(const InstallerComplaint& c, const InstallerSop& sop,
                         const nlohmann::json& answers) {
    const Values values = PlainValues(c, sop);
    std::string text = FillPlaceholders(sop.referral.intro, values);
    const auto* type = sop.FindComplaintType(c.complaint_type);
    if (type != nullptr) {
        for (const auto* question : sop.ReferralQuestionsFor(*type)) {
            const auto it = answers.find(question->id);
            const std::string answer =
                it != answers.end() && it->is_string() ? it->get<std::string>() : std::string();
            text += "\n- " + question->label + (answer.empty() ? "" : "\n  " + answer);
        }
    }
    text += "\n\n" + FillPlaceholders(sop.referral.closing, values);
    return text;
}

}  // namespace escbot::commands::installer
