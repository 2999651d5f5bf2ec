#pragma once

#include <ostream>
#include <string>

#include "bot/core/clock.hpp"
#include "config/sop/sop_catalog.hpp"
#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::app {

/// `escalation-bot purge [--dry-run]`: removes now what the daily retention timer would, in
/// batches, each case audited with `actor`; --dry-run only counts. Exit 0; 2 when
/// [retention] personal_data_days is 0 (nothing to do by configuration); 1 when the database fails.
int RunPurge(storage::Store& store, config::sop::SopCatalog& sops, const config::Settings& settings,
             bool dry_run, const std::string& actor, const Clock& clock, std::ostream& out,
             std::ostream& err);

}  // namespace escbot::app
