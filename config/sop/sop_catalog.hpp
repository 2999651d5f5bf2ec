#pragma once

#include "config/sop/sop.hpp"
#include "config/sop/version_catalog.hpp"

namespace escbot::config::sop {

/// The escalation SOP's loaded versions.
using SopCatalog = VersionCatalog<Sop>;

}  // namespace escbot::config::sop
