#include "storage/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "bot/core/logging.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sql/repositories.hpp"
#include "storage/sqlite/open_case_cache.hpp"
#include "storage/sqlite/open_draft_cache.hpp"
#include "storage/sqlite/wal_checkpointer.hpp"

namespace escbot::storage::sqlite {
namespace {

// The repositories, created once per store; a transaction hands out references to them.
struct Repositories {
    OpenDraftCache open_drafts;  // before `drafts`, which holds it
    OpenCaseCache open_cases;    // before `escalation`, which holds it
    // `process_cache`: Store::AllowsProcessCache, which decides whether the caches are used.
    Repositories(Database& db, bool process_cache)
        : outbox(sql::NewOutboxRepository(db)),
          message_refs(sql::NewMessageRefRepository(db)),
          timers(sql::NewTimerRepository(db)),
          drafts(sql::NewDraftRepository(db, process_cache ? &open_drafts : nullptr)),
          audit(sql::NewAuditLog(db)),
          events(sql::NewEventDedup(db)),
          concert(sql::NewConcertRepository(db)),
          escalation(sql::NewEscalationRepositories(db, process_cache ? &open_cases : nullptr)),
          retention(sql::NewRetentionRepository(db)),
          installer_complaints(sql::NewInstallerComplaintRepository(db)),
          team_view(sql::NewTeamViewRepository(db)),
          watchdog(sql::NewWatchdogRepository(db)) {
        if (process_cache) WatchCaseWrites(db, open_cases);
    }

    std::unique_ptr<OutboxRepository> outbox;
    std::unique_ptr<MessageRefRepository> message_refs;
    std::unique_ptr<TimerRepository> timers;
    std::unique_ptr<DraftRepository> drafts;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<EventDedup> events;
    std::unique_ptr<ConcertRepository> concert;
    std::unique_ptr<EscalationRepositories> escalation;
    std::unique_ptr<RetentionRepository> retention;
    std::unique_ptr<InstallerComplaintRepository> installer_complaints;
    std::unique_ptr<TeamViewRepository> team_view;
    std::unique_ptr<WatchdogRepository> watchdog;
};

// The outbox as a unit of work hands it out: notes whether the transaction enqueued anything,
// so that the store can wake the outbox worker after the commit.
class NotingOutbox final : public OutboxRepository {
public:
    explicit NotingOutbox(OutboxRepository& inner) : inner_(inner) {}

    long long Enqueue(const OutboxItem& item, TimePoint now) override {
        const long long id = inner_.Enqueue(item, now);
        enqueued_ = true;
        return id;
    }
    std::vector<OutboxItem> Due(TimePoint now, int limit) override { return inner_.Due(now, limit); }
    std::vector<OutboxItem> ClaimDue(TimePoint now, int limit, std::string_view owner,
                                     TimePoint lease_until) override {
        return inner_.ClaimDue(now, limit, owner, lease_until);
    }
    std::optional<OutboxItem> Get(long long id) override { return inner_.Get(id); }
    void MarkSent(long long id, TimePoint now) override { inner_.MarkSent(id, now); }
    void MarkRetry(long long id, TimePoint next_attempt_at, std::string_view error) override {
        inner_.MarkRetry(id, next_attempt_at, error);
    }
    void MarkFailed(long long id, std::string_view error, TimePoint now) override {
        inner_.MarkFailed(id, error, now);
    }
    void MarkAttempting(long long id, TimePoint now) override { inner_.MarkAttempting(id, now); }
    void MarkOutcomeKnown(long long id) override { inner_.MarkOutcomeKnown(id); }
    int FailWaitingOn(std::string_view key, std::string_view error, TimePoint now) override {
        return inner_.FailWaitingOn(key, error, now);
    }
    OutboxStats Stats() override { return inner_.Stats(); }
    std::optional<TimePoint> NextAttemptAt() override { return inner_.NextAttemptAt(); }
    long long PruneFinished(TimePoint cutoff) override { return inner_.PruneFinished(cutoff); }
    std::optional<OutboxSend> LastSend(std::string_view result_key) override {
        return inner_.LastSend(result_key);
    }
    std::vector<OutboxItem> UnreportedFailures(int limit) override {
        return inner_.UnreportedFailures(limit);
    }
    void MarkFailureReported(long long id, TimePoint at) override {
        inner_.MarkFailureReported(id, at);
    }

    /// True when an item was enqueued since the last call; clears the mark.
    bool TakeEnqueued() { return std::exchange(enqueued_, false); }

private:
    OutboxRepository& inner_;
    bool enqueued_ = false;
};

class SqliteUnitOfWork final : public UnitOfWork {
public:
    explicit SqliteUnitOfWork(Repositories& r) : r_(r), outbox_(*r.outbox) {}

    OutboxRepository& Outbox() override { return outbox_; }
    NotingOutbox& Noting() { return outbox_; }
    MessageRefRepository& MessageRefs() override { return *r_.message_refs; }
    TimerRepository& Timers() override { return *r_.timers; }
    DraftRepository& Drafts() override { return *r_.drafts; }
    AuditLog& Audit() override { return *r_.audit; }
    EventDedup& Events() override { return *r_.events; }
    ConcertRepository& Concert() override { return *r_.concert; }
    EscalationRepositories& Escalation() override { return *r_.escalation; }
    RetentionRepository& Retention() override { return *r_.retention; }
    InstallerComplaintRepository& InstallerComplaints() override {
        return *r_.installer_complaints;
    }
    TeamViewRepository& TeamView() override { return *r_.team_view; }
    WatchdogRepository& Watchdog() override { return *r_.watchdog; }

private:
    Repositories& r_;
    NotingOutbox outbox_;
};

// One connection behind a mutex: SQLite serialises writers anyway, and at the bot's load (small
// transactions of a few statements) one connection is faster than a pool contending for the
// WAL write lock.
class SqliteStore final : public Store {
public:
    SqliteStore(const std::string& path, SqliteStoreOptions options)
        : options_(options),
          db_(path),
          repositories_(db_, AllowsProcessCache()),
          unit_(repositories_) {
        ApplyMigrations(db_, EmbeddedMigrations());
        checkpointer_ = std::make_unique<WalCheckpointer>(db_.Handle().getHandle(), path);
    }

    void WriteTx(const std::function<void(UnitOfWork&)>& fn) override {
        bool enqueued = false;
        {
            const Exclusive exclusive(*this);
            unit_.Noting().TakeEnqueued();
            // IMMEDIATE takes the write lock up front, so a transaction never fails halfway with
            // SQLITE_BUSY when another process (a backup, the sqlite3 shell) writes.
            db_.Exec("BEGIN IMMEDIATE");
            try {
                fn(unit_);
                Commit();
            } catch (...) {
                unit_.Noting().TakeEnqueued();
                Rollback();
                throw;
            }
            enqueued = unit_.Noting().TakeEnqueued();
        }
        // After the commit and outside the lock: the woken worker reads what was committed.
        if (enqueued) OutboxCommitted();
    }

    // BEGIN waits for the first statement: a read answered from memory (an agent's open draft,
    // asked by every /escalate) then costs no lock calls.
    void ReadTx(const std::function<void(UnitOfWork&)>& fn) override {
        const Exclusive exclusive(*this);
        db_.BeginBeforeNextStatement();
        db_.SetReadOnly(true);
        try {
            fn(unit_);
        } catch (...) {
            db_.SetReadOnly(false);
            db_.DropPendingBegin();
            Rollback();
            throw;
        }
        db_.SetReadOnly(false);
        if (db_.DropPendingBegin()) return;  // no statement ran: no transaction to end
        try {
            Commit();
        } catch (...) {
            Rollback();
            throw;
        }
    }

    bool Healthy() override {
        const Exclusive exclusive(*this);
        // Takes and releases the write lock: proves the file is writable and not locked by
        // someone else, without writing a page.
        if (db_.Handle().tryExec("BEGIN IMMEDIATE") != SQLITE_OK) return false;
        return db_.Handle().tryExec("ROLLBACK") == SQLITE_OK;
    }

    bool AllowsProcessCache() const override { return options_.sole_writer; }

private:
    // Holds the connection for one transaction; refuses a nested transaction on the same thread,
    // which would otherwise deadlock on the mutex.
    class Exclusive {
    public:
        explicit Exclusive(SqliteStore& store) : store_(store) {
            if (store_.owner_.load(std::memory_order_relaxed) == std::this_thread::get_id()) {
                throw std::logic_error("nested Store transaction on the same thread");
            }
            store_.mutex_.lock();
            store_.owner_.store(std::this_thread::get_id(), std::memory_order_relaxed);
        }
        ~Exclusive() {
            store_.repositories_.open_drafts.EndTransaction();
            store_.repositories_.open_cases.EndTransaction();
            store_.owner_.store(std::thread::id(), std::memory_order_relaxed);
            store_.mutex_.unlock();
        }
        Exclusive(const Exclusive&) = delete;
        Exclusive& operator=(const Exclusive&) = delete;

    private:
        SqliteStore& store_;
    };

    void Commit() {
        // SQLite rolls a transaction back by itself on some errors (disk full, I/O error); if the
        // code went on regardless, COMMIT must not pretend that the whole unit committed.
        if (sqlite3_get_autocommit(db_.Handle().getHandle()) != 0) {
            throw std::runtime_error("transaction was rolled back by SQLite after an error");
        }
        db_.Exec("COMMIT");
    }

    void Rollback() noexcept {
        if (sqlite3_get_autocommit(db_.Handle().getHandle()) == 0) {
            db_.Handle().tryExec("ROLLBACK");
        }
    }

    const SqliteStoreOptions options_;  // before repositories_, which depend on it
    Database db_;
    Repositories repositories_;
    SqliteUnitOfWork unit_;
    std::mutex mutex_;
    std::atomic<std::thread::id> owner_{};
    std::unique_ptr<WalCheckpointer> checkpointer_;  // last: stops before the connection closes
};

}  // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& path, SqliteStoreOptions options) {
    auto store = std::make_unique<SqliteStore>(path, options);
    logging::Get("storage")->info("database ready");
    return store;
}

}  // namespace escbot::storage::sqlite
