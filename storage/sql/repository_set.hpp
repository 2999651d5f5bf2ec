#pragma once

#include <memory>

#include "storage/sql/noting_outbox.hpp"
#include "storage/sql/repositories.hpp"
#include "storage/store.hpp"

namespace escbot::storage::sql {

/// Every repository on one connection, handed out as the UnitOfWork of its transactions (SQLite:
/// the store's one set; PostgreSQL: one per pooled connection). The outbox notes whether a
/// transaction enqueued anything (Noting), so that the store wakes the worker after the commit.
template <class Db>
class RepositorySet final : public UnitOfWork {
public:
    /// The process caches, or null for none: see NewDraftRepository and NewEscalationRepositories.
    explicit RepositorySet(Db& db, sqlite::OpenDraftCache* open_drafts = nullptr,
                           sqlite::OpenCaseCache* open_cases = nullptr)
        : outbox_inner_(NewOutboxRepository(db)),
          outbox_(*outbox_inner_),
          message_refs_(NewMessageRefRepository(db)),
          timers_(NewTimerRepository(db)),
          drafts_(NewDraftRepository(db, open_drafts)),
          audit_(NewAuditLog(db)),
          events_(NewEventDedup(db)),
          concert_(NewConcertRepository(db)),
          escalation_(NewEscalationRepositories(db, open_cases)),
          retention_(NewRetentionRepository(db)),
          installer_complaints_(NewInstallerComplaintRepository(db)),
          team_view_(NewTeamViewRepository(db)),
          watchdog_(NewWatchdogRepository(db)) {}

    OutboxRepository& Outbox() override { return outbox_; }
    NotingOutbox& Noting() { return outbox_; }
    MessageRefRepository& MessageRefs() override { return *message_refs_; }
    TimerRepository& Timers() override { return *timers_; }
    DraftRepository& Drafts() override { return *drafts_; }
    AuditLog& Audit() override { return *audit_; }
    EventDedup& Events() override { return *events_; }
    ConcertRepository& Concert() override { return *concert_; }
    EscalationRepositories& Escalation() override { return *escalation_; }
    RetentionRepository& Retention() override { return *retention_; }
    InstallerComplaintRepository& InstallerComplaints() override {
        return *installer_complaints_;
    }
    TeamViewRepository& TeamView() override { return *team_view_; }
    WatchdogRepository& Watchdog() override { return *watchdog_; }

private:
    std::unique_ptr<OutboxRepository> outbox_inner_;
    NotingOutbox outbox_;
    std::unique_ptr<MessageRefRepository> message_refs_;
    std::unique_ptr<TimerRepository> timers_;
    std::unique_ptr<DraftRepository> drafts_;
    std::unique_ptr<AuditLog> audit_;
    std::unique_ptr<EventDedup> events_;
    std::unique_ptr<ConcertRepository> concert_;
    std::unique_ptr<EscalationRepositories> escalation_;
    std::unique_ptr<RetentionRepository> retention_;
    std::unique_ptr<InstallerComplaintRepository> installer_complaints_;
    std::unique_ptr<TeamViewRepository> team_view_;
    std::unique_ptr<WatchdogRepository> watchdog_;
};

}  // namespace escbot::storage::sql
