#include "tests/escalation_views/view_fixtures.hpp"

namespace escbot::test {

using commands::escalation::flow::Answers;
using config::sop::Question;
using config::sop::QuestionKind;
using nlohmann::json;

namespace {

template <class Fn>
Answers ForEachQuestion(const config::sop::Sop& sop, Fn answer) {
    Answers answers = Answers::object();
    for (const auto& step : sop.steps) {
        for (const Question& q : step.questions) {
            // Choices listed at run time (options_from = "open_cases") have none here.
            if (config::sop::IsChoice(q.kind) && q.options.empty()) continue;
            answer(q, answers);
        }
    }
    return answers;
}

}  // namespace

Answers PlausibleAnswers(const config::sop::Sop& sop) {
    return ForEachQuestion(sop, [](const Question& q, Answers& answers) {
        switch (q.kind) {
            case QuestionKind::kYesNo: answers[q.id] = "yes"; break;
            case QuestionKind::kSingleChoice: answers[q.id] = q.options.front().value; break;
            case QuestionKind::kMultiChoice:
                answers[q.id] = json::array({q.options.front().value});
                break;
            case QuestionKind::kEmail: answers[q.id] = "jane.doe@example.com"; break;
            case QuestionKind::kPhone: answers[q.id] = "(555) 123-4567"; break;
            case QuestionKind::kDate: answers[q.id] = "2026-03-14"; break;
            case QuestionKind::kShortText: answers[q.id] = "Short answer to " + q.id; break;
            case QuestionKind::kLongText:
                answers[q.id] = "A longer answer.\nWith two lines about " + q.id;
                break;
        }
    });
}

Answers MaximalAnswers(const config::sop::Sop& sop) {
    return ForEachQuestion(sop, [](const Question& q, Answers& answers) {
        switch (q.kind) {
            case QuestionKind::kYesNo: answers[q.id] = "yes"; break;
            case QuestionKind::kSingleChoice: answers[q.id] = q.options.back().value; break;
            case QuestionKind::kMultiChoice: {
                json all = json::array();
                for (const auto& option : q.options) all.push_back(option.value);
                answers[q.id] = all;
                break;
            }
            case QuestionKind::kEmail:
                answers[q.id] = std::string(64, 'a') + "@" + std::string(180, 'b') + ".example";
                break;
            case QuestionKind::kPhone: answers[q.id] = "+1 (555) 123-4567 00"; break;
            case QuestionKind::kDate: answers[q.id] = "2026-12-31"; break;
            case QuestionKind::kShortText:
            case QuestionKind::kLongText: {
                // Hostile text first, then multi-byte characters up to max_length characters.
                std::string text = kHostile;
                bool flip = false;
                for (std::size_t chars = kHostile.size();  // ASCII: bytes == characters
                     chars < static_cast<std::size_t>(q.max_length); ++chars, flip = !flip) {
                    text += flip ? "😀" : "é";
                }
                answers[q.id] = text;
                break;
            }
        }
    });
}

routing::StateValues SimulatedStateValues(const json& view) {
    routing::StateValues values;
    for (const json& block : view.at("blocks")) {
        if (block.at("type") != "input") continue;
        const json& element = block.at("element");
        routing::InputState state;
        state.type = element.at("type").get<std::string>();
        const std::string& type = state.type;
        if (type == "plain_text_input" || type == "email_text_input") {
            if (element.contains("initial_value")) state.value = element["initial_value"];
        } else if (type == "radio_buttons" || type == "static_select") {
            if (element.contains("initial_option")) {
                state.selected.push_back(element["initial_option"].at("value"));
            }
        } else if (type == "checkboxes" || type == "multi_static_select") {
            for (const json& option : element.value("initial_options", json::array())) {
                state.selected.push_back(option.at("value"));
            }
        } else if (type == "datepicker") {
            if (element.contains("initial_date")) state.selected_date = element["initial_date"];
        }
        values[block.at("block_id").get<std::string>()]
              [element.at("action_id").get<std::string>()] = std::move(state);
    }
    return values;
}

std::vector<std::string> MrkdwnTexts(const json& surface) {
    std::vector<std::string> texts;
    const auto add = [&](const json& text) {
        if (text.is_object() && text.value("type", "") == "mrkdwn") {
            texts.push_back(text.at("text").get<std::string>());
        }
    };
    if (surface.contains("text") && surface["text"].is_string()) {
        texts.push_back(surface["text"].get<std::string>());
    }
    for (const json& block : surface.at("blocks")) {
        if (block.contains("text")) add(block["text"]);
        if (block.contains("fields")) {
            for (const json& field : block["fields"]) add(field);
        }
        if (block.value("type", "") == "context") {
            for (const json& element : block["elements"]) add(element);
        }
    }
    return texts;
}

}  // namespace escbot::test
