#include "commands/escalation/sop_versions.hpp"

#include <string>

#include "bot/core/logging.hpp"
#include "config/sop/sop_loader.hpp"

namespace escbot::commands::escalation {

void RememberSop(storage::UnitOfWork& u, const config::sop::Sop& sop, TimePoint now) {
    if (sop.source_text.empty()) return;
    storage::StoredSop stored{sop.version, sop.fingerprint, sop.source_text, now};
    if (u.Escalation().SopVersions().PutIfAbsent(stored)) {
        logging::Get("escalation")->info("stored SOP version {}", sop.version);
    }
}

std::shared_ptr<const config::sop::Sop> FindSop(storage::UnitOfWork& u,
                                                config::sop::SopCatalog& catalog,
                                                std::string_view version) {
    if (auto sop = catalog.Find(version)) return sop;
    const auto stored = u.Escalation().SopVersions().Get(version);
    if (!stored) return nullptr;
    auto loaded = config::sop::LoadSopString(stored->text, "sop_versions:" + stored->version);
    if (!loaded.ok()) {
        logging::Get("escalation")
            ->error("stored SOP version {} does not load ({} errors)", stored->version,
                    loaded.errors.size());
        return nullptr;
    }
    if (loaded.sop->version != stored->version) return nullptr;
    catalog.Add(loaded.sop, /*make_current=*/false);
    // Another thread may have added the same version meanwhile: the catalog's copy wins.
    auto found = catalog.Find(version);
    logging::Get("escalation")->info("SOP version {} reloaded from the database", stored->version);
    return found ? found : loaded.sop;
}

}  // namespace escbot::commands::escalation
