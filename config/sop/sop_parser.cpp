#include "config/sop/sop_parser.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "config/sop/condition_parser.hpp"
#include "config/sop/promise_parser.hpp"
#include "config/sop/question_parser.hpp"

namespace escbot::config::sop::parsing {
namespace {

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
        sop.effective_date = ReadEffectiveDate(reader);
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

    void ParseQuestion(const toml::table& table, Step& step) {
        step.questions.push_back(
            parsing::ParseQuestion(table, sink_, {step.id, ""}, "[[steps.questions]]"));
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
            ReadPromise(reader, outcome);
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
            {"live_concern_types", &fields.live_concern_types},
            {"existing_case", &fields.existing_case},
            {"interaction_said", &fields.interaction_said},
            {"key_points_section", &fields.key_points_section},
        };
        for (const auto& [key, slot] : slots) *slot = reader.String(key).value_or("");
        reader.Finish();
    }

    ErrorSink& sink_;
};

}  // namespace

void ParseSop(const toml::table& root, ErrorSink& sink, Sop& sop) {
    SopParser(sink).Parse(root, sop);
}

}  // namespace escbot::config::sop::parsing
