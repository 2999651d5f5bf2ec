#include "commands/escalation/views/case_modals.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using nlohmann::json;

namespace {

constexpr std::size_t kNoteMaxLength = 2000;

}  // namespace

json ReassignCaseModal(std::string_view case_id, std::string_view current_owner,
                       std::string_view private_metadata) {
    json who = {{"type", "users_select"},
                {"action_id", ids::kCaseReassignUserActionId},
                {"placeholder", bk::PlainText("Pick a person")}};
    bk::TextInputSpec note;
    note.multiline = true;
    note.max_length = kNoteMaxLength;
    note.placeholder = "Why, or what the new owner should know";
    bk::ModalSpec modal;
    modal.title = "Reassign case";
    modal.submit = "Reassign";
    modal.close = "Cancel";
    modal.callback_id = std::string(ids::kCaseReassignCallbackId);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = json::array(
        {bk::Section("Case *" + bk::EscapeAndTruncate(case_id, 100) + "* is owned by " +
                         UserMention(current_owner) +
                         ". The new owner is told in the thread, and the agent who escalated "
                         "it by direct message.",
                     "case_reassign_intro"),
         bk::Input(ids::kCaseReassignUserBlockId, "New owner", std::move(who)),
         bk::Input(ids::kCaseNoteBlockId, "Note for the thread",
                   bk::PlainTextInput(ids::kCaseNoteActionId, note), {.optional = true})});
    return bk::Modal(std::move(modal));
}

std::string ReassignTarget(const routing::StateValues& state) {
    const auto block = state.find(std::string(ids::kCaseReassignUserBlockId));
    if (block == state.end()) return {};
    const auto action = block->second.find(std::string(ids::kCaseReassignUserActionId));
    if (action == block->second.end() || action->second.selected.empty()) return {};
    return action->second.selected.front();
}

}  // namespace escbot::commands::escalation::views
