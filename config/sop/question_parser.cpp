#include "config/sop/question_parser.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/sop/condition_parser.hpp"

namespace escbot::config::sop::parsing {
namespace {

std::vector<Option> ParseOptions(const toml::array& array, ErrorSink& sink, const Place& place) {
    std::vector<Option> options;
    ForEachTable(&array, sink, place, "an option", [&](const toml::table& t) {
        TableReader reader(t, sink, place, "an option");
        Option option;
        option.value = reader.String("value", true).value_or("");
        option.label = reader.String("label", true).value_or("");
        reader.Finish();
        options.push_back(std::move(option));
    });
    return options;
}

}  // namespace

Question ParseQuestion(const toml::table& table, ErrorSink& sink, Place place,
                       std::string_view what) {
    TableReader reader(table, sink, std::move(place), std::string(what));
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
        question.options = ParseOptions(*options, sink, reader.place());
    }
    question.options_from = reader.String("options_from").value_or("");
    if (const toml::node* node = reader.Get("show_if")) {
        question.show_if = ParseCondition(*node, sink, reader.place(), "\"show_if\"");
    }
    question.section = reader.String("section").value_or("");
    if (const auto max_length = reader.Int("max_length")) {
        question.max_length =
            static_cast<int>(std::clamp<std::int64_t>(*max_length, -1, 1 << 20));
    }
    reader.Finish();
    return question;
}

int DefaultMaxLength(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::kShortText: return 250;
        case QuestionKind::kLongText: return 3000;
        case QuestionKind::kEmail: return 254;
        case QuestionKind::kPhone: return 32;
        default: return 0;
    }
}

std::string ReadEffectiveDate(TableReader& reader) {
    const toml::node* date = reader.Get("effective_date");
    if (date == nullptr) {
        reader.Error(reader.line(), "missing key \"effective_date\" in [sop]");
        return "";
    }
    const auto* d = date->as_date();
    if (d == nullptr) {
        reader.Error(LineOf(*date), "\"effective_date\" must be a date (2026-12-07), found " +
                                        std::string(TypeName(*date)));
        return "";
    }
    const toml::date& v = d->get();
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", int(v.year) % 10000, int(v.month) % 100,
                  int(v.day) % 100);
    return buffer;
}

std::string Fingerprint(std::string_view text) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%016zx", std::hash<std::string_view>{}(text));
    return buffer;
}

}  // namespace escbot::config::sop::parsing
