#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "config/sop/installer_sop.hpp"
#include "config/sop/sop_error.hpp"

namespace escbot::config::sop {

/// The result of loading an installer-complaints SOP file: a validated InstallerSop, or every
/// error found (never both).
struct InstallerSopLoadResult {
    std::shared_ptr<const InstallerSop> sop;
    SopErrors errors;

    bool ok() const { return sop != nullptr; }
};

/// Reads, parses and validates an installer-complaints SOP file (config/sop/
/// installer_complaints.toml). Fails as a value, never by throwing; each error names the file,
/// the line and the entry or key. Fills what the data may leave out (text max lengths, the
/// program and complaint-type options of the modal). Thread-safe.
InstallerSopLoadResult LoadInstallerSopFile(const std::string& path);

/// As LoadInstallerSopFile, from text already in memory; `file_name` is used in messages.
InstallerSopLoadResult LoadInstallerSopString(std::string_view toml_text,
                                              const std::string& file_name);

/// The `id` in a TOML text's [sop] table, "" when there is none or the text does not parse (the
/// linter picks the loader by it). Never throws.
std::string SopIdOf(std::string_view toml_text);

}  // namespace escbot::config::sop
