#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "config/sop/sop.hpp"
#include "config/sop/sop_error.hpp"

namespace escbot::config::sop {

/// The result of loading an SOP file: a validated Sop, or every error found (never both).
struct SopLoadResult {
    std::shared_ptr<const Sop> sop;
    SopErrors errors;

    bool ok() const { return sop != nullptr; }
};

/// Reads, parses and validates an SOP TOML file. Fails (as a value, never by throwing) on a
/// missing file, a TOML syntax error, unknown keys, wrong types, duplicate ids, dangling
/// references, unreachable steps, steps from which no outcome can be reached, and text that would
/// break a Slack limit; each error names the file, the line, and the step and question concerned.
/// Thread-safe (no shared state).
SopLoadResult LoadSopFile(const std::string& path);

/// As LoadSopFile, from text already in memory; `file_name` is used in error messages.
SopLoadResult LoadSopString(std::string_view toml_text, const std::string& file_name);

}  // namespace escbot::config::sop
