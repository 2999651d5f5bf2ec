#include "commands/escalation/views/flow_modals.hpp"

#include <algorithm>
#include <chrono>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using nlohmann::json;

namespace {

constexpr std::size_t kNoteMaxLength = 3000;
constexpr std::string_view kStartNewText = "Start a new escalation";
constexpr std::string_view kNoNameYet = "(no homeowner name yet)";

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

std::string AgeText(TimePoint then, TimePoint now) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - then).count();
    if (minutes < 60) return std::to_string(std::max<long long>(minutes, 1)) + " min";
    if (minutes < 48 * 60) return std::to_string(minutes / 60) + " h";
    return std::to_string(minutes / (24 * 60)) + " d";
}

json ResumeModal(const std::vector<UnfinishedForm>& forms, TimePoint now,
                 std::string_view private_metadata, const config::BusinessCalendar& calendar) {
    const std::size_t shown = std::min(forms.size(), kResumeMaxDrafts);
    std::string text = "*You have " + std::to_string(forms.size()) + " unfinished escalation " +
                       (forms.size() == 1 ? "form" : "forms") +
                       ".* Pick one to go on where you stopped, or start a new one.";
    std::vector<json> options;
    for (std::size_t i = 0; i < shown; ++i) {
        const UnfinishedForm& form = forms[i];
        const std::string name =
            form.homeowner_name.empty() ? std::string(kNoNameYet) : form.homeowner_name;
        text += "\n• *" + bk::EscapeAndTruncate(name, 80) + "*: at *" +
                bk::EscapeAndTruncate(form.step_title, 60) + "*, started " +
                SlackDate(form.started_at, calendar) + ", last saved " + SlackDate(form.saved_at, calendar) + " (SOP " +
                bk::EscapeAndTruncate(form.sop_version, 64) + ")";
        // Option texts are plain text (no dates): the age says it; long parts are cut.
        const std::string label = bk::Truncate(name, 30) + " · " +
                                  bk::Truncate(form.step_title, 24) + " · " +
                                  AgeText(form.started_at, now);
        options.push_back(bk::Option(bk::Truncate(label, bk::limits::kOptionText),
                                     ids::ResumeDraftValue(form.draft_id)));
    }
    options.push_back(bk::Option(kStartNewText, ids::kResumeNewValue));
    bk::ModalSpec modal;
    modal.title = "Escalate";
    modal.submit = "Continue";
    modal.close = "Cancel";
    modal.callback_id = std::string(ids::kResumeCallbackId);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = json::array(
        {bk::Section(bk::TruncateMrkdwn(text, bk::limits::kSectionText), "resume_intro")});
    if (forms.size() > shown) {
        modal.blocks.push_back(bk::Context({std::to_string(forms.size() - shown) +
                                            " older forms are not listed; they close on their own."},
                                           "resume_more"));
    }
    modal.blocks.push_back(bk::Input(ids::kResumeBlockId, "What do you want to do?",
                                     bk::RadioButtons(ids::kResumeActionId, std::move(options),
                                                     std::size_t{0})));
    return bk::Modal(std::move(modal));
}

std::variant<std::optional<long long>, ResumeChoiceMissing> ResumeChoice(
    const routing::StateValues& state) {
    const auto block = state.find(std::string(ids::kResumeBlockId));
    if (block == state.end()) return ResumeChoiceMissing{};
    const auto action = block->second.find(std::string(ids::kResumeActionId));
    if (action == block->second.end() || action->second.selected.size() != 1) {
        return ResumeChoiceMissing{};
    }
    const std::string& v = action->second.selected.front();
    if (v == ids::kResumeNewValue) return std::optional<long long>();
    if (v.rfind(ids::kResumeDraftPrefix, 0) != 0) return ResumeChoiceMissing{};
    const std::string digits = v.substr(ids::kResumeDraftPrefix.size());
    if (digits.empty() || digits.size() > 18 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
        return ResumeChoiceMissing{};
    }
    return std::optional<long long>(std::stoll(digits));
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
                           " seconds to answer, then they accept the transfer or not. If no one "
                           "answers, or they do not accept, the next tier is paged.";
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
