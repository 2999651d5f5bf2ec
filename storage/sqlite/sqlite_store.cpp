#include "storage/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "bot/core/logging.hpp"
#include "storage/sql/repository_set.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/open_case_cache.hpp"
#include "storage/sqlite/open_draft_cache.hpp"
#include "storage/sqlite/wal_checkpointer.hpp"

namespace escbot::storage::sqlite {
namespace {

// One connection behind a mutex: SQLite serialises writers anyway, and at the bot's load (small
// transactions of a few statements) one connection is faster than a pool contending for the
// WAL write lock.
class SqliteStore final : public Store {
public:
    SqliteStore(const std::string& path, SqliteStoreOptions options)
        : options_(options),
          db_(path),
          unit_(db_, AllowsProcessCache() ? &open_drafts_ : nullptr,
                AllowsProcessCache() ? &open_cases_ : nullptr) {
        if (AllowsProcessCache()) WatchCaseWrites(db_, open_cases_);
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
            store_.open_drafts_.EndTransaction();
            store_.open_cases_.EndTransaction();
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

    const SqliteStoreOptions options_;  // before unit_, which depends on it
    Database db_;
    OpenDraftCache open_drafts_;  // before unit_, which holds them
    OpenCaseCache open_cases_;
    sql::RepositorySet<Database> unit_;
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
