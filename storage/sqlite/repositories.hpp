#pragma once

#include <memory>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/open_case_cache.hpp"
#include "storage/sqlite/open_draft_cache.hpp"
#include "storage/store.hpp"

namespace escbot::storage::sqlite {

// Factories for the SQLite repositories, one per file (sqlite_<name>.cpp). Each repository holds
// only a Database&; SqliteStore creates them once and hands them out inside its transactions,
// under its mutex. They run their SQL through Database::Prepare and never begin or end a
// transaction themselves. Methods throw SQLite::Exception on storage failure, and
// std::runtime_error when asked to change a row that does not exist.

std::unique_ptr<OutboxRepository> NewOutboxRepository(Database& db);
std::unique_ptr<MessageRefRepository> NewMessageRefRepository(Database& db);
std::unique_ptr<TimerRepository> NewTimerRepository(Database& db);
// Drafts also go through `open`, which the store tells when each transaction ends.
/// `open`: the cache FindOpen answers from, or null for none (Store::AllowsProcessCache false).
std::unique_ptr<DraftRepository> NewDraftRepository(Database& db, OpenDraftCache* open);
std::unique_ptr<AuditLog> NewAuditLog(Database& db);
std::unique_ptr<EventDedup> NewEventDedup(Database& db);
std::unique_ptr<ConcertRepository> NewConcertRepository(Database& db);
/// `open_cases`: as `open` for drafts, for CaseRepository::FindOpenByHomeowner.
std::unique_ptr<EscalationRepositories> NewEscalationRepositories(
    Database& db, OpenCaseCache* open_cases = nullptr);
std::unique_ptr<RetentionRepository> NewRetentionRepository(Database& db);
std::unique_ptr<InstallerComplaintRepository> NewInstallerComplaintRepository(Database& db);
std::unique_ptr<TeamViewRepository> NewTeamViewRepository(Database& db);
std::unique_ptr<WatchdogRepository> NewWatchdogRepository(Database& db);

}  // namespace escbot::storage::sqlite
