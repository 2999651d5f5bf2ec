#include "storage/postgres/postgres_store.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "bot/core/logging.hpp"
#include "bot/core/write_outcome_unknown.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/migrate.hpp"
#include "storage/postgres/migrations.hpp"
#include "storage/postgres/pool.hpp"
#include "storage/sql/repository_set.hpp"

namespace escbot::storage::postgres {
namespace {

// A serialization failure means another transaction (maybe on another replica) touched the same
// rows: running again usually succeeds at once; a few tries cover bursts.
constexpr int kConflictTries = 8;

// One pooled connection with the repositories bound to it.
struct Session {
    Session(const std::string& url, const std::string& schema) : db(url, schema), unit(db) {}

    Connection db;
    sql::RepositorySet<Connection> unit;  // no process caches: other replicas write the rows
};

// The stores with a transaction open on this thread: a nested transaction on the same store
// would wait for a second connection while holding the first, and is refused as on SQLite.
thread_local std::vector<const void*> open_here;

class NestingGuard {
public:
    explicit NestingGuard(const void* store) : store_(store) {
        if (std::find(open_here.begin(), open_here.end(), store) != open_here.end()) {
            throw std::logic_error("nested Store transaction on the same thread");
        }
        open_here.push_back(store);
    }
    ~NestingGuard() { open_here.erase(std::find(open_here.begin(), open_here.end(), store_)); }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

private:
    const void* store_;
};

class PostgresStore final : public Store {
public:
    PostgresStore(std::string url, PostgresStoreOptions options)
        : url_(std::move(url)),
          options_(std::move(options)),
          pool_([this] { return std::make_unique<Session>(url_, options_.schema); },
                std::max(1, options_.pool_size), options_.pool_wait) {
        Connection db(url_, options_.schema);
        ApplyMigrations(db, EmbeddedMigrations());
    }

    void WriteTx(const std::function<void(UnitOfWork&)>& fn) override {
        if (Run(fn, "BEGIN ISOLATION LEVEL SERIALIZABLE", false)) OutboxCommitted();
    }

    void ReadTx(const std::function<void(UnitOfWork&)>& fn) override {
        Run(fn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", true);
    }

    bool Healthy() override {
        try {
            const NestingGuard nesting(this);
            auto session = pool_.Borrow();
            try {
                // A standby (or a read-only default) would refuse the bot's writes.
                auto q = session->db.Prepare(
                    "SELECT NOT pg_is_in_recovery()"
                    " AND current_setting('default_transaction_read_only') = 'off'");
                const bool writable = q->executeStep() && q->getColumn(0).getInt() == 1;
                pool_.Return(std::move(session));
                return writable;
            } catch (const PgError&) {
                pool_.Discard(std::move(session));
                return false;
            }
        } catch (const std::exception&) {
            return false;
        }
    }

    bool AllowsProcessCache() const override { return false; }

private:
    // Runs fn in a transaction begun by `begin`, again on a serialization failure or a connection
    // found broken before COMMIT. True when the committed unit enqueued outbox items.
    bool Run(const std::function<void(UnitOfWork&)>& fn, const char* begin, bool read_only) {
        const NestingGuard nesting(this);
        int conflicts = 0;
        bool reconnected = false;
        for (;;) {
            auto session = pool_.Borrow();
            session->unit.Noting().TakeEnqueued();
            bool committing = false;
            try {
                session->db.Begin(begin);
                fn(session->unit);
                committing = true;
                if (read_only) {
                    session->db.CommitReadOnly();
                } else {
                    session->db.Commit();
                }
            } catch (const PgError& e) {
                session->unit.Noting().TakeEnqueued();
                if (e.connection_lost() || !session->db.Usable()) {
                    pool_.Discard(std::move(session));
                    if (committing && read_only) throw;  // nothing was written
                    if (committing) {
                        throw WriteOutcomeUnknown(
                            std::string("the connection broke during COMMIT; the transaction may "
                                        "or may not have committed: ") +
                            e.what());
                    }
                    if (!std::exchange(reconnected, true)) {
                        logging::Get("storage")->warn(
                            "PostgreSQL connection lost; running the transaction again on a new "
                            "connection");
                        continue;
                    }
                    throw;
                }
                if (!Rollback(session)) throw;
                if (e.retryable() && ++conflicts < kConflictTries) {
                    Backoff(conflicts);
                    continue;
                }
                throw;
            } catch (...) {
                session->unit.Noting().TakeEnqueued();
                Rollback(session);
                throw;
            }
            const bool enqueued = session->unit.Noting().TakeEnqueued();
            pool_.Return(std::move(session));
            return enqueued;
        }
    }

    // Ends the failed transaction; a connection that cannot is closed. False when closed.
    bool Rollback(std::unique_ptr<Session>& session) noexcept {
        try {
            session->db.Rollback();
            pool_.Return(std::move(session));
            return true;
        } catch (...) {
            pool_.Discard(std::move(session));
            return false;
        }
    }

    static void Backoff(int attempt) {
        thread_local std::minstd_rand random(std::random_device{}());
        const int ceiling_ms = std::min(2 << attempt, 100);
        std::uniform_int_distribution<int> pause(1, ceiling_ms);
        std::this_thread::sleep_for(std::chrono::milliseconds(pause(random)));
    }

    const std::string url_;
    const PostgresStoreOptions options_;
    Pool<Session> pool_;
};

}  // namespace

std::unique_ptr<Store> OpenPostgresStore(const std::string& url, PostgresStoreOptions options) {
    auto store = std::make_unique<PostgresStore>(url, std::move(options));
    logging::Get("storage")->info("PostgreSQL database ready");
    return store;
}

}  // namespace escbot::storage::postgres
