#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::app {

/// The audit entity a person names: "ESC-12" or "12" is case 12 ("case:12"); an entity spelled
/// out ("draft:7", "concert:...", "export") is taken as is. nullopt for anything else.
std::optional<std::string> AuditEntityOf(const std::string& reference);

/// `escalation-bot audit CASE`: every audited change of the case, oldest first, one line each:
/// the time (ISO-8601 in the business calendar's zone), who, what, and its details. Exit 0; 2 for
/// a reference that names nothing; 1 when the entity has no history or the database fails.
int RunAudit(storage::Store& store, const config::BusinessCalendar& calendar,
             const std::string& reference, std::ostream& out, std::ostream& err);

}  // namespace escbot::app
