#include "config/sop/sop_diff.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include "config/sop/sop_text.hpp"

namespace escbot::config::sop {
namespace {

constexpr std::size_t kShownChars = 70;

/// A wording value short enough for one report line, quoted.
std::string Shown(const std::string& text) {
    std::string flat = text;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    if (flat.size() > kShownChars) flat = flat.substr(0, kShownChars - 3) + "...";
    return "\"" + flat + "\"";
}

std::string Named(const char* what, const std::string& id) { return std::string(what) + " \"" + id + "\""; }

std::string OptionalText(const std::optional<Condition>& condition) {
    return condition ? ConditionText(*condition) : "always";
}

std::string OptionalText(const std::optional<Duration>& duration) {
    return duration ? ToText(*duration) : "none";
}

/// Two wordings shown from a little before where they first differ, so that a change late in a
/// long text is visible on one line.
std::pair<std::string, std::string> ShownChange(const std::string& before, const std::string& after) {
    constexpr std::size_t kContext = 20;
    const auto first_difference = static_cast<std::size_t>(
        std::mismatch(before.begin(), before.begin() + std::min(before.size(), after.size()), after.begin())
            .first -
        before.begin());
    if (first_difference <= kContext) return {Shown(before), Shown(after)};
    const std::size_t from = first_difference - kContext;
    return {"..." + Shown(before.substr(from)), "..." + Shown(after.substr(from))};
}

/// Appends "~ <what>: <field> <before> -> <after>" when the two differ.
void Compare(std::vector<std::string>& out, const std::string& what, const char* field,
             const std::string& before, const std::string& after, bool quote = false) {
    if (before == after) return;
    const auto [old_text, new_text] = quote ? ShownChange(before, after) : std::pair{before, after};
    out.push_back("~ " + what + ": " + field + " " + old_text + " -> " + new_text);
}

/// Added and removed ids of two keyed collections, in the order of each file.
template <typename T>
void AddedRemoved(std::vector<std::string>& out, const std::vector<T>& before,
                  const std::vector<T>& after, const char* what,
                  std::string (*describe)(const T&)) {
    auto has = [](const std::vector<T>& items, const std::string& id) {
        return std::any_of(items.begin(), items.end(), [&](const T& i) { return i.id == id; });
    };
    for (const T& item : before) {
        if (!has(after, item.id)) out.push_back("- " + Named(what, item.id));
    }
    for (const T& item : after) {
        if (!has(before, item.id)) out.push_back("+ " + Named(what, item.id) + describe(item));
    }
}

template <typename T>
const T* Find(const std::vector<T>& items, const std::string& id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& i) { return i.id == id; });
    return it == items.end() ? nullptr : &*it;
}

std::string DescribeStep(const Step& step) { return ": " + Shown(step.title); }
std::string DescribeOutcome(const Outcome& o) { return " (" + std::string(OutcomeKindName(o.kind)) + ")"; }
std::string DescribeNote(const Note& note) { return ": " + Shown(note.text); }
std::string DescribeTier(const LadderTier& tier) { return ": " + Shown(tier.name); }
std::string DescribeQualifier(const Qualifier& q) { return ": " + Shown(q.label); }

std::string OptionValues(const Question& question) {
    std::string text = question.options_from.empty() ? "" : "from " + question.options_from + " ";
    for (const Option& option : question.options) text += option.value + " ";
    return text.empty() ? "none" : text.substr(0, text.size() - 1);
}

void DiffQuestion(SopDiff& diff, const Question& a, const Question& b, const std::string& step_a,
                  const std::string& step_b) {
    const std::string what = Named("question", b.id);
    Compare(diff.questions, what, "step", step_a, step_b);
    Compare(diff.questions, what, "kind", std::string(KindName(a.kind)), std::string(KindName(b.kind)));
    Compare(diff.questions, what, "required", a.required ? "yes" : "no", b.required ? "yes" : "no");
    Compare(diff.questions, what, "options", OptionValues(a), OptionValues(b));
    Compare(diff.questions, what, "shown if", OptionalText(a.show_if), OptionalText(b.show_if));
    Compare(diff.questions, what, "max length", std::to_string(a.max_length), std::to_string(b.max_length));
    Compare(diff.wording, what, "label", a.label, b.label, true);
    Compare(diff.wording, what, "hint", a.hint, b.hint, true);
    Compare(diff.wording, what, "placeholder", a.placeholder, b.placeholder, true);
    for (const Option& option : b.options) {
        auto old = std::find_if(a.options.begin(), a.options.end(),
                                [&](const Option& o) { return o.value == option.value; });
        if (old != a.options.end()) {
            Compare(diff.wording, what + " option \"" + option.value + "\"", "label", old->label,
                    option.label, true);
        }
    }
}

void DiffQuestions(SopDiff& diff, const Sop& before, const Sop& after) {
    for (const Step& step : before.steps) {
        for (const Question& q : step.questions) {
            if (after.FindQuestion(q.id) == nullptr) {
                diff.questions.push_back("- " + Named("question", q.id) + " (was in step \"" +
                                         step.id + "\")");
            }
        }
    }
    for (const Step& step : after.steps) {
        for (const Question& q : step.questions) {
            const Question* old = before.FindQuestion(q.id);
            if (old == nullptr) {
                diff.questions.push_back("+ " + Named("question", q.id) + " in step \"" + step.id +
                                         "\" (" + std::string(KindName(q.kind)) + "): " + Shown(q.label));
            } else {
                DiffQuestion(diff, *old, q, before.StepOfQuestion(q.id)->id, step.id);
            }
        }
    }
    AddedRemoved(diff.questions, before.qualifiers, after.qualifiers, "qualifier", DescribeQualifier);
    for (const Qualifier& q : after.qualifiers) {
        if (const Qualifier* old = Find(before.qualifiers, q.id)) {
            Compare(diff.wording, Named("qualifier", q.id), "label", old->label, q.label, true);
        }
    }
}

void DiffSteps(SopDiff& diff, const Sop& before, const Sop& after) {
    Compare(diff.routes, "the flow", "first step", before.first_step, after.first_step);
    AddedRemoved(diff.routes, before.steps, after.steps, "step", DescribeStep);
    for (const Step& step : after.steps) {
        const Step* old = Find(before.steps, step.id);
        if (old == nullptr) continue;
        const std::string what = Named("step", step.id);
        Compare(diff.routes, what, "shown if", OptionalText(old->show_if), OptionalText(step.show_if));
        std::vector<std::string> old_routes, new_routes;
        for (const Route& r : old->routes) old_routes.push_back(RouteText(r));
        for (const Route& r : step.routes) new_routes.push_back(RouteText(r));
        if (old_routes != new_routes) {
            diff.routes.push_back("~ " + what + ": routes");
            for (const std::string& r : old_routes) diff.routes.push_back("    was: " + r);
            for (const std::string& r : new_routes) diff.routes.push_back("    now: " + r);
        }
        Compare(diff.wording, what, "title", old->title, step.title, true);
        Compare(diff.wording, what, "intro", old->intro, step.intro, true);
        Compare(diff.wording, what, "submit", old->submit, step.submit, true);
        Compare(diff.wording, what, "close", old->close, step.close, true);
    }
}

void DiffOutcomes(SopDiff& diff, const Sop& before, const Sop& after) {
    AddedRemoved(diff.routes, before.outcomes, after.outcomes, "outcome", DescribeOutcome);
    for (const Outcome& o : after.outcomes) {
        const Outcome* old = Find(before.outcomes, o.id);
        if (old == nullptr) continue;
        const std::string what = Named("outcome", o.id);
        Compare(diff.routes, what, "kind", std::string(OutcomeKindName(old->kind)),
                std::string(OutcomeKindName(o.kind)));
        Compare(diff.timings, what, "due soon after", OptionalText(old->due_soon), OptionalText(o.due_soon));
        Compare(diff.timings, what, "due after", OptionalText(old->due), OptionalText(o.due));
        Compare(diff.timings, what, "an update restarts the promise",
                old->update_restarts_promise ? "yes" : "no", o.update_restarts_promise ? "yes" : "no");
        Compare(diff.wording, what, "title", old->title, o.title, true);
        Compare(diff.wording, what, "advice", old->advice, o.advice, true);
        Compare(diff.wording, what, "script", old->script, o.script);
        Compare(diff.wording, what, "request type", old->request_type, o.request_type, true);
        Compare(diff.wording, what, "assigned to", old->assign_to, o.assign_to, true);
    }
    AddedRemoved(diff.wording, before.notes, after.notes, "note", DescribeNote);
    for (const Note& note : after.notes) {
        if (const Note* old = Find(before.notes, note.id)) {
            Compare(diff.wording, Named("note", note.id), "title", old->title, note.title, true);
            Compare(diff.wording, Named("note", note.id), "text", old->text, note.text, true);
        }
    }
}

std::string EntryText(const std::map<std::string, std::string>& entry) {
    std::string text;
    for (const auto& [origin, tier] : entry) text += (text.empty() ? "" : ", ") + origin + " -> " + tier;
    return text.empty() ? "first tier" : text;
}

void DiffLadder(SopDiff& diff, const Ladder& before, const Ladder& after) {
    Compare(diff.timings, "the ladder", "window", std::to_string(before.window_seconds) + " s",
            std::to_string(after.window_seconds) + " s");
    AddedRemoved(diff.routes, before.tiers, after.tiers, "tier", DescribeTier);
    std::vector<std::string> old_order, new_order;
    for (const LadderTier& t : before.tiers) old_order.push_back(t.id);
    for (const LadderTier& t : after.tiers) new_order.push_back(t.id);
    std::string old_text, new_text;
    for (const std::string& id : old_order) old_text += (old_text.empty() ? "" : " > ") + id;
    for (const std::string& id : new_order) new_text += (new_text.empty() ? "" : " > ") + id;
    Compare(diff.routes, "the ladder", "order", old_text, new_text);
    Compare(diff.routes, "the ladder", "entry", EntryText(before.entry), EntryText(after.entry));
    for (const LadderTier& tier : after.tiers) {
        const LadderTier* old = Find(before.tiers, tier.id);
        if (old == nullptr) continue;
        const std::string what = Named("tier", tier.id);
        Compare(diff.routes, what, "rotation", old->rotation, tier.rotation);
        Compare(diff.routes, what, "skipped when no one is on duty",
                old->skip_when_no_one_on_duty ? "yes" : "no", tier.skip_when_no_one_on_duty ? "yes" : "no");
        Compare(diff.timings, what, "window", std::to_string(old->window_seconds) + " s",
                std::to_string(tier.window_seconds) + " s");
        Compare(diff.wording, what, "name", old->name, tier.name, true);
        Compare(diff.wording, what, "skill", old->skill, tier.skill, true);
        Compare(diff.wording, what, "instructions", old->instructions, tier.instructions, true);
    }
}

void WriteGroup(std::ostream& out, const char* heading, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out << "\n" << heading << " (" << lines.size() << ")\n";
    for (const std::string& line : lines) out << "  " << line << "\n";
}

}  // namespace

SopDiff DiffSops(const Sop& before, const Sop& after) {
    SopDiff diff;
    Compare(diff.wording, "the SOP", "title", before.title, after.title, true);
    DiffQuestions(diff, before, after);
    DiffSteps(diff, before, after);
    DiffOutcomes(diff, before, after);
    DiffLadder(diff, before.ladder, after.ladder);
    return diff;
}

std::string DiffReport(const Sop& before, const Sop& after, const SopDiff& diff) {
    std::ostringstream out;
    out << before.id << " SOP " << before.version << " (" << before.file << ") -> " << after.id
        << " SOP " << after.version << " (" << after.file << ")\n";
    if (diff.Empty()) {
        out << "No change in questions, routes, timings or wording.\n";
        return out.str();
    }
    WriteGroup(out, "Questions", diff.questions);
    WriteGroup(out, "Steps and routes", diff.routes);
    WriteGroup(out, "Timings", diff.timings);
    WriteGroup(out, "Wording", diff.wording);
    return out.str();
}

}  // namespace escbot::config::sop
