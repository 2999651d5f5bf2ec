#include "commands/escalation/views/state_values.hpp"

#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

using nlohmann::json;

namespace {

constexpr std::size_t kErrorMessageMax = 300;

json StringOrNull(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return nullptr;
    return *it;
}

json SelectedValue(const json& action) {
    const auto it = action.find("selected_option");
    if (it == action.end() || !it->is_object()) return nullptr;
    return StringOrNull(*it, "value");
}

json SelectedValues(const json& action) {
    const auto it = action.find("selected_options");
    if (it == action.end() || !it->is_array()) return nullptr;
    json values = json::array();
    for (const json& option : *it) {
        if (!option.is_object()) continue;
        json value = StringOrNull(option, "value");
        if (!value.is_null()) values.push_back(std::move(value));
    }
    return values.empty() ? json() : values;
}

/// The answer an input's state holds, by element type; null when empty or unknown.
json ValueOf(const json& action) {
    if (!action.is_object()) return nullptr;
    const auto type = action.find("type");
    if (type == action.end() || !type->is_string()) return nullptr;
    const std::string& t = type->get_ref<const std::string&>();
    if (t == "plain_text_input" || t == "email_text_input" || t == "url_text_input" ||
        t == "number_input") {
        return StringOrNull(action, "value");
    }
    if (t == "radio_buttons" || t == "static_select") return SelectedValue(action);
    if (t == "checkboxes" || t == "multi_static_select") return SelectedValues(action);
    if (t == "datepicker") return StringOrNull(action, "selected_date");
    return nullptr;
}

}  // namespace

flow::Answers ParseStateValues(const config::sop::Sop& sop, const json& state_values) {
    flow::Answers answers = flow::Answers::object();
    if (!state_values.is_object()) return answers;
    for (const auto& [block_id, actions] : state_values.items()) {
        const std::string_view question_id = ids::QuestionIdOfBlock(block_id);
        if (question_id.empty() || sop.FindQuestion(question_id) == nullptr) continue;
        if (!actions.is_object()) continue;
        json value;
        const auto it = actions.find(ids::kAnswerActionId);
        if (it != actions.end()) {
            value = ValueOf(*it);
        } else if (!actions.empty()) {
            value = ValueOf(actions.begin().value());  // a view rendered with other action ids
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
