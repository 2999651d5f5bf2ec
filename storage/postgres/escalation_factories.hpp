#pragma once

#include <memory>
#include <string_view>

#include "storage/escalation_repositories.hpp"
#include "storage/postgres/connection.hpp"

namespace escbot::storage::postgres {

// The PostgreSQL escalation repositories, one per file, bundled by NewEscalationRepositories
// (storage/postgres/repositories.hpp); twins of storage/sqlite/escalation_factories.hpp.

std::unique_ptr<CaseRepository> NewCaseRepository(Connection& db);
std::unique_ptr<CaseUpdateRepository> NewCaseUpdateRepository(Connection& db);
std::unique_ptr<CaseInteractionRepository> NewCaseInteractionRepository(Connection& db);
std::unique_ptr<LadderRepository> NewLadderRepository(Connection& db);
std::unique_ptr<SopVersionRepository> NewSopVersionRepository(Connection& db);
std::unique_ptr<CaseReportRepository> NewCaseReportRepository(Connection& db);

/// The escalation_cases columns ReadCase expects, in order (no table prefix).
extern const std::string_view kCaseColumns;
/// One case from a query whose first columns are kCaseColumns.
EscalationCase ReadCase(Query& q);

}  // namespace escbot::storage::postgres
