#include "commands/escalation/flow/validation.hpp"

#include <algorithm>

#include "commands/block_kit/text.hpp"
#include "commands/escalation/flow/engine.hpp"

namespace escbot::commands::escalation::flow {

using config::sop::Question;
using config::sop::QuestionKind;

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool HasOption(const std::vector<config::sop::Option>& options, const std::string& value) {
    return std::any_of(options.begin(), options.end(),
                       [&](const config::sop::Option& o) { return o.value == value; });
}

bool IsDomainLabelChar(char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           static_cast<unsigned char>(c) >= 0x80;  // internationalised domains
}

}  // namespace

bool IsEmailShaped(std::string_view text) {
    if (text.size() > 254) return false;
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 || text.find('@', at + 1) != text.npos) {
        return false;
    }
    const std::string_view local = text.substr(0, at);
    const std::string_view domain = text.substr(at + 1);
    const auto bad_local = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>' ||
               c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\\' ||
               c == '"';
    };
    if (std::any_of(local.begin(), local.end(), bad_local)) return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos) return false;

    const std::size_t last_dot = domain.rfind('.');
    if (last_dot == std::string_view::npos || last_dot + 3 > domain.size()) return false;
    std::size_t label_start = 0;
    for (std::size_t i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain[i] == '.') {
            const std::string_view label = domain.substr(label_start, i - label_start);
            if (label.empty() || label.front() == '-' || label.back() == '-') return false;
            label_start = i + 1;
        } else if (!IsDomainLabelChar(domain[i])) {
            return false;
        }
    }
    return true;
}

bool IsPhoneShaped(std::string_view text) {
    std::size_t digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (IsDigit(c)) {
            ++digits;
        } else if (c == '+') {
            if (i != 0) return false;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return false;
        }
    }
    return digits >= 10 && digits <= 15;
}

bool IsIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!IsDigit(text[i])) return false;
    }
    const auto number = [&](std::size_t pos, std::size_t len) {
        int value = 0;
        for (std::size_t i = pos; i < pos + len; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    const int year = number(0, 4);
    const int month = number(5, 2);
    const int day = number(8, 2);
    if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days_in_month = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= days_in_month;
}

std::optional<std::string> ValidateAnswer(const Question& question, const nlohmann::json* value,
                                          const Facts& facts) {
    const std::vector<config::sop::Option>& options = ChoiceOptions(question, facts);
    const bool answered = value != nullptr && !value->is_null() &&
                          !(value->is_string() && value->get_ref<const std::string&>().empty()) &&
                          !(value->is_array() && value->empty());
    if (!answered) {
        if (!question.required) return std::nullopt;
        return config::sop::IsChoice(question.kind) ? "Please choose an answer."
                                                     : "Please answer this question.";
    }

    if (question.kind == QuestionKind::kMultiChoice) {
        if (!value->is_array()) return "Please choose from the list.";
        for (const auto& item : *value) {
            if (!item.is_string() || !HasOption(options, item.get<std::string>())) {
                return "Please choose from the list.";
            }
        }
        return std::nullopt;
    }
    if (!value->is_string()) return "Please answer this question again.";
    const std::string& text = value->get_ref<const std::string&>();

    switch (question.kind) {
        case QuestionKind::kYesNo:
        case QuestionKind::kSingleChoice:
            if (!HasOption(options, text)) return "Please choose one of the options.";
            return std::nullopt;
        case QuestionKind::kEmail:
            if (!IsEmailShaped(text)) return "Enter an email address like name@example.com.";
            break;
        case QuestionKind::kPhone:
            if (!IsPhoneShaped(text)) {
                return "Enter a phone number with area code (10 to 15 digits), like "
                       "(555) 123-4567.";
            }
            break;
        case QuestionKind::kDate:
            if (!IsIsoDate(text)) return "Pick a date.";
            return std::nullopt;
        case QuestionKind::kShortText:
        case QuestionKind::kLongText:
        case QuestionKind::kMultiChoice:
            break;
    }
    if (question.max_length > 0 &&
        block_kit::CountChars(text) > static_cast<std::size_t>(question.max_length)) {
        return "Please keep this under " + std::to_string(question.max_length) + " characters.";
    }
    return std::nullopt;
}

AnswerErrors ValidateStep(const config::sop::Sop& sop, const config::sop::Step& step,
                          const Answers& answers, const Facts& facts) {
    AnswerErrors errors;
    for (const Question* question : VisibleQuestions(sop, step, answers, facts)) {
        const nlohmann::json* value = nullptr;
        if (answers.is_object()) {
            const auto it = answers.find(question->id);
            if (it != answers.end()) value = &*it;
        }
        if (auto error = ValidateAnswer(*question, value, facts)) errors.emplace(question->id, *error);
    }
    return errors;
}

}  // namespace escbot::commands::escalation::flow
