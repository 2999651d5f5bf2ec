#include "commands/escalation/flow/answers.hpp"

namespace escbot::commands::escalation::flow {
namespace {

std::string Trim(const std::string& text) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    return text.substr(begin, end - begin);
}

/// The normal form of a submitted value; null when it means "no answer".
nlohmann::json Normalise(const nlohmann::json& value) {
    if (value.is_string()) {
        std::string trimmed = Trim(value.get<std::string>());
        return trimmed.empty() ? nlohmann::json() : nlohmann::json(std::move(trimmed));
    }
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : value) {
            if (item.is_string() && !item.get_ref<const std::string&>().empty()) out.push_back(item);
        }
        return out.empty() ? nlohmann::json() : out;
    }
    if (value.is_null()) return value;
    return value;  // a wrong type is kept so that validation can reject it
}

}  // namespace

bool IsAnswered(const Answers& answers, std::string_view question_id) {
    if (!answers.is_object()) return false;
    const auto it = answers.find(question_id);
    if (it == answers.end()) return false;
    if (it->is_string()) return !it->get_ref<const std::string&>().empty();
    if (it->is_array()) return !it->empty();
    return !it->is_null();
}

std::string AnswerText(const Answers& answers, std::string_view question_id) {
    if (!answers.is_object()) return {};
    const auto it = answers.find(question_id);
    if (it == answers.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

std::vector<std::string> AnswerValues(const Answers& answers, std::string_view question_id) {
    std::vector<std::string> values;
    if (!answers.is_object()) return values;
    const auto it = answers.find(question_id);
    if (it == answers.end()) return values;
    if (it->is_string()) {
        values.push_back(it->get<std::string>());
    } else if (it->is_array()) {
        for (const auto& item : *it) {
            if (item.is_string()) values.push_back(item.get<std::string>());
        }
    }
    return values;
}

Answers MergeAnswers(const Answers& so_far, const Answers& submitted) {
    Answers merged = so_far.is_object() ? so_far : Answers::object();
    if (!submitted.is_object()) return merged;
    for (const auto& [key, value] : submitted.items()) {
        nlohmann::json normal = Normalise(value);
        if (normal.is_null()) {
            merged.erase(key);
        } else {
            merged[key] = std::move(normal);
        }
    }
    return merged;
}

}  // namespace escbot::commands::escalation::flow
