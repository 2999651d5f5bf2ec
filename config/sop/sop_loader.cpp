#include "config/sop/sop_loader.hpp"

#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

#include <toml++/toml.h>

#include "config/sop/question_parser.hpp"
#include "config/sop/sop_parser.hpp"
#include "config/sop/sop_validator.hpp"
#include "config/sop/toml_table_reader.hpp"

namespace escbot::config::sop {
namespace {

using parsing::ErrorSink;
using parsing::Place;

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
                } else if (question.options_from != kOptionsFromOpenCases) {
                    // open_cases: listed at run time, when the step is shown.
                    sink.Add(question.line, place,
                             "unknown options_from \"" + question.options_from +
                                 "\" (qualifiers, open_cases)");
                }
            }
            if (question.max_length == 0) question.max_length = parsing::DefaultMaxLength(question.kind);
        }
    }
}

}  // namespace

SopLoadResult LoadSopString(std::string_view toml_text, const std::string& file_name) {
    ErrorSink sink(file_name);
    auto sop = std::make_shared<Sop>();
    sop->file = file_name;
    sop->fingerprint = parsing::Fingerprint(toml_text);
    sop->source_text = std::string(toml_text);
    try {
        const toml::table root = toml::parse(toml_text, file_name);
        parsing::ParseSop(root, sink, *sop);
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