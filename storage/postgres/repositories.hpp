#pragma once

#include <memory>

#include "storage/postgres/connection.hpp"
#include "storage/store.hpp"

namespace escbot::storage::postgres {

// Factories for the PostgreSQL repositories, one per file (pg_<name>.cpp), twins of the SQLite
// ones (storage/sqlite/repositories.hpp) with the same SQL wherever PostgreSQL reads it the same.
// Each repository holds only a Connection&; PostgresStore creates a set per pooled connection and
// hands it out inside that connection's transaction. They never begin or end a transaction.
// Methods throw PgError on storage failure, and std::runtime_error when asked to change a row
// that does not exist. No per-process cache: other replicas write the same rows.

std::unique_ptr<OutboxRepository> NewOutboxRepository(Connection& db);
std::unique_ptr<MessageRefRepository> NewMessageRefRepository(Connection& db);
std::unique_ptr<TimerRepository> NewTimerRepository(Connection& db);
std::unique_ptr<DraftRepository> NewDraftRepository(Connection& db);
std::unique_ptr<AuditLog> NewAuditLog(Connection& db);
std::unique_ptr<EventDedup> NewEventDedup(Connection& db);
std::unique_ptr<ConcertRepository> NewConcertRepository(Connection& db);
std::unique_ptr<EscalationRepositories> NewEscalationRepositories(Connection& db);
std::unique_ptr<RetentionRepository> NewRetentionRepository(Connection& db);
std::unique_ptr<InstallerComplaintRepository> NewInstallerComplaintRepository(Connection& db);
std::unique_ptr<WatchdogRepository> NewWatchdogRepository(Connection& db);
std::unique_ptr<TeamViewRepository> NewTeamViewRepository(Connection& db);

}  // namespace escbot::storage::postgres
