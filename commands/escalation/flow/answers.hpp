#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::commands::escalation::flow {

/// Answers keyed by question id: a string for single-valued kinds (yes_no answers "yes"/"no",
/// choices their option value, dates YYYY-MM-DD), an array of strings for multi_choice. A
/// question without an answer has no key. Personal data: store in the database only, never log.
using Answers = nlohmann::json;

/// True when the question has a non-empty answer.
bool IsAnswered(const Answers& answers, std::string_view question_id);
/// The answer as a string; "" when absent or not a string.
std::string AnswerText(const Answers& answers, std::string_view question_id);
/// The answer as a list: the array's strings, or the single string; empty when absent.
std::vector<std::string> AnswerValues(const Answers& answers, std::string_view question_id);

/// `so_far` updated with `submitted`: texts are trimmed; a null, blank or empty-array submitted
/// value removes the answer; keys of `so_far` not submitted are kept. Non-object inputs count
/// as empty. Pure.
Answers MergeAnswers(const Answers& so_far, const Answers& submitted);

}  // namespace escbot::commands::escalation::flow
