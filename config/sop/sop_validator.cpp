#include "config/sop/sop_validator.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "config/sop/slack_limits.hpp"

namespace escbot::config::sop {
namespace {

constexpr std::size_t kMaxIdLength = 64;  // ids become block ids "q_<id>" (Slack: <= 255)
constexpr int kMaxWindowSeconds = 600;

/// Characters as Slack counts them in its limits (code points), not bytes.
std::size_t Chars(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

bool IsValidId(std::string_view id) {
    if (id.empty() || id.size() > kMaxIdLength) return false;
    if (id[0] < 'a' || id[0] > 'z') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool IsValidVersion(std::string_view version) {
    if (version.empty() || version.size() > kMaxIdLength) return false;
    return std::all_of(version.begin(), version.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '_' || c == '+';
    });
}

struct Place {
    std::string step;
    std::string question;
};

class Validator {
public:
    explicit Validator(const Sop& sop) : sop_(sop) {}

    SopErrors Run() {
        CheckMeta();
        CheckSections();
        CheckQualifiers();
        CheckNotes();
        CheckSteps();
        CheckOutcomes();
        CheckLadder();
        CheckFields();
        CheckGraph();
        return std::move(errors_);
    }

private:
    void Add(int line, const Place& place, std::string message) {
        errors_.push_back({sop_.file, line, place.step, place.question, std::move(message)});
    }

    /// Reports an empty (when required) or too long text.
    void CheckText(int line, const Place& place, std::string_view what, std::string_view text,
                   std::size_t max, bool required = true) {
        if (required && text.empty()) {
            Add(line, place, std::string(what) + " is empty");
            return;
        }
        const std::size_t chars = Chars(text);
        if (chars > max) {
            Add(line, place,
                std::string(what) + " has " + std::to_string(chars) +
                    " characters; Slack allows " + std::to_string(max));
        }
    }

    void CheckId(int line, const Place& place, std::string_view what, std::string_view id,
                 std::map<std::string, int, std::less<>>& seen) {
        if (!IsValidId(id)) {
            Add(line, place,
                std::string(what) + " id \"" + std::string(id) +
                    "\" must be 1-64 characters of a-z, 0-9 and _ starting with a letter");
        }
        const auto [it, inserted] = seen.emplace(std::string(id), line);
        if (!inserted) {
            Add(line, place,
                "duplicate " + std::string(what) + " id \"" + std::string(id) +
                    "\" (first defined on line " + std::to_string(it->second) + ")");
        }
    }

    void CheckMeta() {
        if (!IsValidId(sop_.id)) Add(sop_.line, {}, "[sop] id \"" + sop_.id + "\" is not a valid id");
        if (!IsValidVersion(sop_.version)) {
            Add(sop_.line, {}, "[sop] version \"" + sop_.version +
                           "\" must be 1-64 characters of letters, digits and . - _ +");
        }
        if (sop_.FindStep(sop_.first_step) == nullptr) {
            Add(sop_.line, {}, "[sop] first_step \"" + sop_.first_step + "\" names no step");
        }
    }

    void CheckSections() {
        std::map<std::string, int, std::less<>> seen;
        for (const Section& section : sop_.sections) {
            CheckId(section.line, {}, "section", section.id, seen);
            CheckText(section.line, {}, "section \"" + section.id + "\" title", section.title,
                      slack_limits::kHeaderText);
        }
    }

    void CheckQualifiers() {
        std::map<std::string, int, std::less<>> seen;
        for (const Qualifier& qualifier : sop_.qualifiers) {
            CheckId(qualifier.line, {}, "qualifier", qualifier.id, seen);
            CheckText(qualifier.line, {}, "qualifier \"" + qualifier.id + "\" label",
                      qualifier.label, slack_limits::kOptionText);
        }
        if (sop_.qualifiers.size() > slack_limits::kSelectOptions) {
            Add(0, {}, "more than " + std::to_string(slack_limits::kSelectOptions) +
                           " qualifiers: a select menu holds at most that many options");
        }
    }

    void CheckNotes() {
        std::map<std::string, int, std::less<>> seen;
        for (const Note& note : sop_.notes) {
            CheckId(note.line, {}, "note", note.id, seen);
            CheckText(note.line, {}, "note \"" + note.id + "\" title", note.title,
                      slack_limits::kHeaderText, false);
            // A note renders as one section block: title and text together stay within 3000.
            CheckText(note.line, {}, "note \"" + note.id + "\" text", note.text,
                      slack_limits::kSectionText - Chars(note.title) - 16);
        }
    }

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
            if (question.options.empty()) {
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

    void CheckOutcomes() {
        std::map<std::string, int, std::less<>> seen;
        for (const Outcome& outcome : sop_.outcomes) {
            const std::string what = "outcome \"" + outcome.id + "\"";
            CheckId(outcome.line, {}, "outcome", outcome.id, seen);
            CheckText(outcome.line, {}, what + " title", outcome.title, slack_limits::kModalTitle);
            CheckText(outcome.line, {}, what + " advice", outcome.advice,
                      slack_limits::kSectionText);
            if (!outcome.script.empty()) {
                const Note* note = sop_.FindNote(outcome.script);
                if (note == nullptr) {
                    Add(outcome.line, {}, what + " names unknown script note \"" + outcome.script +
                                              "\"");
                } else if (note->kind != Note::Kind::kScript) {
                    Add(outcome.line, {}, what + " script \"" + outcome.script +
                                              "\" is not a note of kind \"script\"");
                }
            }
            if (outcome.kind == Outcome::Kind::kFollowUp) {
                if (outcome.follow_up_hours < 1) {
                    Add(outcome.line, {}, what + " needs \"follow_up_hours\" of at least 1");
                }
                if (outcome.request_type.empty()) {
                    Add(outcome.line, {}, what + " needs a \"request_type\"");
                }
            }
            if (outcome.kind == Outcome::Kind::kLiveLadder && sop_.ladder.tiers.empty()) {
                Add(outcome.line, {}, what + " is a live ladder, but [ladder] has no tiers");
            }
        }
    }

    void CheckLadder() {
        const Ladder& ladder = sop_.ladder;
        if (ladder.tiers.empty()) return;
        std::map<std::string, int, std::less<>> seen;
        if (ladder.window_seconds < 1 || ladder.window_seconds > kMaxWindowSeconds) {
            Add(ladder.line, {}, "[ladder] window_seconds must be 1-600");
        }
        for (std::size_t i = 0; i < ladder.tiers.size(); ++i) {
            const LadderTier& tier = ladder.tiers[i];
            const std::string what = "tier \"" + tier.id + "\"";
            CheckId(tier.line, {}, "tier", tier.id, seen);
            CheckText(tier.line, {}, what + " name", tier.name, slack_limits::kOptionText);
            CheckText(tier.line, {}, what + " instructions", tier.instructions,
                      slack_limits::kSectionText, false);
            if (tier.window_seconds < 1 || tier.window_seconds > kMaxWindowSeconds) {
                Add(tier.line, {}, what + " window_seconds must be 1-600");
            }
            if (tier.voicemail) {
                if (!tier.rotation.empty()) Add(tier.line, {}, what + " is voicemail: no rotation");
                if (i + 1 != ladder.tiers.size()) {
                    Add(tier.line, {}, what + " is voicemail and must be the last tier");
                }
            } else if (tier.rotation.empty()) {
                Add(tier.line, {}, what + " needs the \"rotation\" it pages");
            }
        }
        const Question* origin = sop_.FindQuestion(sop_.fields.origin);
        if (origin == nullptr) {
            Add(ladder.line, {}, "[ladder] needs [fields] origin (who is escalating) for its entry");
            return;
        }
        for (const auto& [value, tier] : ladder.entry) {
            const bool known = std::any_of(origin->options.begin(), origin->options.end(),
                                           [&](const Option& o) { return o.value == value; });
            if (!known) {
                Add(ladder.line, {}, "[ladder.entry] \"" + value + "\" is not an option of \"" +
                                         origin->id + "\"");
            }
            if (sop_.FindTier(tier) == nullptr) {
                Add(ladder.line, {}, "[ladder.entry] \"" + value + "\" names unknown tier \"" +
                                         tier + "\"");
            }
        }
        for (const Option& option : origin->options) {
            if (ladder.entry.count(option.value) == 0) {
                Add(ladder.line, {}, "[ladder.entry] has no tier for \"" + option.value + "\"");
            }
        }
    }

    void CheckField(std::string_view field, const std::string& question_id,
                    std::initializer_list<QuestionKind> kinds, bool required) {
        if (question_id.empty()) {
            if (required) Add(sop_.fields.line, {}, "[fields] needs \"" + std::string(field) + "\"");
            return;
        }
        const Question* question = sop_.FindQuestion(question_id);
        if (question == nullptr) {
            Add(sop_.fields.line, {}, "[fields] " + std::string(field) + " names unknown question \"" +
                           question_id + "\"");
            return;
        }
        if (std::find(kinds.begin(), kinds.end(), question->kind) == kinds.end()) {
            Add(question->line, {sop_.StepOfQuestion(question_id)->id, question_id},
                "[fields] " + std::string(field) + " cannot be a " +
                    std::string(KindName(question->kind)) + " question");
        }
    }

    void CheckFields() {
        using K = QuestionKind;
        const Fields& f = sop_.fields;
        CheckField("origin", f.origin, {K::kSingleChoice}, true);
        CheckField("homeowner_name", f.homeowner_name, {K::kShortText, K::kLongText}, true);
        CheckField("property_address", f.property_address, {K::kShortText, K::kLongText}, true);
        CheckField("asked_for_lead", f.asked_for_lead, {K::kYesNo}, false);
        CheckField("qualifiers", f.qualifiers, {K::kMultiChoice}, false);
        CheckField("interaction_id", f.interaction_id, {K::kShortText}, false);
        CheckField("agrees_to_wait", f.agrees_to_wait, {K::kYesNo}, false);
        CheckField("concern_types", f.concern_types, {K::kMultiChoice}, false);
        CheckField("red_flags", f.red_flags, {K::kShortText, K::kLongText}, false);
        CheckField("email", f.email, {K::kEmail}, false);
        CheckField("phone", f.phone, {K::kPhone}, false);
        CheckField("live_summary", f.live_summary, {K::kShortText, K::kLongText}, false);
        if (!f.key_points_section.empty() && sop_.FindSection(f.key_points_section) == nullptr) {
            Add(f.line, {}, "[fields] key_points_section names unknown section \"" +
                           f.key_points_section + "\"");
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

    const Sop& sop_;
    SopErrors errors_;
    std::map<std::string, std::set<std::string>, std::less<>> reach_;
};

}  // namespace

std::size_t ScreenBlockBudget(const Step& step) {
    std::size_t blocks = step.notes.size() + step.questions.size();
    if (!step.intro.empty()) blocks += 1;
    if (step.panel == Panel::kExistingCase) blocks += 2;
    std::size_t runs = 0;
    std::set<std::string> sections;
    std::string previous;
    for (const Question& question : step.questions) {
        const std::string& section = question.section.empty() ? step.section : question.section;
        sections.insert(section);
        if (runs == 0 || section != previous) ++runs;
        previous = section;
    }
    if (sections.size() > 1) blocks += runs;
    return blocks;
}

SopErrors ValidateSop(const Sop& sop) { return Validator(sop).Run(); }

}  // namespace escbot::config::sop
