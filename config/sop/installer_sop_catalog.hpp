#pragma once

#include "config/sop/installer_sop.hpp"
#include "config/sop/version_catalog.hpp"

namespace escbot::config::sop {

/// The installer-complaints SOP's loaded versions: a complaint keeps reading the version it was
/// opened under.
using InstallerSopCatalog = VersionCatalog<InstallerSop>;

}  // namespace escbot::config::sop
