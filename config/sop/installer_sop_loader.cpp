#include "config/sop/installer_sop_loader.hpp"

#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

#include <toml++/toml.h>

#include "config/sop/installer_sop_parser.hpp"
#include "config/sop/question_parser.hpp"
#include "config/sop/installer_sop_validator.hpp"

namespace escbot::config::sop {
namespace {

/// The modal's choices come from [[programs]] and [[complaint_types]].
void ResolveOptions(InstallerSop& sop) {
    for (Question& question : sop.questions) {
        if (question.options_from == kOptionsFromPrograms) {
            for (const InstallerProgram& p : sop.programs) question.options.push_back({p.id, p.label});
        } else if (question.options_from == kOptionsFromComplaintTypes) {
            for (const ComplaintType& t : sop.complaint_types) {
                question.options.push_back({t.id, t.label});
            }
        }
    }
}

/// Text lengths left out take the same defaults as the escalation SOP's questions.
void ResolveMaxLengths(InstallerSop& sop) {
    for (Question& question : sop.questions) {
        if (question.max_length == 0) question.max_length = parsing::DefaultMaxLength(question.kind);
    }
}

}  // namespace

InstallerSopLoadResult LoadInstallerSopString(std::string_view toml_text,
                                              const std::string& file_name) {
    parsing::ErrorSink sink(file_name);
    auto sop = std::make_shared<InstallerSop>();
    sop->file = file_name;
    sop->fingerprint = parsing::Fingerprint(toml_text);
    sop->source_text = std::string(toml_text);
    try {
        const toml::table root = toml::parse(toml_text, file_name);
        parsing::ParseInstallerSop(root, sink, *sop);
    } catch (const toml::parse_error& error) {
        sink.Add(static_cast<int>(error.source().begin.line), {},
                 "TOML syntax error: " + std::string(error.description()));
    }
    if (!sink.errors().empty()) return {nullptr, std::move(sink.errors())};

    ResolveMaxLengths(*sop);
    SopErrors errors = ValidateInstallerSop(*sop);
    if (!errors.empty()) return {nullptr, std::move(errors)};
    ResolveOptions(*sop);
    return {std::move(sop), {}};
}

InstallerSopLoadResult LoadInstallerSopFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {nullptr, {{path, 0, "", "", "cannot open the file"}}};
    std::ostringstream text;
    text << in.rdbuf();
    return LoadInstallerSopString(text.str(), path);
}

std::string SopIdOf(std::string_view toml_text) {
    try {
        const toml::table root = toml::parse(toml_text);
        if (const auto id = root["sop"]["id"].value<std::string>()) return *id;
    } catch (const toml::parse_error&) {
    }
    return "";
}

}  // namespace escbot::config::sop
