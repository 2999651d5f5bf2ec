#pragma once

#include "config/sop/installer_sop.hpp"
#include "config/sop/sop_error.hpp"

namespace escbot::config::sop {

/// Checks a parsed installer-complaints SOP for what the TOML syntax cannot: the id, the version,
/// the modal's fixed questions (each present once, of a kind the flow can read), duplicate and
/// malformed ids, placeholders a text may not use, cadence bounds, and every Slack limit the data
/// could break. Each error names the file, the line and the table entry or key concerned
/// ("complaint_types.rude", "wording.chase_due"). Empty means valid. Pure and thread-safe.
SopErrors ValidateInstallerSop(const InstallerSop& sop);

}  // namespace escbot::config::sop
