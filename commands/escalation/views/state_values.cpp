#include "commands/escalation/views/state_values.hpp"

#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

using nlohmann::json;

namespace {

constexpr std::size_t kErrorMessageMax = 300;

/// The answer an input's state holds, by element type; null when empty or unknown.
json ValueOf(const routing::InputState& input) {
    const std::string& t = input.type;
    if (t == "plain_text_input" || t == "email_text_input" || t == "url_text_input" ||
        t == "number_input") {
        return input.value ? json(*input.value) : json();
    }
    if (t == "radio_buttons" || t == "static_select") {
        return input.selected.empty() ? json() : json(input.selected.front());
    }
    if (t == "checkboxes" || t == "multi_static_select") {
        return input.selected.empty() ? json() : json(input.selected);
    }
    if (t == "datepicker") return input.selected_date ? json(*input.selected_date) : json();
    return nullptr;
}

}  // namespace

flow::Answers ParseStateValues(const config::sop::Sop& sop, const routing::StateValues& state) {
    flow::Answers answers = flow::Answers::object();
    for (const auto& [block_id, actions] : state) {
        const std::string_view question_id = ids::QuestionIdOfBlock(block_id);
        if (question_id.empty() || sop.FindQuestion(question_id) == nullptr) continue;
        json value;
        const auto it = actions.find(std::string(ids::kAnswerActionId));
        if (it != actions.end()) {
            value = ValueOf(it->second);
        } else if (!actions.empty()) {
            value = ValueOf(actions.begin()->second);  // a view rendered with other action ids
        }
        answers[std::string(question_id)] = std::move(value);
    }
    return answers;
}

std::map<std::string, std::string> ErrorsByBlockId(const flow::AnswerErrors& errors) {
    std::map<std::string, std::string> by_block;
    for (const auto& [question_id, message] : errors) {
        by_block.emplace(ids::QuestionBlockId(question_id),
                         block_kit::Truncate(message, kErrorMessageMax));
    }
    return by_block;
}

json ErrorsResponse(const flow::AnswerErrors& errors) {
    return {{"response_action", "errors"}, {"errors", ErrorsByBlockId(errors)}};
}

}  // namespace escbot::commands::escalation::views
