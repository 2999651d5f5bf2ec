#include "commands/escalation/flow/engine.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "commands/escalation/flow/ladder.hpp"

namespace escbot::commands::escalation::flow {

using config::sop::Condition;
using config::sop::Outcome;
using config::sop::Question;
using config::sop::Route;
using config::sop::Sop;
using config::sop::Step;

namespace {

void CollectFacts(const Condition& condition, std::set<std::string>& facts) {
    if (condition.op == Condition::Op::kFact) facts.insert(condition.fact);
    for (const Condition& child : condition.children) CollectFacts(child, facts);
}

void CollectQuestions(const Condition& condition, std::set<std::string>& questions) {
    if (!condition.question.empty()) questions.insert(condition.question);
    for (const Condition& child : condition.children) CollectQuestions(child, questions);
}

FlowResult Ended(const Sop& sop, const Outcome& outcome, const Route& route, Answers answers) {
    FlowResult result;
    result.kind = FlowResult::Kind::kOutcome;
    result.outcome = &outcome;
    result.reason = route.reason;
    if (outcome.kind == Outcome::Kind::kLiveLadder) result.ladder_entry = EntryTier(sop, answers);
    result.answers = std::move(answers);
    return result;
}

const Route* FirstMatchingRoute(const Step& step, const Answers& answers, const Facts& facts) {
    for (const Route& route : step.routes) {
        if (!route.when || Evaluate(*route.when, answers, facts)) return &route;
    }
    return nullptr;
}

/// Follows routes from `step` (already answered or skipped) to the next shown step or an outcome.
FlowResult Follow(const Sop& sop, const Step& from, Answers answers, const Facts& facts) {
    const Step* step = &from;
    // A valid SOP reaches an outcome, but conditions could loop through skipped steps.
    for (std::size_t hops = 0; hops <= sop.steps.size() * 2; ++hops) {
        const Route* route = FirstMatchingRoute(*step, answers, facts);
        if (route == nullptr) {
            throw std::logic_error("SOP " + sop.version + ": no route matches at step " + step->id);
        }
        if (!route->outcome.empty()) {
            return Ended(sop, *sop.FindOutcome(route->outcome), *route, std::move(answers));
        }
        step = sop.FindStep(route->next);
        if (step->show_if && !Evaluate(*step->show_if, answers, facts)) {
            for (const Question& question : step->questions) answers.erase(question.id);
            continue;  // skipped: follow its routes
        }
        FlowResult result;
        result.kind = FlowResult::Kind::kScreen;
        result.step = step;
        result.answers = std::move(answers);
        return result;
    }
    throw std::logic_error("SOP " + sop.version + ": routing loops through skipped steps at " +
                           step->id);
}

/// Removes answers to the step's questions that are hidden now.
Answers DropHidden(const Sop& sop, const Step& step, Answers answers, const Facts& facts) {
    // Visibility can chain (a hidden question hides those that depend on it): repeat until stable.
    for (std::size_t round = 0; round <= step.questions.size(); ++round) {
        bool changed = false;
        for (const Question& question : step.questions) {
            if (question.show_if && !Evaluate(*question.show_if, answers, facts) &&
                answers.contains(question.id)) {
                answers.erase(question.id);
                changed = true;
            }
        }
        if (!changed) break;
    }
    (void)sop;
    return answers;
}

}  // namespace

std::vector<const Question*> VisibleQuestions(const Sop& sop, const Step& step,
                                              const Answers& answers, const Facts& facts) {
    const Answers current = DropHidden(sop, step, answers.is_object() ? answers : Answers::object(),
                                       facts);
    std::vector<const Question*> visible;
    for (const Question& question : step.questions) {
        if (!question.show_if || Evaluate(*question.show_if, current, facts)) {
            visible.push_back(&question);
        }
    }
    return visible;
}

FlowResult Start(const Sop& sop, const Answers& prefill, const Facts& facts) {
    const Step* first = sop.FindStep(sop.first_step);
    if (first == nullptr) throw std::logic_error("SOP " + sop.version + " has no first step");
    Answers answers = prefill.is_object() ? prefill : Answers::object();
    if (first->show_if && !Evaluate(*first->show_if, answers, facts)) {
        return Follow(sop, *first, std::move(answers), facts);
    }
    FlowResult result;
    result.kind = FlowResult::Kind::kScreen;
    result.step = first;
    result.answers = std::move(answers);
    return result;
}

FlowResult Submit(const Sop& sop, std::string_view current_step, const Answers& so_far,
                  const Answers& submitted, const Facts& facts) {
    FlowResult result;
    result.answers = so_far.is_object() ? so_far : Answers::object();
    const Step* step = sop.FindStep(current_step);
    if (step == nullptr) return result;  // kStale
    if (submitted.is_object()) {
        for (const auto& [key, value] : submitted.items()) {
            if (sop.StepOfQuestion(key) != step) return result;  // a view of another step
        }
    }

    Answers merged = DropHidden(sop, *step, MergeAnswers(so_far, submitted), facts);
    const std::vector<const Question*> visible = VisibleQuestions(sop, *step, merged, facts);
    const bool revealed = std::any_of(visible.begin(), visible.end(), [&](const Question* q) {
        return !submitted.is_object() || !submitted.contains(q->id);
    });
    result.step = step;
    if (revealed) {
        result.kind = FlowResult::Kind::kScreen;
        result.revealed = true;
        result.answers = std::move(merged);
        return result;
    }
    AnswerErrors errors = ValidateStep(sop, *step, merged, facts);
    if (!errors.empty()) {
        result.kind = FlowResult::Kind::kInvalid;
        result.errors = std::move(errors);
        result.answers = std::move(merged);
        return result;
    }
    return Follow(sop, *step, std::move(merged), facts);
}

std::vector<std::string> FactsNeeded(const Sop& sop, std::string_view step_id) {
    std::set<std::string> facts;
    std::set<std::string> visited;
    std::vector<const Step*> pending;
    const auto visit_routes = [&](const Step& step) {
        for (const Route& route : step.routes) {
            if (route.when) CollectFacts(*route.when, facts);
            const Step* next = sop.FindStep(route.next);
            if (next != nullptr) {
                if (next->show_if) CollectFacts(*next->show_if, facts);
                // Only a step that may be skipped passes control on without a screen.
                if (next->show_if && visited.insert(next->id).second) pending.push_back(next);
            }
        }
    };
    const Step* step = sop.FindStep(step_id);
    if (step == nullptr) return {};
    for (const Question& question : step->questions) {
        if (question.show_if) CollectFacts(*question.show_if, facts);
    }
    visited.insert(step->id);
    visit_routes(*step);
    while (!pending.empty()) {
        const Step* next = pending.back();
        pending.pop_back();
        visit_routes(*next);
    }
    return {facts.begin(), facts.end()};
}

std::vector<std::string> ConditionSources(const Step& step) {
    std::set<std::string> referenced;
    for (const Question& question : step.questions) {
        if (question.show_if) CollectQuestions(*question.show_if, referenced);
    }
    std::vector<std::string> sources;
    for (const Question& question : step.questions) {
        if (referenced.count(question.id) != 0) sources.push_back(question.id);
    }
    return sources;
}

}  // namespace escbot::commands::escalation::flow
