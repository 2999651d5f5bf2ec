#include "config/sop/sop_loader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <utility>

#include <toml++/toml.h>

#include "config/sop/sop_validator.hpp"

namespace escbot::config::sop {
namespace {

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string_view TypeName(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::none: break;
    }
    return "nothing";
}

/// Where an error belongs in the flow.
struct Place {
    std::string step;
    std::string question;
};

class ErrorSink {
public:
    explicit ErrorSink(std::string file) : file_(std::move(file)) {}

    void Add(int line, const Place& place, std::string message) {
        errors_.push_back({file_, line, place.step, place.question, std::move(message)});
    }
    const std::string& file() const { return file_; }
    SopErrors& errors() { return errors_; }

private:
    std::string file_;
    SopErrors errors_;
};

/// Reads one TOML table, remembering the keys it was asked for so that the others can be
/// reported as unknown by Finish(). Type errors are reported and read as "absent".
class TableReader {
public:
    TableReader(const toml::table& table, ErrorSink& sink, Place place, std::string what)
        : table_(table), sink_(sink), place_(std::move(place)), what_(std::move(what)) {}

    int line() const { return LineOf(table_); }
    Place& place() { return place_; }
    const toml::node* Get(std::string_view key) {
        seen_.emplace(key);
        return table_.get(key);
    }

    std::optional<std::string> String(std::string_view key, bool required = false) {
        const toml::node* node = Get(key);
        if (node == nullptr) {
            if (required) Missing(key);
            return std::nullopt;
        }
        if (const auto* value = node->as_string()) return value->get();
        WrongType(*node, key, "a string");
        return std::nullopt;
    }

    std::optional<bool> Bool(std::string_view key) {
        const toml::node* node = Get(key);
        if (node == nullptr) return std::nullopt;
        if (const auto* value = node->as_boolean()) return value->get();
        WrongType(*node, key, "a boolean");
        return std::nullopt;
    }

    std::optional<std::int64_t> Int(std::string_view key) {
        const toml::node* node = Get(key);
        if (node == nullptr) return std::nullopt;
        if (const auto* value = node->as_integer()) return value->get();
        WrongType(*node, key, "an integer");
        return std::nullopt;
    }

    const toml::table* Table(std::string_view key, bool required = false) {
        const toml::node* node = Get(key);
        if (node == nullptr) {
            if (required) Missing(key);
            return nullptr;
        }
        if (const auto* value = node->as_table()) return value;
        WrongType(*node, key, "a table");
        return nullptr;
    }

    const toml::array* Array(std::string_view key) {
        const toml::node* node = Get(key);
        if (node == nullptr) return nullptr;
        if (const auto* value = node->as_array()) return value;
        WrongType(*node, key, "an array");
        return nullptr;
    }

    std::vector<std::string> StringArray(std::string_view key) {
        std::vector<std::string> out;
        const toml::array* array = Array(key);
        if (array == nullptr) return out;
        for (const toml::node& item : *array) {
            if (const auto* value = item.as_string()) {
                out.push_back(value->get());
            } else {
                sink_.Add(LineOf(item), place_,
                          "\"" + std::string(key) + "\" must hold strings, found " +
                              std::string(TypeName(item)));
            }
        }
        return out;
    }

    void Error(int line, std::string message) { sink_.Add(line, place_, std::move(message)); }

    /// Reports every key of the table that no getter asked for.
    void Finish() {
        for (const auto& [key, node] : table_) {
            if (seen_.count(std::string(key.str())) == 0) {
                sink_.Add(static_cast<int>(key.source().begin.line), place_,
                          "unknown key \"" + std::string(key.str()) + "\" in " + what_);
            }
        }
    }

private:
    void Missing(std::string_view key) {
        sink_.Add(line(), place_, "missing key \"" + std::string(key) + "\" in " + what_);
    }
    void WrongType(const toml::node& node, std::string_view key, std::string_view expected) {
        sink_.Add(LineOf(node), place_,
                  "\"" + std::string(key) + "\" must be " + std::string(expected) + ", found " +
                      std::string(TypeName(node)));
    }

    const toml::table& table_;
    ErrorSink& sink_;
    Place place_;
    std::string what_;
    std::set<std::string, std::less<>> seen_;
};

/// Calls `each` for every table of an array of tables, reporting items that are not tables.
template <class Fn>
void ForEachTable(const toml::array* array, ErrorSink& sink, const Place& place,
                  std::string_view what, Fn each) {
    if (array == nullptr) return;
    for (const toml::node& item : *array) {
        if (const auto* table = item.as_table()) {
            each(*table);
        } else {
            sink.Add(LineOf(item), place,
                     std::string(what) + " must be a table, found " + std::string(TypeName(item)));
        }
    }
}

std::optional<Condition> ParseCondition(const toml::node& node, ErrorSink& sink,
                                        const Place& place, std::string_view what);

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

class SopParser {
public:
    explicit SopParser(ErrorSink& sink) : sink_(sink) {}

    void Parse(const toml::table& root, Sop& sop) {
        TableReader reader(root, sink_, {}, "the file");
        if (const toml::table* meta = reader.Table("sop", true)) ParseMeta(*meta, sop);
        ForEachTable(reader.Array("sections"), sink_, {}, "a [[sections]] entry",
                     [&](const toml::table& t) { ParseSection(t, sop); });
        ForEachTable(reader.Array("qualifiers"), sink_, {}, "a [[qualifiers]] entry",
                     [&](const toml::table& t) { ParseQualifier(t, sop); });
        if (const toml::table* notes = reader.Table("notes")) ParseNotes(*notes, sop);
        ForEachTable(reader.Array("steps"), sink_, {}, "a [[steps]] entry",
                     [&](const toml::table& t) { ParseStep(t, sop); });
        if (const toml::table* outcomes = reader.Table("outcomes")) ParseOutcomes(*outcomes, sop);
        if (const toml::table* ladder = reader.Table("ladder")) ParseLadder(*ladder, sop.ladder);
        if (const toml::table* fields = reader.Table("fields")) ParseFields(*fields, sop.fields);
        reader.Finish();
    }

private:
    std::optional<Condition> ConditionAt(TableReader& reader, std::string_view key) {
        const toml::node* node = reader.Get(key);
        if (node == nullptr) return std::nullopt;
        return ParseCondition(*node, sink_, reader.place(), "\"" + std::string(key) + "\"");
    }

    void ParseMeta(const toml::table& table, Sop& sop) {
        TableReader reader(table, sink_, {}, "[sop]");
        sop.line = reader.line();
        sop.id = reader.String("id", true).value_or("");
        sop.version = reader.String("version", true).value_or("");
        sop.title = reader.String("title").value_or("");
        sop.first_step = reader.String("first_step", true).value_or("");
        if (const toml::node* date = reader.Get("effective_date")) {
            if (const auto* d = date->as_date()) {
                const toml::date& v = d->get();
                char buffer[16];
                std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", int(v.year) % 10000,
                              int(v.month) % 100, int(v.day) % 100);
                sop.effective_date = buffer;
            } else {
                reader.Error(LineOf(*date), "\"effective_date\" must be a date (2026-11-23), found " +
                                                std::string(TypeName(*date)));
            }
        } else {
            reader.Error(reader.line(), "missing key \"effective_date\" in [sop]");
        }
        reader.Finish();
    }

    void ParseSection(const toml::table& table, Sop& sop) {
        TableReader reader(table, sink_, {}, "[[sections]]");
        Section section;
        section.line = reader.line();
        section.id = reader.String("id", true).value_or("");
        section.title = reader.String("title", true).value_or("");
        reader.Finish();
        sop.sections.push_back(std::move(section));
    }

    void ParseQualifier(const toml::table& table, Sop& sop) {
        TableReader reader(table, sink_, {}, "[[qualifiers]]");
        Qualifier qualifier;
        qualifier.line = reader.line();
        qualifier.id = reader.String("id", true).value_or("");
        qualifier.label = reader.String("label", true).value_or("");
        reader.Finish();
        sop.qualifiers.push_back(std::move(qualifier));
    }

    void ParseNotes(const toml::table& notes, Sop& sop) {
        for (const auto& [key, node] : notes) {
            const std::string id(key.str());
            const toml::table* table = node.as_table();
            if (table == nullptr) {
                sink_.Add(LineOf(node), {}, "note \"" + id + "\" must be a table");
                continue;
            }
            TableReader reader(*table, sink_, {}, "note \"" + id + "\"");
            Note note;
            note.id = id;
            note.line = static_cast<int>(key.source().begin.line);
            const std::string kind = reader.String("kind", true).value_or("info");
            if (kind == "info") {
                note.kind = Note::Kind::kInfo;
            } else if (kind == "tip") {
                note.kind = Note::Kind::kTip;
            } else if (kind == "warning") {
                note.kind = Note::Kind::kWarning;
            } else if (kind == "script") {
                note.kind = Note::Kind::kScript;
            } else {
                reader.Error(note.line, "note \"" + id + "\": unknown kind \"" + kind +
                                            "\" (info, tip, warning, script)");
            }
            note.title = reader.String("title").value_or("");
            note.text = reader.String("text", true).value_or("");
            reader.Finish();
            sop.notes.push_back(std::move(note));
        }
    }

    std::vector<Option> ParseOptions(const toml::array& array, TableReader& owner) {
        std::vector<Option> options;
        ForEachTable(&array, sink_, owner.place(), "an option",
                     [&](const toml::table& t) {
                         TableReader reader(t, sink_, owner.place(), "an option");
                         Option option;
                         option.value = reader.String("value", true).value_or("");
                         option.label = reader.String("label", true).value_or("");
                         reader.Finish();
                         options.push_back(std::move(option));
                     });
        return options;
    }

    void ParseQuestion(const toml::table& table, Step& step) {
        TableReader reader(table, sink_, {step.id, ""}, "[[steps.questions]]");
        Question question;
        question.line = reader.line();
        question.id = reader.String("id", true).value_or("");
        reader.place().question = question.id;
        if (const auto kind = reader.String("kind", true)) {
            if (const auto parsed = ParseKind(*kind)) {
                question.kind = *parsed;
            } else {
                reader.Error(question.line,
                             "unknown kind \"" + *kind +
                                 "\" (yes_no, short_text, long_text, single_choice, multi_choice, "
                                 "email, phone, date)");
            }
        }
        question.label = reader.String("label", true).value_or("");
        question.hint = reader.String("hint").value_or("");
        question.placeholder = reader.String("placeholder").value_or("");
        question.required = reader.Bool("required").value_or(true);
        if (const toml::array* options = reader.Array("options")) {
            question.options = ParseOptions(*options, reader);
        }
        question.options_from = reader.String("options_from").value_or("");
        question.show_if = ConditionAt(reader, "show_if");
        question.section = reader.String("section").value_or("");
        if (const auto max_length = reader.Int("max_length")) {
            question.max_length = static_cast<int>(std::clamp<std::int64_t>(*max_length, -1, 1 << 20));
        }
        reader.Finish();
        step.questions.push_back(std::move(question));
    }

    Route ParseRoute(const toml::table& table, const Step& step) {
        TableReader reader(table, sink_, {step.id, ""}, "[[steps.routes]]");
        Route route;
        route.line = reader.line();
        route.when = ConditionAt(reader, "when");
        route.next = reader.String("next").value_or("");
        route.outcome = reader.String("outcome").value_or("");
        route.reason = reader.String("reason").value_or("");
        reader.Finish();
        if (route.next.empty() == route.outcome.empty()) {
            sink_.Add(route.line, {step.id, ""},
                      "a route needs exactly one of \"next\" (a step) and \"outcome\"");
        }
        return route;
    }

    void ParseStep(const toml::table& table, Sop& sop) {
        TableReader reader(table, sink_, {}, "[[steps]]");
        Step step;
        step.line = reader.line();
        step.id = reader.String("id", true).value_or("");
        reader.place().step = step.id;
        step.title = reader.String("title", true).value_or("");
        step.submit = reader.String("submit").value_or("Next");
        step.close = reader.String("close").value_or("Cancel");
        step.intro = reader.String("intro").value_or("");
        step.section = reader.String("section").value_or("");
        if (const auto panel = reader.String("panel")) {
            if (*panel == "existing_case") {
                step.panel = Panel::kExistingCase;
            } else if (*panel != "none") {
                reader.Error(step.line, "unknown panel \"" + *panel + "\" (existing_case)");
            }
        }
        step.notes = reader.StringArray("notes");
        step.show_if = ConditionAt(reader, "show_if");
        ForEachTable(reader.Array("questions"), sink_, reader.place(), "a [[steps.questions]] entry",
                     [&](const toml::table& t) { ParseQuestion(t, step); });

        const toml::node* next = reader.Get("next");
        const toml::node* outcome = reader.Get("outcome");
        const toml::array* routes = reader.Array("routes");
        if (routes != nullptr && (next != nullptr || outcome != nullptr)) {
            reader.Error(step.line, "use either \"next\"/\"outcome\" or [[steps.routes]], not both");
        }
        if (next != nullptr || outcome != nullptr) {
            Route route;
            route.line = LineOf(next != nullptr ? *next : *outcome);
            route.next = reader.String("next").value_or("");
            route.outcome = reader.String("outcome").value_or("");
            if (next != nullptr && outcome != nullptr) {
                reader.Error(route.line, "use either \"next\" or \"outcome\", not both");
            }
            step.routes.push_back(std::move(route));
        }
        ForEachTable(routes, sink_, reader.place(), "a [[steps.routes]] entry",
                     [&](const toml::table& t) { step.routes.push_back(ParseRoute(t, step)); });
        reader.Finish();
        sop.steps.push_back(std::move(step));
    }

    void ParseOutcomes(const toml::table& outcomes, Sop& sop) {
        for (const auto& [key, node] : outcomes) {
            const std::string id(key.str());
            const toml::table* table = node.as_table();
            if (table == nullptr) {
                sink_.Add(LineOf(node), {}, "outcome \"" + id + "\" must be a table");
                continue;
            }
            TableReader reader(*table, sink_, {}, "outcome \"" + id + "\"");
            Outcome outcome;
            outcome.id = id;
            outcome.line = static_cast<int>(key.source().begin.line);
            const std::string kind = reader.String("kind", true).value_or("");
            if (kind == "not_qualified") {
                outcome.kind = Outcome::Kind::kNotQualified;
            } else if (kind == "existing_case") {
                outcome.kind = Outcome::Kind::kExistingCase;
            } else if (kind == "follow_up") {
                outcome.kind = Outcome::Kind::kFollowUp;
            } else if (kind == "live_ladder") {
                outcome.kind = Outcome::Kind::kLiveLadder;
            } else if (!kind.empty()) {
                reader.Error(outcome.line,
                             "outcome \"" + id + "\": unknown kind \"" + kind +
                                 "\" (not_qualified, existing_case, follow_up, live_ladder)");
            }
            outcome.title = reader.String("title", true).value_or("");
            outcome.advice = reader.String("advice", true).value_or("");
            outcome.script = reader.String("script").value_or("");
            outcome.request_type = reader.String("request_type").value_or("");
            outcome.assign_to = reader.String("assign_to").value_or("");
            outcome.follow_up_hours = static_cast<int>(
                std::clamp<std::int64_t>(reader.Int("follow_up_hours").value_or(0), -1, 1 << 20));
            reader.Finish();
            sop.outcomes.push_back(std::move(outcome));
        }
    }

    void ParseLadder(const toml::table& table, Ladder& ladder) {
        TableReader reader(table, sink_, {}, "[ladder]");
        ladder.line = reader.line();
        ladder.window_seconds = static_cast<int>(
            std::clamp<std::int64_t>(reader.Int("window_seconds").value_or(30), -1, 1 << 20));
        ForEachTable(reader.Array("tiers"), sink_, {}, "a [[ladder.tiers]] entry",
                     [&](const toml::table& t) {
                         TableReader tier_reader(t, sink_, {}, "[[ladder.tiers]]");
                         LadderTier tier;
                         tier.line = tier_reader.line();
                         tier.id = tier_reader.String("id", true).value_or("");
                         tier.name = tier_reader.String("name", true).value_or("");
                         tier.rotation = tier_reader.String("rotation").value_or("");
                         tier.skill = tier_reader.String("skill").value_or("");
                         tier.window_seconds = static_cast<int>(std::clamp<std::int64_t>(
                             tier_reader.Int("window_seconds").value_or(ladder.window_seconds), -1,
                             1 << 20));
                         tier.skip_when_no_one_on_duty =
                             tier_reader.Bool("skip_when_no_one_on_duty").value_or(true);
                         tier.voicemail = tier_reader.Bool("voicemail").value_or(false);
                         tier.instructions = tier_reader.String("instructions").value_or("");
                         tier_reader.Finish();
                         ladder.tiers.push_back(std::move(tier));
                     });
        if (const toml::table* entry = reader.Table("entry", true)) {
            for (const auto& [key, node] : *entry) {
                if (const auto* tier = node.as_string()) {
                    ladder.entry.emplace(std::string(key.str()), tier->get());
                } else {
                    sink_.Add(LineOf(node), {},
                              "[ladder.entry] \"" + std::string(key.str()) +
                                  "\" must be a string (a tier id), found " +
                                  std::string(TypeName(node)));
                }
            }
        }
        reader.Finish();
    }

    void ParseFields(const toml::table& table, Fields& fields) {
        TableReader reader(table, sink_, {}, "[fields]");
        fields.line = reader.line();
        const std::pair<std::string_view, std::string*> slots[] = {
            {"origin", &fields.origin},
            {"asked_for_lead", &fields.asked_for_lead},
            {"qualifiers", &fields.qualifiers},
            {"homeowner_name", &fields.homeowner_name},
            {"property_address", &fields.property_address},
            {"interaction_id", &fields.interaction_id},
            {"agrees_to_wait", &fields.agrees_to_wait},
            {"concern_types", &fields.concern_types},
            {"red_flags", &fields.red_flags},
            {"email", &fields.email},
            {"phone", &fields.phone},
            {"live_summary", &fields.live_summary},
            {"key_points_section", &fields.key_points_section},
        };
        for (const auto& [key, slot] : slots) *slot = reader.String(key).value_or("");
        reader.Finish();
    }

    ErrorSink& sink_;
};

/// Fills what the data may leave out: yes/no options, options copied from the qualifiers, and
/// default text lengths.
void ResolveQuestionDefaults(Sop& sop, ErrorSink& sink) {
    for (Step& step : sop.steps) {
        for (Question& question : step.questions) {
            const Place place{step.id, question.id};
            if (question.kind == QuestionKind::kYesNo) {
                if (!question.options.empty() || !question.options_from.empty()) {
                    sink.Add(question.line, place,
                             "yes_no questions have the fixed options yes and no; remove "
                             "\"options\"");
                }
                question.options = {{"yes", "Yes"}, {"no", "No"}};
            } else if (!question.options_from.empty() && IsChoice(question.kind)) {
                if (!question.options.empty()) {
                    sink.Add(question.line, place, "use either \"options\" or \"options_from\"");
                } else if (question.options_from == "qualifiers") {
                    for (const Qualifier& q : sop.qualifiers) {
                        question.options.push_back({q.id, q.label});
                    }
                } else {
                    sink.Add(question.line, place,
                             "unknown options_from \"" + question.options_from +
                                 "\" (qualifiers)");
                }
            }
            if (question.max_length == 0) {
                switch (question.kind) {
                    case QuestionKind::kShortText: question.max_length = 250; break;
                    case QuestionKind::kLongText: question.max_length = 3000; break;
                    case QuestionKind::kEmail: question.max_length = 254; break;
                    case QuestionKind::kPhone: question.max_length = 32; break;
                    default: break;
                }
            }
        }
    }
}

std::string Fingerprint(std::string_view text) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%016zx", std::hash<std::string_view>{}(text));
    return buffer;
}

}  // namespace

SopLoadResult LoadSopString(std::string_view toml_text, const std::string& file_name) {
    ErrorSink sink(file_name);
    auto sop = std::make_shared<Sop>();
    sop->file = file_name;
    sop->fingerprint = Fingerprint(toml_text);
    sop->source_text = std::string(toml_text);
    try {
        const toml::table root = toml::parse(toml_text, file_name);
        SopParser(sink).Parse(root, *sop);
        ResolveQuestionDefaults(*sop, sink);
    } catch (const toml::parse_error& error) {
        sink.Add(static_cast<int>(error.source().begin.line), {},
                 "TOML syntax error: " + std::string(error.description()));
    }
    if (!sink.errors().empty()) return {nullptr, std::move(sink.errors())};

    sop->Reindex();
    SopErrors errors = ValidateSop(*sop);
    if (!errors.empty()) return {nullptr, std::move(errors)};
    return {std::move(sop), {}};
}

SopLoadResult LoadSopFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {nullptr, {{path, 0, "", "", "cannot open the file"}}};
    std::ostringstream text;
    text << in.rdbuf();
    return LoadSopString(text.str(), path);
}

}  // namespace escbot::config::sop
