#pragma once

#include <string>

#include "commands/installer/installer_sops.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/store.hpp"

namespace escbot::commands::team {

/// The type of a case as people read it, from the SOP version the case runs under: an
/// escalation's concern types (the option labels of its concern_types answer, or of the live
/// path's), an installer complaint's complaint type label. SOP wording only, never the customer's
/// answers themselves. Thread-safe.
class CaseLabels {
public:
    explicit CaseLabels(config::sop::SopCatalog& sops) : sops_(sops) {}

    /// "" when the version or the answer is gone. Runs in the caller's transaction (it may load
    /// a stored SOP version).
    std::string TypeText(storage::UnitOfWork& u, const storage::OpenCaseRow& row);

private:
    config::sop::SopCatalog& sops_;
    installer::InstallerSops installer_sops_;
};

}  // namespace escbot::commands::team
