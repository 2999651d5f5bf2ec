#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views::ids {

std::string ResumeDraftValue(long long draft_id) {
    return std::string(kResumeDraftPrefix) + std::to_string(draft_id);
}

std::string QuestionBlockId(std::string_view question_id) {
    std::string id(kQuestionBlockPrefix);
    id += question_id;
    return id;
}

std::string_view QuestionIdOfBlock(std::string_view block_id) {
    if (block_id.size() <= kQuestionBlockPrefix.size() ||
        block_id.substr(0, kQuestionBlockPrefix.size()) != kQuestionBlockPrefix) {
        return {};
    }
    return block_id.substr(kQuestionBlockPrefix.size());
}

}  // namespace escbot::commands::escalation::views::ids
