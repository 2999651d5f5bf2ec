#include "commands/escalation/flow/conditions.hpp"

#include <algorithm>

namespace escbot::commands::escalation::flow {

using config::sop::Condition;

bool Facts::Holds(std::string_view fact) const {
    if (fact == config::sop::kFactOpenCaseExists) return open_case_exists;
    return false;
}

const std::vector<config::sop::Option>& ChoiceOptions(const config::sop::Question& question,
                                                      const Facts& facts) {
    if (question.options_from == config::sop::kOptionsFromOpenCases) return facts.open_cases;
    return question.options;
}

bool Evaluate(const Condition& condition, const Answers& answers, const Facts& facts) {
    switch (condition.op) {
        case Condition::Op::kAll:
            return std::all_of(condition.children.begin(), condition.children.end(),
                               [&](const Condition& c) { return Evaluate(c, answers, facts); });
        case Condition::Op::kAny:
            return std::any_of(condition.children.begin(), condition.children.end(),
                               [&](const Condition& c) { return Evaluate(c, answers, facts); });
        case Condition::Op::kNot:
            return !condition.children.empty() &&
                   !Evaluate(condition.children.front(), answers, facts);
        case Condition::Op::kFact:
            return facts.Holds(condition.fact);
        case Condition::Op::kAnswered:
            return IsAnswered(answers, condition.question) == condition.expected;
        case Condition::Op::kEquals:
        case Condition::Op::kAnyOf: {
            const std::vector<std::string> given = AnswerValues(answers, condition.question);
            return std::any_of(given.begin(), given.end(), [&](const std::string& value) {
                return std::find(condition.values.begin(), condition.values.end(), value) !=
                       condition.values.end();
            });
        }
    }
    return false;
}

}  // namespace escbot::commands::escalation::flow
