#include "storage/postgres/migrate.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "bot/core/logging.hpp"

namespace escbot::storage::postgres {
namespace {

// One lock per schema (the tests' schemas migrate in parallel; production has one).
constexpr const char* kLockKey = "hashtext('escalation-bot migrations ' || current_schema())";

std::vector<const Migration*> SortedChecked(const std::vector<Migration>& migrations) {
    std::vector<const Migration*> sorted;
    for (const Migration& m : migrations) sorted.push_back(&m);
    std::sort(sorted.begin(), sorted.end(),
              [](const Migration* a, const Migration* b) { return a->number < b->number; });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        if (sorted[i]->number == sorted[i - 1]->number) {
            throw std::runtime_error("two PostgreSQL migrations share number " +
                                     std::to_string(sorted[i]->number));
        }
    }
    return sorted;
}

bool IsApplied(Connection& db, int number) {
    auto q = db.Prepare("SELECT 1 FROM schema_migrations WHERE number = $1");
    q->bind(1, number);
    return q->executeStep();
}

void RefuseDowngrade(Connection& db, const std::vector<const Migration*>& sorted) {
    auto q = db.Prepare("SELECT number, name FROM schema_migrations ORDER BY number DESC LIMIT 1");
    if (!q->executeStep()) return;
    const int newest_applied = q->getColumn(0).getInt();
    const int newest_known = sorted.empty() ? 0 : sorted.back()->number;
    if (newest_applied > newest_known) {
        throw std::runtime_error(
            "PostgreSQL database has schema migration " + std::to_string(newest_applied) + " (" +
            q->getColumn(1).getString() + "), newer than this binary knows (" +
            std::to_string(newest_known) +
            "); it was written by a newer version of escalation-bot. Downgrades are not "
            "supported: run the newer version.");
    }
}

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
    const auto sorted = SortedChecked(migrations);
    db.Exec(std::string("SELECT pg_advisory_lock(") + kLockKey + ")");
    int applied = 0;
    try {
        db.Exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " number     INTEGER PRIMARY KEY,"
            " name       TEXT    NOT NULL,"
            " applied_at BIGINT  NOT NULL)");
        RefuseDowngrade(db, sorted);
        for (const Migration* m : sorted) {
            if (IsApplied(db, m->number)) continue;
            ApplyOne(db, *m);
            logging::Get("storage")->info("applied PostgreSQL migration {}", m->name);
            ++applied;
        }
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
