#include "config/sop/sop_step_checks.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>

#include "config/sop/slack_limits.hpp"
#include "config/sop/sop_check.hpp"
#include "config/sop/sop_validator.hpp"

namespace escbot::config::sop::checks {
namespace {

class StepChecks : public SopCheck {
public:
    StepChecks(const Sop& sop, SopErrors& errors) : SopCheck(sop, errors) {}

    void CheckSteps() {
        std::map<std::string, int, std::less<>> step_ids;
        std::map<std::string, int, std::less<>> question_ids;
        for (const Step& step : sop_.steps) {
            const Place place{step.id, ""};
            CheckId(step.line, place, "step", step.id, step_ids);
            CheckText(step.line, place, "title", step.title, slack_limits::kModalTitle);
            CheckText(step.line, place, "submit", step.submit, slack_limits::kModalTitle);
            CheckText(step.line, place, "close", step.close, slack_limits::kModalTitle);
            CheckText(step.line, place, "intro", step.intro, slack_limits::kSectionText, false);
            if (!step.section.empty() && sop_.FindSection(step.section) == nullptr) {
                Add(step.line, place, "section \"" + step.section + "\" is not defined");
            }
            for (const std::string& note : step.notes) {
                if (sop_.FindNote(note) == nullptr) {
                    Add(step.line, place, "names unknown note \"" + note + "\"");
                }
            }
            for (const Question& question : step.questions) {
                CheckQuestion(step, question, question_ids);
            }
            if (step.show_if) CheckCondition(*step.show_if, place, step, nullptr, true);

            const std::size_t budget = ScreenBlockBudget(step);
            if (budget > slack_limits::kViewBlocks) {
                Add(step.line, place,
                    "the screen needs up to " + std::to_string(budget) +
                        " blocks; a modal holds at most " +
                        std::to_string(slack_limits::kViewBlocks) + ": split the step");
            }
            CheckRoutes(step);
        }
    }

    void CheckGraph() {
        if (sop_.FindStep(sop_.first_step) == nullptr) return;  // reported by CheckMeta

        std::set<std::string, std::less<>> reachable{sop_.first_step};
        std::deque<const Step*> queue{sop_.FindStep(sop_.first_step)};
        while (!queue.empty()) {
            const Step* step = queue.front();
            queue.pop_front();
            for (const Route& route : step->routes) {
                const Step* next = sop_.FindStep(route.next);
                if (next != nullptr && reachable.insert(next->id).second) queue.push_back(next);
            }
        }

        // Steps from which some outcome can be reached, grown backwards to a fixed point.
        std::set<std::string, std::less<>> finishing;
        bool grew = true;
        while (grew) {
            grew = false;
            for (const Step& step : sop_.steps) {
                if (finishing.count(step.id) != 0) continue;
                const bool finishes =
                    std::any_of(step.routes.begin(), step.routes.end(), [&](const Route& r) {
                        return (!r.outcome.empty() && sop_.FindOutcome(r.outcome) != nullptr) ||
                               finishing.count(r.next) != 0;
                    });
                if (finishes) grew = finishing.insert(step.id).second;
            }
        }

        for (const Step& step : sop_.steps) {
            const Place place{step.id, ""};
            if (reachable.count(step.id) == 0) {
                Add(step.line, place,
                    "unreachable: no route leads here from the first step \"" + sop_.first_step +
                        "\"");
            } else if (finishing.count(step.id) == 0 && !step.routes.empty()) {
                Add(step.line, place,
                    "no path from this step reaches an outcome (a cycle without exit or a dead "
                    "end)");
            }
        }
    }

private:
    void CheckCondition(const Condition& condition, const Place& place, const Step& step,
                        const Question* owner, bool step_level) {
        switch (condition.op) {
            case Condition::Op::kAll:
            case Condition::Op::kAny:
            case Condition::Op::kNot:
                for (const Condition& child : condition.children) {
                    CheckCondition(child, place, step, owner, step_level);
                }
                return;
            case Condition::Op::kFact: {
                const auto& facts = KnownFacts();
                if (std::find(facts.begin(), facts.end(), condition.fact) == facts.end()) {
                    Add(condition.line, place,
                        "condition names unknown fact \"" + condition.fact +
                            "\" (known: open_case_exists)");
                }
                return;
            }
            case Condition::Op::kEquals:
            case Condition::Op::kAnyOf:
            case Condition::Op::kAnswered:
                break;
        }
        const Question* target = sop_.FindQuestion(condition.question);
        if (target == nullptr) {
            Add(condition.line, place,
                "condition names unknown question \"" + condition.question + "\"");
            return;
        }
        if (target == owner) {
            Add(condition.line, place, "a question's show_if cannot depend on the question itself");
            return;
        }
        const Step* target_step = sop_.StepOfQuestion(condition.question);
        if (target_step != &step && !Reaches(*target_step, step)) {
            Add(condition.line, place,
                "condition names question \"" + condition.question + "\" of step \"" +
                    target_step->id + "\", which is never asked before this step");
        }
        if (step_level && target_step == &step) {
            Add(condition.line, place,
                "the step's show_if names question \"" + condition.question +
                    "\" of the same step, which is never answered when the step is entered");
        }
        if (owner != nullptr && target_step == &step) {
            const auto position = [&](const Question* q) { return q - step.questions.data(); };
            if (position(target) > position(owner)) {
                Add(condition.line, place,
                    "show_if names question \"" + condition.question +
                        "\", which comes after it on the same screen");
            }
        }
        if (condition.op == Condition::Op::kAnswered) return;
        if (!IsChoice(target->kind)) {
            Add(condition.line, place,
                "\"equals\"/\"any_of\" need a choice question; \"" + condition.question +
                    "\" is " + std::string(KindName(target->kind)) + " (use \"answered\")");
            return;
        }
        for (const std::string& value : condition.values) {
            const bool known = std::any_of(target->options.begin(), target->options.end(),
                                           [&](const Option& o) { return o.value == value; });
            if (!known) {
                Add(condition.line, place,
                    "condition names option \"" + value + "\" that question \"" +
                        condition.question + "\" does not have");
            }
        }
    }

    void CheckQuestion(const Step& step, const Question& question,
                       std::map<std::string, int, std::less<>>& seen) {
        const Place place{step.id, question.id};
        CheckId(question.line, place, "question", question.id, seen);
        CheckText(question.line, place, "label", question.label, slack_limits::kLabel);
        CheckText(question.line, place, "hint", question.hint, slack_limits::kLabel, false);
        CheckText(question.line, place, "placeholder", question.placeholder,
                  slack_limits::kPlaceholder, false);

        const std::string& section = question.section.empty() ? step.section : question.section;
        if (section.empty()) {
            Add(question.line, place, "has no section (set \"section\" on the step or question)");
        } else if (sop_.FindSection(section) == nullptr) {
            Add(question.line, place, "section \"" + section + "\" is not defined in [[sections]]");
        }

        if (IsChoice(question.kind)) {
            if (question.options.empty() && question.options_from != kOptionsFromOpenCases) {
                Add(question.line, place, "a choice question needs \"options\" or \"options_from\"");
            }
            if (question.options.size() > slack_limits::kSelectOptions) {
                Add(question.line, place,
                    "has " + std::to_string(question.options.size()) +
                        " options; a select menu holds at most " +
                        std::to_string(slack_limits::kSelectOptions));
            }
            std::map<std::string, int, std::less<>> values;
            for (const Option& option : question.options) {
                CheckId(question.line, place, "option", option.value, values);
                CheckText(question.line, place, "option \"" + option.value + "\" label",
                          option.label, slack_limits::kOptionText);
            }
            if (question.max_length != 0) {
                Add(question.line, place, "\"max_length\" applies to text questions only");
            }
        } else {
            if (!question.options.empty() || !question.options_from.empty()) {
                Add(question.line, place,
                    std::string(KindName(question.kind)) + " questions take no options");
            }
            if (question.kind == QuestionKind::kDate) {
                if (question.max_length != 0) {
                    Add(question.line, place, "\"max_length\" applies to text questions only");
                }
            } else if (question.max_length < 1 ||
                       question.max_length > static_cast<int>(slack_limits::kTextInputMax)) {
                Add(question.line, place,
                    "max_length " + std::to_string(question.max_length) + " is outside 1-" +
                        std::to_string(slack_limits::kTextInputMax));
            }
        }
        if (question.show_if) CheckCondition(*question.show_if, place, step, &question, false);
    }

    void CheckRoutes(const Step& step) {
        const Place place{step.id, ""};
        if (step.routes.empty()) {
            Add(step.line, place, "dead end: the step has no \"next\", \"outcome\" or routes");
            return;
        }
        bool unconditional_seen = false;
        for (const Route& route : step.routes) {
            if (unconditional_seen) {
                Add(route.line, place, "this route is never used: an earlier route has no \"when\"");
            }
            if (!route.when) unconditional_seen = true;
            if (route.when) CheckCondition(*route.when, place, step, nullptr, false);
            if (!route.next.empty() && sop_.FindStep(route.next) == nullptr) {
                Add(route.line, place, "route goes to unknown step \"" + route.next + "\"");
            }
            if (!route.outcome.empty() && sop_.FindOutcome(route.outcome) == nullptr) {
                Add(route.line, place, "route ends in unknown outcome \"" + route.outcome + "\"");
            }
            CheckText(route.line, place, "route reason", route.reason, slack_limits::kSectionText,
                      false);
        }
        if (!unconditional_seen) {
            Add(step.routes.back().line, place,
                "dead end: every route has a \"when\", so none may match; end with a route "
                "without \"when\"");
        }
    }

    /// Whether a flow at `from` can later arrive at `to` (through any routes).
    bool Reaches(const Step& from, const Step& to) {
        auto [it, inserted] = reach_.try_emplace(from.id);
        if (inserted) {
            std::deque<const Step*> queue{&from};
            while (!queue.empty()) {
                const Step* step = queue.front();
                queue.pop_front();
                for (const Route& route : step->routes) {
                    const Step* next = sop_.FindStep(route.next);
                    if (next != nullptr && it->second.insert(next->id).second) {
                        queue.push_back(next);
                    }
                }
            }
        }
        return it->second.count(to.id) != 0;
    }

    std::map<std::string, std::set<std::string>, std::less<>> reach_;
};

}  // namespace

void CheckSteps(const Sop& sop, SopErrors& errors) { StepChecks(sop, errors).CheckSteps(); }

void CheckGraph(const Sop& sop, SopErrors& errors) { StepChecks(sop, errors).CheckGraph(); }

}  // namespace escbot::config::sop::checks
