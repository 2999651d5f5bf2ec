#include "config/sop/condition_parser.hpp"

#include <string>
#include <utility>
#include <vector>

namespace escbot::config::sop::parsing {
namespace {

std::vector<Condition> ParseConditionList(const toml::array& array, ErrorSink& sink,
                                          const Place& place) {
    std::vector<Condition> out;
    for (const toml::node& item : array) {
        if (auto child = ParseCondition(item, sink, place, "a condition")) {
            out.push_back(std::move(*child));
        }
    }
    return out;
}

}  // namespace

std::optional<Condition> ParseCondition(const toml::node& node, ErrorSink& sink,
                                        const Place& place, std::string_view what) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        sink.Add(LineOf(node), place,
                 std::string(what) + " must be a table, found " + std::string(TypeName(node)));
        return std::nullopt;
    }
    TableReader reader(*table, sink, place, "a condition");
    Condition condition;
    condition.line = LineOf(node);

    const auto question = reader.String("question");
    const auto fact = reader.String("fact");
    const toml::node* equals = reader.Get("equals");
    const toml::array* any_of = reader.Array("any_of");
    const auto answered = reader.Bool("answered");
    const toml::array* all = reader.Array("all");
    const toml::array* any = reader.Array("any");
    const toml::node* negated = reader.Get("not");
    reader.Finish();

    const int forms = int(question.has_value()) + int(fact.has_value()) + int(all != nullptr) +
                      int(any != nullptr) + int(negated != nullptr);
    if (forms != 1) {
        reader.Error(condition.line,
                     "a condition needs exactly one of \"question\", \"fact\", \"all\", \"any\", "
                     "\"not\"");
        return std::nullopt;
    }
    if (all != nullptr || any != nullptr) {
        condition.op = all != nullptr ? Condition::Op::kAll : Condition::Op::kAny;
        condition.children = ParseConditionList(all != nullptr ? *all : *any, sink, place);
        if (condition.children.empty()) {
            reader.Error(condition.line, "\"all\"/\"any\" needs at least one condition");
            return std::nullopt;
        }
        return condition;
    }
    if (negated != nullptr) {
        auto child = ParseCondition(*negated, sink, place, "\"not\"");
        if (!child) return std::nullopt;
        condition.op = Condition::Op::kNot;
        condition.children.push_back(std::move(*child));
        return condition;
    }
    if (fact) {
        if (equals != nullptr || any_of != nullptr || answered) {
            reader.Error(condition.line, "a \"fact\" condition takes no other key");
            return std::nullopt;
        }
        condition.op = Condition::Op::kFact;
        condition.fact = *fact;
        return condition;
    }

    condition.question = *question;
    const int tests = int(equals != nullptr) + int(any_of != nullptr) + int(answered.has_value());
    if (tests != 1) {
        reader.Error(condition.line,
                     "a \"question\" condition needs exactly one of \"equals\", \"any_of\", "
                     "\"answered\"");
        return std::nullopt;
    }
    if (equals != nullptr) {
        const auto* value = equals->as_string();
        if (value == nullptr) {
            reader.Error(LineOf(*equals), "\"equals\" must be a string (an option value), found " +
                                              std::string(TypeName(*equals)));
            return std::nullopt;
        }
        condition.op = Condition::Op::kEquals;
        condition.values.push_back(value->get());
    } else if (any_of != nullptr) {
        condition.op = Condition::Op::kAnyOf;
        for (const toml::node& item : *any_of) {
            if (const auto* value = item.as_string()) {
                condition.values.push_back(value->get());
            } else {
                reader.Error(LineOf(item), "\"any_of\" must hold strings, found " +
                                               std::string(TypeName(item)));
            }
        }
        if (condition.values.empty()) {
            reader.Error(condition.line, "\"any_of\" needs at least one value");
            return std::nullopt;
        }
    } else {
        condition.op = Condition::Op::kAnswered;
        condition.expected = *answered;
    }
    return condition;
}

}  // namespace escbot::config::sop::parsing
