#include "commands/escalation/views/flow_modals.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using nlohmann::json;

namespace {

constexpr std::size_t kNoteMaxLength = 3000;
constexpr std::string_view kResumeText = "Resume where I left off";
constexpr std::string_view kStartOverText = "Start over (discard the unfinished form)";

json ReadOnlyModal(std::string_view title, std::string_view callback_id, json blocks,
                   std::string_view private_metadata) {
    bk::ModalSpec modal;
    modal.title = std::string(title);
    modal.close = "Done";
    modal.callback_id = std::string(callback_id);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = std::move(blocks);
    return bk::Modal(std::move(modal));
}

std::string Mentions(const std::vector<std::string>& users,
                     const std::vector<std::string>& groups) {
    std::string out;
    for (const auto& user : users) out += (out.empty() ? "" : ", ") + UserMention(user);
    for (const auto& group : groups) out += (out.empty() ? "" : ", ") + GroupMention(group);
    return out;
}

json NoteModal(std::string_view title, std::string_view callback_id, std::string_view submit,
               std::string_view intro, std::string_view label, std::string_view private_metadata) {
    bk::TextInputSpec text;
    text.multiline = true;
    text.max_length = kNoteMaxLength;
    bk::ModalSpec modal;
    modal.title = std::string(title);
    modal.submit = std::string(submit);
    modal.close = "Cancel";
    modal.callback_id = std::string(callback_id);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = json::array({bk::Section(std::string(intro), "case_note_intro"),
                                bk::Input(ids::kCaseNoteBlockId, label,
                                          bk::PlainTextInput(ids::kCaseNoteActionId, text))});
    return bk::Modal(std::move(modal));
}

}  // namespace

json ResumeModal(const UnfinishedForm& form, std::string_view private_metadata,
                 const config::BusinessCalendar& calendar) {
    std::string text = "*You have an escalation form you did not finish.*\nStarted " +
                       SlackDate(form.started_at, calendar) + ", last saved " +
                       SlackDate(form.saved_at, calendar) + ", at *" +
                       bk::EscapeAndTruncate(form.step_title, 100) + "* (SOP " +
                       bk::EscapeAndTruncate(form.sop_version, 64) + ").";
    if (!form.homeowner_name.empty()) {
        text += "\n*Homeowner:* " + bk::EscapeAndTruncate(form.homeowner_name, 200);
    }
    const std::vector<json> options = {bk::Option(kResumeText, ids::kResumeValue),
                                       bk::Option(kStartOverText, ids::kStartOverValue)};
    bk::ModalSpec modal;
    modal.title = "Escalate";
    modal.submit = "Continue";
    modal.close = "Cancel";
    modal.callback_id = std::string(ids::kResumeCallbackId);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = json::array(
        {bk::Section(text, "resume_intro"),
         bk::Input(ids::kResumeBlockId, "What do you want to do?",
                   bk::RadioButtons(ids::kResumeActionId, options, std::size_t{0}))});
    return bk::Modal(std::move(modal));
}

std::string ResumeChoice(const routing::StateValues& state) {
    const auto block = state.find(std::string(ids::kResumeBlockId));
    if (block == state.end()) return {};
    const auto action = block->second.find(std::string(ids::kResumeActionId));
    if (action == block->second.end() || action->second.selected.size() != 1) return {};
    const std::string& v = action->second.selected.front();
    if (v == ids::kResumeValue || v == ids::kStartOverValue) return v;
    return {};
}

json LiveTransferModal(const config::sop::Sop& sop, const config::sop::Outcome& outcome,
                       const LiveTransferInfo& info, std::string_view private_metadata,
                       const config::BusinessCalendar& calendar) {
    json blocks = json::array();
    blocks.push_back(bk::Section(bk::EscapeMrkdwn(outcome.advice), "advice"));
    if (!info.skipped.empty()) {
        std::string skipped;
        for (const auto& name : info.skipped) skipped += (skipped.empty() ? "" : ", ") + name;
        blocks.push_back(bk::Context(
            {"Skipped, no one on duty: " + bk::EscapeAndTruncate(skipped, 500)}, "skipped"));
    }
    if (info.paged != nullptr) {
        const std::string who = Mentions(info.users, info.groups);
        std::string text = ":rotating_light: *Paging " + bk::EscapeMrkdwn(info.paged->name) +
                           " now*" + (who.empty() ? std::string() : " (" + who + ")") +
                           ": they have " + std::to_string(info.window_seconds) +
                           " seconds to accept. If no one does, the next tier is paged.";
        if (!info.paged->instructions.empty()) {
            text += "\n" + bk::EscapeMrkdwn(info.paged->instructions);
        }
        blocks.push_back(bk::Section(text, "paging"));
        blocks.push_back(bk::Context(
            {"Case " + bk::EscapeAndTruncate(info.case_id, 100) +
             ". Each step appears in your direct messages from this bot as it happens."},
            "status_hint"));
    } else {
        std::string text = ":telephone_receiver: *No one is available to take the call.*";
        if (info.voicemail != nullptr && !info.voicemail->instructions.empty()) {
            text += "\n" + bk::EscapeMrkdwn(info.voicemail->instructions);
        }
        blocks.push_back(bk::Section(text, "voicemail"));
        std::string created = "Follow-up case *" + bk::EscapeAndTruncate(info.case_id, 100) +
                              "* was created for the Resolution Team";
        if (info.follow_up_due) created += ", due " + SlackDate(*info.follow_up_due, calendar);
        blocks.push_back(bk::Section(created + ".", "case"));
    }
    (void)sop;
    return ReadOnlyModal(outcome.title, ids::kResultCallbackId, std::move(blocks),
                         private_metadata);
}

json AddedToCaseModal(const config::sop::Outcome& outcome, const ExistingCaseInfo& info,
                      std::string_view private_metadata, const config::BusinessCalendar& calendar) {
    json blocks = json::array();
    std::string head = ":white_check_mark: This interaction was added to case *" +
                       bk::EscapeAndTruncate(info.case_id, 100) + "* (" +
                       bk::EscapeAndTruncate(info.status.empty() ? "Open" : info.status, 50) +
                       ", " +
                       (info.owner.empty() ? std::string("unclaimed") : UserMention(info.owner)) +
                       ") and posted in its thread.";
    blocks.push_back(bk::Section(head, "case"));
    blocks.push_back(bk::Section(bk::EscapeMrkdwn(outcome.advice), "advice"));
    std::string update;
    if (info.last_update_at) {
        update = "*Last update* " + SlackDate(*info.last_update_at, calendar) + ":\n" +
                 bk::EscapeAndTruncate(info.last_update, 2500);
    } else {
        update = "*Last update:* none before this interaction.";
    }
    blocks.push_back(bk::Section(update, "last_update"));
    return ReadOnlyModal(outcome.title, ids::kResultCallbackId, std::move(blocks),
                         private_metadata);
}

json NoticeModal(std::string_view title, std::string_view mrkdwn,
                 std::string_view private_metadata) {
    return ReadOnlyModal(title, ids::kResultCallbackId,
                         json::array({bk::Section(mrkdwn, "notice")}), private_metadata);
}

json CaseUpdateModal(std::string_view case_id, std::string_view private_metadata) {
    return NoteModal("Add update", ids::kCaseUpdateCallbackId, "Post update",
                     "Posted in the thread of case *" + bk::EscapeAndTruncate(case_id, 100) +
                         "* and shown as its last update.",
                     "Update", private_metadata);
}

json ResolveCaseModal(std::string_view case_id, std::string_view private_metadata) {
    return NoteModal("Resolve case", ids::kCaseResolveCallbackId, "Resolve",
                     "Closes case *" + bk::EscapeAndTruncate(case_id, 100) +
                         "* and stops its follow-up reminder.",
                     "Resolution note", private_metadata);
}

std::string CaseNoteText(const routing::StateValues& state) {
    const auto block = state.find(std::string(ids::kCaseNoteBlockId));
    if (block == state.end()) return {};
    const auto action = block->second.find(std::string(ids::kCaseNoteActionId));
    if (action == block->second.end()) return {};
    return action->second.value.value_or("");
}

}  // namespace escbot::commands::escalation::views
