#pragma once

#include <toml++/toml.h>

#include "config/sop/installer_sop.hpp"
#include "config/sop/toml_table_reader.hpp"

namespace escbot::config::sop::parsing {

/// Fills `sop` from the parsed installer-complaints TOML document ([sop], [modal],
/// [[questions]], [[programs]], [[complaint_types]], [case], [no_case], [cadence], [email],
/// [referral], [wording]). Unknown keys, wrong types, bad durations and missing required keys go
/// to `sink`, naming the table and the entry; cross-checks are left to the validator.
void ParseInstallerSop(const toml::table& root, ErrorSink& sink, InstallerSop& sop);

}  // namespace escbot::config::sop::parsing
