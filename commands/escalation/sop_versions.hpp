#pragma once

#include <memory>
#include <string_view>

#include "config/sop/sop.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/store.hpp"

namespace escbot::commands::escalation {

/// Stores the text of `sop` under its version unless that version is stored already, so that a
/// flow started under it can be resumed after a restart even when the file has moved on. A SOP
/// without source text (built in code) is not stored. Runs inside the caller's transaction.
void RememberSop(storage::UnitOfWork& u, const config::sop::Sop& sop, TimePoint now);

/// The SOP version a draft or case runs under: from the catalog, else loaded from the stored
/// text (and added to the catalog, not as current). nullptr when neither has it or the stored
/// text no longer loads (logged). Runs inside the caller's transaction; thread-safe.
std::shared_ptr<const config::sop::Sop> FindSop(storage::UnitOfWork& u,
                                                config::sop::SopCatalog& catalog,
                                                std::string_view version);

}  // namespace escbot::commands::escalation
