#include "storage/sqlite/migrate.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <SQLiteCpp/Exception.h>

#include "bot/core/logging.hpp"

namespace escbot::storage::sqlite {
namespace {

std::vector<const Migration*> SortedChecked(const std::vector<Migration>& migrations) {
    std::vector<const Migration*> sorted;
    sorted.reserve(migrations.size());
    for (const Migration& m : migrations) sorted.push_back(&m);
    std::sort(sorted.begin(), sorted.end(),
              [](const Migration* a, const Migration* b) { return a->number < b->number; });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        if (sorted[i]->number == sorted[i - 1]->number) {
            throw std::runtime_error("two migrations share number " +
                                     std::to_string(sorted[i]->number) + ": " +
                                     sorted[i - 1]->name + " and " + sorted[i]->name);
        }
    }
    return sorted;
}

bool IsApplied(Database& db, int number) {
    auto q = db.Prepare("SELECT 1 FROM schema_migrations WHERE number = ?1");
    q->bind(1, number);
    return q->executeStep();
}

void RefuseDowngrade(Database& db, const std::vector<const Migration*>& sorted) {
    auto q = db.Prepare("SELECT number, name FROM schema_migrations ORDER BY number DESC LIMIT 1");
    if (!q->executeStep()) return;
    const int newest_applied = q->getColumn(0).getInt();
    const int newest_known = sorted.empty() ? 0 : sorted.back()->number;
    if (newest_applied > newest_known) {
        throw std::runtime_error(
            "database " + db.Path() + " has schema migration " + std::to_string(newest_applied) +
            " (" + q->getColumn(1).getString() + "), newer than this binary knows (" +
            std::to_string(newest_known) +
            "); it was written by a newer version of escalation-bot. Downgrades are not "
            "supported: run the newer version, or restore a backup taken before the upgrade.");
    }
}

void ApplyOne(Database& db, const Migration& m) {
    db.Exec("BEGIN IMMEDIATE");
    try {
        // Checked again under the write lock: another process may have applied it meanwhile.
        if (!IsApplied(db, m.number)) {
            db.Handle().exec(m.sql);
            auto insert = db.Prepare(
                "INSERT INTO schema_migrations (number, name, applied_at) "
                "VALUES (?1, ?2, CAST(strftime('%s', 'now') AS INTEGER))");
            insert->bind(1, m.number);
            insert->bind(2, m.name);
            insert->exec();
        }
        db.Exec("COMMIT");
    } catch (const std::exception& e) {
        db.Handle().tryExec("ROLLBACK");
        throw std::runtime_error("database " + db.Path() + ": migration " + m.name +
                                 " failed: " + e.what());
    }
}

}  // namespace

int ApplyMigrations(Database& db, const std::vector<Migration>& migrations) {
    const auto sorted = SortedChecked(migrations);
    db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " number     INTEGER PRIMARY KEY,"
        " name       TEXT    NOT NULL,"
        " applied_at INTEGER NOT NULL)");
    RefuseDowngrade(db, sorted);

    int applied = 0;
    for (const Migration* m : sorted) {
        if (IsApplied(db, m->number)) continue;
        ApplyOne(db, *m);
        logging::Get("storage")->info("applied migration {}", m->name);
        ++applied;
    }
    return applied;
}

}  // namespace escbot::storage::sqlite
