#pragma once

#include <memory>

#include "storage/escalation_repositories.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/open_case_cache.hpp"

namespace escbot::storage::sqlite {

// The SQLite escalation repositories, one per file (sqlite_case_repository.cpp, ...), bundled by
// NewEscalationRepositories (storage/sqlite/repositories.hpp). Same rules as the platform
// repositories: they hold only a Database&, run their SQL through Database::Prepare and never
// begin or end a transaction.

/// `open`: the cache FindOpenByHomeowner answers from, or null for none (Store::AllowsProcessCache
/// false); the store reports case writes to it (WatchCaseWrites) and ends its transactions.
std::unique_ptr<CaseRepository> NewCaseRepository(Database& db, OpenCaseCache* open = nullptr);
std::unique_ptr<CaseUpdateRepository> NewCaseUpdateRepository(Database& db);
std::unique_ptr<CaseInteractionRepository> NewCaseInteractionRepository(Database& db);
std::unique_ptr<LadderRepository> NewLadderRepository(Database& db);
std::unique_ptr<SopVersionRepository> NewSopVersionRepository(Database& db);
std::unique_ptr<CaseReportRepository> NewCaseReportRepository(Database& db);

/// The escalation_cases columns ReadCase expects, in order (no table prefix).
extern const std::string_view kCaseColumns;
/// One case from a statement whose first columns are kCaseColumns.
EscalationCase ReadCase(SQLite::Statement& q);

}  // namespace escbot::storage::sqlite
