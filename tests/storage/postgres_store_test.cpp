// What the PostgreSQL store adds to the contract suites: migrations under a lock and refused
// downgrades, the append-only audit log enforced by the database, reconnection after the server
// dropped the connections, serializable units of work across stores (replicas), and errors that
// never show a password.

#include <thread>
#include <vector>

#include "bot/core/write_outcome_unknown.hpp"
#include "storage/postgres/connection.hpp"
#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

class PostgresStore : public ::testing::Test {
protected:
    void SetUp() override {
        if (factory_.Url().empty()) {
            GTEST_SKIP() << "no PostgreSQL server: ESCBOT_TEST_POSTGRES_URL is not set (run the "
                            "suite through deploy/with-postgres.sh, as deploy/test.sh does)";
        }
    }

    // The test's own connections carry the schema's name, so that it can cut exactly them.
    std::string TaggedUrl() const {
        const std::string& url = factory_.Url();
        return url + (url.find('?') == std::string::npos ? "?" : "&") +
               "application_name=" + factory_.Schema();
    }
    std::unique_ptr<Store> Open(int pool_size = 4) {
        return postgres::OpenPostgresStore(TaggedUrl(),
                                           {.schema = factory_.Schema(), .pool_size = pool_size});
    }
    postgres::Connection Admin() { return postgres::Connection(factory_.Url(), factory_.Schema()); }

    // What a database restart does to the store: every connection it holds is closed by the
    // server (SQLSTATE 57P01), without restarting the server under the suites running beside.
    int TerminateStoreConnections() {
        auto admin = Admin();
        auto q = admin.Prepare(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = $1 AND pid <> pg_backend_pid()");
        q->bind(1, factory_.Schema());
        int terminated = 0;
        while (q->executeStep()) ++terminated;
        return terminated;
    }

    PostgresStoreFactory factory_;
};

long long Count(postgres::Connection& db, const std::string& sql) {
    auto q = db.Prepare(sql);
    q->executeStep();
    return q->getColumn(0).getInt64();
}

TEST_F(PostgresStore, MigrationsAreAppliedOnceAndRecorded) {
    auto first = Open();
    auto second = Open();  // a second replica starting: nothing left to apply

    auto admin = Admin();
    EXPECT_EQ(Count(admin, "SELECT COUNT(*) FROM schema_migrations WHERE number = 1"), 1);
    EXPECT_EQ(Count(admin, "SELECT COUNT(*) FROM information_schema.tables"
                           " WHERE table_schema = current_schema() AND table_name = 'outbox'"),
              1);
    EXPECT_FALSE(first->AllowsProcessCache());
}

TEST_F(PostgresStore, ADatabaseFromANewerVersionIsRefused) {
    Open().reset();
    Admin().Exec("INSERT INTO schema_migrations (number, name, applied_at)"
                 " VALUES (9999, '9999_future', 0)");

    try {
        Open();
        FAIL() << "opened a database with a newer schema";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("newer than this binary knows"));
    }
}

TEST_F(PostgresStore, TheAuditLogRefusesToChangeOrDeleteAPastEntry) {
    auto store = Open();
    store->WriteTx([](UnitOfWork& u) { u.Audit().Record({0, kT0, "U1", "case.created", "case:1", {}}); });

    auto admin = Admin();
    EXPECT_THROW(admin.Exec("UPDATE audit_log SET actor = 'U2'"), postgres::PgError);
    EXPECT_THROW(admin.Exec("DELETE FROM audit_log"), postgres::PgError);
    EXPECT_THROW(admin.Exec("TRUNCATE audit_log"), postgres::PgError);
    EXPECT_EQ(store->Read([](UnitOfWork& u) { return u.Audit().ForEntity("case:1").size(); }), 1u);
}

TEST_F(PostgresStore, ATransactionRunsAgainOnANewConnectionAfterTheServerDroppedThem) {
    auto store = Open();
    store->WriteTx([](UnitOfWork& u) { u.MessageRefs().Put({"k1", "C1", "1.1"}); });
    ASSERT_GE(TerminateStoreConnections(), 1);

    store->WriteTx([](UnitOfWork& u) { u.MessageRefs().Put({"k2", "C1", "2.2"}); });

    EXPECT_TRUE(store->Healthy());
    store->ReadTx([](UnitOfWork& u) {
        EXPECT_EQ(u.MessageRefs().Get("k1")->ts, "1.1");
        EXPECT_EQ(u.MessageRefs().Get("k2")->ts, "2.2");
    });
}

// The store's connection dies after the unit's statements, before its COMMIT reaches the server:
// the caller cannot know whether the write is durable, and is told so (not "nothing was saved").
TEST_F(PostgresStore, AConnectionLostAtCommitMakesTheOutcomeUnknown) {
    auto store = Open();

    EXPECT_THROW(store->WriteTx([&](UnitOfWork& u) {
        u.MessageRefs().Put({"k1", "C1", "1.1"});
        // Waits (up to 5 s) until the backend is gone, so COMMIT meets a dead connection.
        auto admin = Admin();
        auto q = admin.Prepare(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
            " WHERE application_name = $1 AND pid <> pg_backend_pid()");
        q->bind(1, factory_.Schema());
        while (q->executeStep()) {
        }
    }),
                 WriteOutcomeUnknown);

    store->WriteTx([](UnitOfWork& u) { u.MessageRefs().Put({"k2", "C1", "2.2"}); });
    EXPECT_TRUE(store->Healthy());
    EXPECT_EQ(store->Read([](UnitOfWork& u) { return u.MessageRefs().Get("k2")->ts; }), "2.2");
}

TEST_F(PostgresStore, HealthyRecoversAfterTheServerDroppedTheConnections) {
    auto store = Open();
    ASSERT_TRUE(store->Healthy());
    ASSERT_GE(TerminateStoreConnections(), 1);

    // The first check may meet the dead connection; the store then drops it and the next check
    // connects afresh.
    store->Healthy();
    EXPECT_TRUE(store->Healthy());
}

TEST_F(PostgresStore, AnUnreachableServerFailsCleanlyWithoutShowingThePassword) {
    try {
        postgres::OpenPostgresStore(
            "postgresql://escbot:hunter2@/escbot_test?host=/nonexistent-escbot-socket&port=1");
        FAIL() << "connected to nothing";
    } catch (const postgres::PgError& e) {
        EXPECT_TRUE(e.connection_lost());
        EXPECT_THAT(e.what(), HasSubstr("cannot connect to PostgreSQL"));
        EXPECT_THAT(e.what(), Not(HasSubstr("hunter2")));
    }
}

// Read-modify-write from two stores (two replicas) at once: SERIALIZABLE plus running a unit
// again after a conflict loses no update, as the single SQLite writer never does.
TEST_F(PostgresStore, ConcurrentReadModifyWriteFromTwoStoresLosesNoUpdate) {
    auto a = Open();
    auto b = Open();
    a->WriteTx([](UnitOfWork& u) { u.MessageRefs().Put({"counter", "C1", "0"}); });
    constexpr int kPerThread = 40;
    const auto bump = [](Store& store) {
        for (int i = 0; i < kPerThread; ++i) {
            store.WriteTx([](UnitOfWork& u) {
                const int value = std::stoi(u.MessageRefs().Get("counter")->ts);
                u.MessageRefs().Put({"counter", "C1", std::to_string(value + 1)});
            });
        }
    };
    std::vector<std::thread> threads;
    threads.emplace_back(bump, std::ref(*a));
    threads.emplace_back(bump, std::ref(*a));
    threads.emplace_back(bump, std::ref(*b));
    threads.emplace_back(bump, std::ref(*b));
    for (auto& t : threads) t.join();

    EXPECT_EQ(a->Read([](UnitOfWork& u) { return u.MessageRefs().Get("counter")->ts; }),
              std::to_string(4 * kPerThread));
}

// The scheduler's way of firing (list due timers, then in one write: find it again by key, remove
// it, run its handler) fires each timer once when two replicas run it on one database.
TEST_F(PostgresStore, TwoReplicasFiringTheSameTimersFireEachOnce) {
    auto a = Open();
    auto b = Open();
    constexpr int kTimers = 60;
    a->WriteTx([](UnitOfWork& u) {
        for (int i = 0; i < kTimers; ++i) {
            u.Timers().Schedule({0, "test.fire", "timer:" + std::to_string(i), kT0, {}});
        }
    });
    const auto run_due = [&](Store& store) {
        const auto due = store.Read([](UnitOfWork& u) { return u.Timers().Due(kT0, 1000); });
        for (const Timer& timer : due) {
            store.WriteTx([&](UnitOfWork& u) {
                const auto current = u.Timers().Find(timer.key);
                if (!current || current->id != timer.id) return;
                u.Timers().Remove(current->id);
                u.Audit().Record({0, kT0, "bot", "timer.fired", timer.key, {}});
            });
        }
    };
    std::thread ta(run_due, std::ref(*a));
    std::thread tb(run_due, std::ref(*b));
    ta.join();
    tb.join();

    auto admin = Admin();
    EXPECT_EQ(Count(admin, "SELECT COUNT(*) FROM audit_log WHERE action = 'timer.fired'"), kTimers);
    EXPECT_EQ(Count(admin, "SELECT COUNT(DISTINCT entity) FROM audit_log"), kTimers);
    EXPECT_EQ(Count(admin, "SELECT COUNT(*) FROM timers"), 0);
}

TEST(PostgresText, QuestionMarkParametersBecomeDollarOnesOutsideQuotes) {
    EXPECT_EQ(postgres::ToDollarParams("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?12"),
              "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $12");
}

TEST(PostgresText, RedactUrlHidesThePassword) {
    EXPECT_EQ(postgres::RedactUrl("postgresql://u:secret@h/db"), "postgresql://u:***@h/db");
    EXPECT_EQ(postgres::RedactUrl("postgresql://h/db?password=secret&user=u"),
              "postgresql://h/db?password=***&user=u");
    EXPECT_EQ(postgres::RedactUrl("postgresql://u@h/db"), "postgresql://u@h/db");
}

}  // namespace
}  // namespace escbot::storage::test
