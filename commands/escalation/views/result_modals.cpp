#include "commands/escalation/views/result_modals.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using config::sop::Note;
using nlohmann::json;

namespace {

json ResultModal(std::string_view title, json blocks, std::string_view private_metadata) {
    bk::ModalSpec modal;
    modal.title = std::string(title);
    modal.close = "Done";
    modal.callback_id = std::string(ids::kResultCallbackId);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = std::move(blocks);
    return bk::Modal(std::move(modal));
}

void AddScript(const config::sop::Sop& sop, const config::sop::Outcome& outcome, json& blocks) {
    if (outcome.script.empty()) return;
    const Note* script = sop.FindNote(outcome.script);
    if (script == nullptr) return;
    const std::string title = script->title.empty() ? "Read to the customer" : script->title;
    blocks.push_back(bk::Section(":speech_balloon: *" + bk::EscapeMrkdwn(title) + "*\n" +
                                     bk::EscapeMrkdwn(script->text),
                                 "script"));
}

}  // namespace

json LoadingModal(std::string_view private_metadata, std::string_view title) {
    bk::ModalSpec modal;
    modal.title = std::string(title);
    modal.close = "Cancel";
    modal.callback_id = std::string(ids::kLoadingCallbackId);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = json::array({bk::Section(":hourglass_flowing_sand: Loading…", "loading")});
    return bk::Modal(std::move(modal));
}

json OutcomeModal(const config::sop::Sop& sop, const config::sop::Outcome& outcome,
                  std::string_view reason, std::string_view private_metadata,
                  const config::sop::LadderTier* ladder_entry) {
    json blocks = json::array();
    blocks.push_back(bk::Section(bk::EscapeMrkdwn(outcome.advice), "advice"));
    if (!reason.empty()) {
        blocks.push_back(bk::Section("*Why:* " + bk::EscapeMrkdwn(reason), "reason"));
    }
    if (ladder_entry != nullptr) {
        std::string text = "*First to be paged:* " + bk::EscapeMrkdwn(ladder_entry->name);
        if (!ladder_entry->instructions.empty()) {
            text += "\n" + bk::EscapeMrkdwn(ladder_entry->instructions);
        }
        blocks.push_back(bk::Section(text, "ladder_entry"));
    }
    AddScript(sop, outcome, blocks);
    return ResultModal(outcome.title, std::move(blocks), private_metadata);
}

json NotQualifiedModal(const config::sop::Sop& sop, const flow::FlowResult& result,
                       std::string_view private_metadata) {
    if (result.outcome == nullptr) return LoadingModal(private_metadata);
    return OutcomeModal(sop, *result.outcome, result.reason, private_metadata);
}

json ClosingModal(const config::sop::Sop& sop, const config::sop::Outcome& outcome,
                  const ClosingInfo& info, std::string_view private_metadata,
                  const config::BusinessCalendar& calendar) {
    json blocks = json::array();
    std::string head = ":white_check_mark: *Case " + bk::EscapeAndTruncate(info.case_id, 100) +
                       " created.*";
    if (info.follow_up_due)
        head += "\n*Follow-up due:* " + SlackDate(*info.follow_up_due, calendar);
    blocks.push_back(bk::Section(head, "case"));
    blocks.push_back(bk::Section(bk::EscapeMrkdwn(outcome.advice), "advice"));
    AddScript(sop, outcome, blocks);
    return ResultModal(outcome.title, std::move(blocks), private_metadata);
}

}  // namespace escbot::commands::escalation::views
