#include "storage/postgres/migrate.hpp"

#include <stdexcept>
#include <string>

#include "storage/sql/migrate.hpp"

namespace escbot::storage::postgres {
namespace {

// One lock per schema (the tests' schemas migrate in parallel; production has one).
constexpr const char* kLockKey = "hashtext('escalation-bot migrations ' || current_schema())";

void ApplyOne(Connection& db, const Migration& m) {
    db.Exec("BEGIN");
    try {
        db.Exec(m.sql);
        auto insert = db.Prepare(
            "INSERT INTO schema_migrations (number, name, applied_at)"
            " VALUES ($1, $2, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT))");
        insert->bind(1, m.number);
        insert->bind(2, m.name);
        insert->exec();
        db.Exec("COMMIT");
    } catch (const std::exception& e) {
        try {
            db.Exec("ROLLBACK");
        } catch (const std::exception&) {
            // The connection is gone: the server rolled back.
        }
        throw std::runtime_error(std::string("PostgreSQL migration ") + m.name +
                                 " failed: " + e.what());
    }
}

}  // namespace

int ApplyMigrations(Connection& db, const std::vector<Migration>& migrations) {
    db.Exec(std::string("SELECT pg_advisory_lock(") + kLockKey + ")");
    int applied = 0;
    try {
        applied = sql::ApplyPending(db, migrations, "PostgreSQL database",
                                    [&db](const Migration& m) { ApplyOne(db, m); });
    } catch (...) {
        try {
            db.Exec(std::string("SELECT pg_advisory_unlock(") + kLockKey + ")");
        } catch (const std::exception&) {
            // A lost connection released the lock with its session.
        }
        throw;
    }
    db.Exec(std::string("SELECT pg_advisory_unlock(") + kLockKey + ")");
    return applied;
}

}  // namespace escbot::storage::postgres
