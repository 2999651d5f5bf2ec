#include "commands/installer/installer_modals.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/ids.hpp"
#include "commands/installer/installer_ids.hpp"
#include "commands/installer/installer_messages.hpp"
#include "commands/installer/installer_sops.hpp"
#include "commands/installer/installer_texts.hpp"

namespace escbot::commands::installer {
namespace {

namespace bk = block_kit;
using config::sop::FillPlaceholders;
using config::sop::InstallerSop;
using nlohmann::json;
using storage::InstallerComplaint;

json ResultModal(std::string title, json blocks) {
    bk::ModalSpec spec;
    spec.title = std::move(title);
    spec.close = "Done";
    spec.callback_id = std::string(kResultModal);
    spec.blocks = std::move(blocks);
    return bk::Modal(std::move(spec));
}

std::string Filled(const InstallerSop& sop, std::string_view key, const InstallerComplaint& c) {
    return bk::EscapeMrkdwn(FillPlaceholders(sop.Wording(key), {{"reference", Reference(c.id)}}));
}

std::string CodeBlock(const std::string& text) {
    std::string safe = bk::EscapeMrkdwn(text);
    for (std::size_t at = 0; (at = safe.find("```", at)) != std::string::npos;) {
        safe.replace(at, 3, "'''");
    }
    return "```" + bk::Truncate(safe, 2990) + "```";
}

}  // namespace

json FormModal(const config::sop::Sop& form, const json& answers, std::string_view metadata,
               const config::BusinessCalendar& calendar) {
    json view = escalation::views::StepModal(form, *form.FindStep(kFormStep), answers, metadata,
                                             calendar);
    view["callback_id"] = std::string(kFormModal);
    view["notify_on_close"] = true;
    return view;
}

std::vector<escalation::views::ExistingCaseInfo> ExistingInfos(
    const std::vector<InstallerComplaint>& existing) {
    std::vector<escalation::views::ExistingCaseInfo> infos;
    for (auto it = existing.rbegin(); it != existing.rend(); ++it) {  // newest first
        escalation::views::ExistingCaseInfo info;
        info.case_id = Reference(it->id);
        info.status = it->owner_id.empty() ? "Open" : "Claimed";
        info.owner = it->owner_id;
        info.opened_at = it->created_at;
        infos.push_back(std::move(info));
    }
    return infos;
}

json ExistingModal(const config::sop::Sop& form, const json& answers,
                   const std::vector<InstallerComplaint>& existing, std::string_view metadata,
                   const config::BusinessCalendar& calendar) {
    const auto infos = ExistingInfos(existing);
    json view = escalation::views::StepModal(form, *form.FindStep(kExistingStep), answers, metadata,
                                             calendar, {}, &infos, /*with_back=*/true);
    view["callback_id"] = std::string(kExistingModal);
    // The escalation screens' Back belongs to the escalation flow: point it at this one.
    for (json& block : view["blocks"]) {
        if (block.value("block_id", "") != escalation::views::ids::kBackBlockId) continue;
        for (json& element : block["elements"]) {
            element["action_id"] = std::string(kBackAction);
            element["value"] = std::string(metadata);
        }
    }
    return view;
}

json NoCaseModal(const InstallerComplaint& c, const InstallerSop& sop) {
    const Values values = PlainValues(c, sop);
    json blocks = json::array();
    blocks.push_back(bk::Section(bk::EscapeMrkdwn(FillPlaceholders(sop.no_case.intro, values)),
                                 "no_case_intro"));
    std::string steps;
    int n = 0;
    for (const std::string& step : sop.no_case.steps) {
        steps += std::to_string(++n) + ". " + bk::EscapeMrkdwn(step) + "\n";
    }
    blocks.push_back(bk::Section(steps, "no_case_steps"));
    blocks.push_back(bk::Section("*To:* " + bk::EscapeAndTruncate(c.installer_email, 300) +
                                     "\n*Subject:* " +
                                     bk::EscapeAndTruncate(EmailSubject(c, sop), 300),
                                 "no_case_email"));
    blocks.push_back(bk::Section(CodeBlock(NoCaseEmailBody(c, sop)), "no_case_email_body"));
    blocks.push_back(bk::Context(
        {bk::EscapeMrkdwn(FillPlaceholders(sop.Wording("no_case_recorded"), values))},
        "no_case_recorded"));
    return ResultModal(sop.no_case.title, std::move(blocks));
}

json OpenedModal(const InstallerComplaint& c, const InstallerSop& sop) {
    json blocks = json::array();
    blocks.push_back(bk::Section(":white_check_mark: " + Filled(sop, "agent_opened", c), "opened"));
    for (json& block : EmailBlocks(c, sop)) blocks.push_back(std::move(block));
    if (const std::string note = NotCopiedNote(c, sop); !note.empty()) {
        blocks.push_back(bk::Context({":no_entry: " + bk::EscapeAndTruncate(note, 1500)}, "not_copied"));
    }
    return ResultModal(sop.modal.title, std::move(blocks));
}

json FollowedUpModal(const InstallerComplaint& existing, const InstallerSop& sop) {
    json blocks = json::array();
    blocks.push_back(bk::Section(Filled(sop, "agent_followed_up", existing), "followed_up"));
    return ResultModal(sop.modal.title, std::move(blocks));
}

json ReferralModal(const InstallerComplaint& c, const InstallerSop& sop) {
    json blocks = json::array();
    blocks.push_back(bk::Section(
        bk::EscapeMrkdwn(FillPlaceholders(sop.referral.intro, PlainValues(c, sop))), "referral_intro"));
    if (const auto* type = sop.FindComplaintType(c.complaint_type)) {
        for (const auto* question : sop.ReferralQuestionsFor(*type)) {
            bk::TextInputSpec input;
            input.multiline = true;
            input.max_length = 1000;
            bk::InputSpec spec;
            spec.optional = !question->required;
            blocks.push_back(bk::Input(std::string(kReferralBlockPrefix) + question->id,
                                       question->label, bk::PlainTextInput(kValueAction, input),
                                       spec));
        }
    }
    bk::ModalSpec spec;
    spec.title = sop.referral.title;
    spec.submit = sop.modal.submit;
    spec.close = sop.modal.close;
    spec.callback_id = std::string(kReferralModal);
    spec.private_metadata = std::to_string(c.id);
    spec.blocks = std::move(blocks);
    return bk::Modal(std::move(spec));
}

json ReferralDoneModal(const InstallerSop& sop, const std::string& text) {
    json blocks = json::array();
    blocks.push_back(bk::Section(CodeBlock(text), "referral_text"));
    return ResultModal(sop.referral.title, std::move(blocks));
}

json CloseModal(const InstallerComplaint& c, const InstallerSop& sop) {
    json blocks = json::array();
    const auto* type = sop.FindComplaintType(c.complaint_type);
    if (type != nullptr) {
        blocks.push_back(bk::Context({bk::EscapeAndTruncate(type->close_when, 1500)}, "close_when"));
    }
    bk::TextInputSpec input;
    input.multiline = true;
    input.max_length = 2000;
    blocks.push_back(bk::Input(kCommentsBlock, sop.Wording("closure_label"),
                               bk::PlainTextInput(kValueAction, input)));
    bk::ModalSpec spec;
    spec.title = sop.Wording("button_close");
    spec.submit = sop.Wording("button_close");
    spec.close = sop.modal.close;
    spec.callback_id = std::string(kCloseModal);
    spec.private_metadata = std::to_string(c.id);
    spec.blocks = std::move(blocks);
    return bk::Modal(std::move(spec));
}

}  // namespace escbot::commands::installer
