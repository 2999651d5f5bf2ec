#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/flow/conditions.hpp"
#include "config/sop/sop.hpp"

namespace escbot::commands::escalation::flow {

/// Problems with a step's answers, keyed by question id; the text is shown under the input.
using AnswerErrors = std::map<std::string, std::string>;

/// Checks the answers to the step's visible questions: required ones answered, values of the
/// right type, options that exist, texts within max_length, email / phone / date shapes.
/// Hidden questions are not checked. Pure.
AnswerErrors ValidateStep(const config::sop::Sop& sop, const config::sop::Step& step,
                          const Answers& answers, const Facts& facts);

/// The error for one answer (nullptr when unanswered), or nullopt when it is acceptable.
/// A choice must be one of ChoiceOptions(question, facts).
std::optional<std::string> ValidateAnswer(const config::sop::Question& question,
                                          const nlohmann::json* value, const Facts& facts = {});

/// name@example.com: one @, no spaces, a dotted domain.
bool IsEmailShaped(std::string_view text);
/// 10 to 15 digits, written with digits, spaces, ( ) - . and an optional leading +.
bool IsPhoneShaped(std::string_view text);
/// A real calendar date written YYYY-MM-DD (years 1900-2199).
bool IsIsoDate(std::string_view text);

}  // namespace escbot::commands::escalation::flow
