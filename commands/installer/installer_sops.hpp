#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "config/settings.hpp"
#include "config/sop/installer_sop.hpp"
#include "config/sop/installer_sop_catalog.hpp"
#include "config/sop/sop.hpp"
#include "storage/store.hpp"

namespace escbot::commands::installer {

/// Step ids of the form Sop (FormSop): the complaint form and the existing-complaint screen.
inline constexpr std::string_view kFormStep = "complaint";
inline constexpr std::string_view kExistingStep = "existing_case";

/// config/sop/installer_complaints.toml's place: beside the escalation SOP file
/// ([escalation] sop_file), as config/sop/concert.toml.
std::string InstallerSopPath(const config::Settings& settings);

/// The installer-complaints SOP versions of this process. The file is read when a complaint
/// starts; a changed text that loads becomes the current version (stored in the database, so
/// complaints opened under it keep it after a restart); a file that does not load keeps the
/// previous version (logged with the file, line and key, never the data). Thread-safe.
class InstallerSops {
public:
    /// The current version, reading the file again when its text changed; nullptr when no
    /// version ever loaded. Stores a newly loaded version in `u`'s transaction.
    std::shared_ptr<const config::sop::InstallerSop> Current(storage::UnitOfWork& u,
                                                             const config::Settings& settings,
                                                             TimePoint now);
    /// The version a complaint or draft runs under: from memory, else reloaded from the stored
    /// text; nullptr when neither has it.
    std::shared_ptr<const config::sop::InstallerSop> Find(storage::UnitOfWork& u,
                                                          std::string_view version);

    /// The form as a one-question-screen escalation-shaped Sop (steps kFormStep and
    /// kExistingStep), so the escalation views render it and its validation checks it. Cached.
    std::shared_ptr<const config::sop::Sop> FormSop(const config::sop::InstallerSop& sop);

    config::sop::InstallerSopCatalog& catalog() { return catalog_; }

private:
    std::mutex mutex_;
    std::string last_path_;
    std::string last_text_;
    config::sop::InstallerSopCatalog catalog_;
    std::map<std::string, std::shared_ptr<const config::sop::Sop>, std::less<>> forms_;
};

/// Builds the form Sop of `sop` (see InstallerSops::FormSop). Pure.
std::shared_ptr<const config::sop::Sop> BuildFormSop(const config::sop::InstallerSop& sop);

}  // namespace escbot::commands::installer
