#include "config/sop/sop_text.hpp"

namespace escbot::config::sop {
namespace {

std::string Joined(const std::vector<std::string>& values) {
    std::string text;
    for (const std::string& value : values) {
        if (!text.empty()) text += ", ";
        text += value;
    }
    return text;
}

std::string Combined(const std::vector<Condition>& children, const char* word) {
    std::string text = "(";
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (i > 0) text += std::string(" ") + word + " ";
        text += ConditionText(children[i]);
    }
    return text + ")";
}

}  // namespace

std::string ConditionText(const Condition& condition) {
    switch (condition.op) {
        case Condition::Op::kEquals:
            return condition.question + " = " +
                   (condition.values.empty() ? std::string() : condition.values.front());
        case Condition::Op::kAnyOf:
            return condition.question + " in {" + Joined(condition.values) + "}";
        case Condition::Op::kAnswered:
            return condition.question + (condition.expected ? " answered" : " not answered");
        case Condition::Op::kFact:
            return condition.expected ? condition.fact : "not " + condition.fact;
        case Condition::Op::kAll:
            return Combined(condition.children, "and");
        case Condition::Op::kAny:
            return Combined(condition.children, "or");
        case Condition::Op::kNot:
        {
            if (condition.children.empty()) return "not ()";
            const std::string inner = ConditionText(condition.children.front());
            return inner.starts_with('(') ? "not " + inner : "not (" + inner + ")";
        }
    }
    return {};
}

std::string_view OutcomeKindName(Outcome::Kind kind) {
    switch (kind) {
        case Outcome::Kind::kNotQualified: return "not_qualified";
        case Outcome::Kind::kExistingCase: return "existing_case";
        case Outcome::Kind::kFollowUp: return "follow_up";
        case Outcome::Kind::kLiveLadder: return "live_ladder";
    }
    return "unknown";
}

std::string RouteText(const Route& route) {
    std::string text = route.when ? "when " + ConditionText(*route.when) + ": " : std::string();
    return text + (route.next.empty() ? "outcome " + route.outcome : "step " + route.next);
}

}  // namespace escbot::config::sop
