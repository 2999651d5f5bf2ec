#pragma once

#include <memory>

#include "storage/escalation_repositories.hpp"
#include "storage/store.hpp"

namespace escbot::storage::sqlite {
class OpenCaseCache;
class OpenDraftCache;
}  // namespace escbot::storage::sqlite

namespace escbot::storage::sql {

// Factories for the repositories, one per file (storage/sql/<name>.cpp), each written once over
// the database `Db` and instantiated for both backends: sqlite::Database and
// postgres::Connection (storage/sql/backends.hpp says what differs between them). A repository
// holds only a Db&; SqliteStore creates one set, PostgresStore one per pooled connection, and each
// hands them out inside its transactions. They never begin or end a transaction themselves.
// Methods throw the backend's error (SQLite::Exception, postgres::PgError) on storage failure,
// and std::runtime_error when asked to change a row that does not exist.

template <class Db>
std::unique_ptr<OutboxRepository> NewOutboxRepository(Db& db);
template <class Db>
std::unique_ptr<MessageRefRepository> NewMessageRefRepository(Db& db);
template <class Db>
std::unique_ptr<TimerRepository> NewTimerRepository(Db& db);
/// `open`: the process cache FindOpen answers from, which the store tells when each transaction
/// ends; null for none (Store::AllowsProcessCache false, and always on PostgreSQL).
template <class Db>
std::unique_ptr<DraftRepository> NewDraftRepository(Db& db, sqlite::OpenDraftCache* open = nullptr);
template <class Db>
std::unique_ptr<AuditLog> NewAuditLog(Db& db);
template <class Db>
std::unique_ptr<EventDedup> NewEventDedup(Db& db);
template <class Db>
std::unique_ptr<ConcertRepository> NewConcertRepository(Db& db);
/// `open_cases`: as `open` for drafts, for CaseRepository::FindOpenByHomeowner.
template <class Db>
std::unique_ptr<EscalationRepositories> NewEscalationRepositories(
    Db& db, sqlite::OpenCaseCache* open_cases = nullptr);
template <class Db>
std::unique_ptr<RetentionRepository> NewRetentionRepository(Db& db);
template <class Db>
std::unique_ptr<InstallerComplaintRepository> NewInstallerComplaintRepository(Db& db);
template <class Db>
std::unique_ptr<TeamViewRepository> NewTeamViewRepository(Db& db);
template <class Db>
std::unique_ptr<WatchdogRepository> NewWatchdogRepository(Db& db);

// The escalation repositories, bundled by NewEscalationRepositories.

/// `open`: as for NewEscalationRepositories; the SQLite store reports case writes to it
/// (WatchCaseWrites).
template <class Db>
std::unique_ptr<CaseRepository> NewCaseRepository(Db& db, sqlite::OpenCaseCache* open = nullptr);
template <class Db>
std::unique_ptr<CaseUpdateRepository> NewCaseUpdateRepository(Db& db);
template <class Db>
std::unique_ptr<CaseInteractionRepository> NewCaseInteractionRepository(Db& db);
template <class Db>
std::unique_ptr<LadderRepository> NewLadderRepository(Db& db);
template <class Db>
std::unique_ptr<SopVersionRepository> NewSopVersionRepository(Db& db);
template <class Db>
std::unique_ptr<CaseReportRepository> NewCaseReportRepository(Db& db);

}  // namespace escbot::storage::sql
