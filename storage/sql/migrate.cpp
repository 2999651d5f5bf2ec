#include "storage/sql/migrate.hpp"

#include <algorithm>
#include <stdexcept>

#include "bot/core/logging.hpp"
#include "storage/sql/backends.hpp"

namespace escbot::storage::sql {
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

template <class Db>
void RefuseDowngrade(Db& db, const std::vector<const Migration*>& sorted,
                     const std::string& database) {
    auto q = db.Prepare("SELECT number, name FROM schema_migrations ORDER BY number DESC LIMIT 1");
    if (!q->executeStep()) return;
    const int newest_applied = q->getColumn(0).getInt();
    const int newest_known = sorted.empty() ? 0 : sorted.back()->number;
    if (newest_applied > newest_known) {
        throw std::runtime_error(
            database + " has schema migration " + std::to_string(newest_applied) + " (" +
            q->getColumn(1).getString() + "), newer than this binary knows (" +
            std::to_string(newest_known) +
            "); it was written by a newer version of escalation-bot. Downgrades are not "
            "supported: run the newer version, or restore a backup taken before the upgrade.");
    }
}

}  // namespace

template <class Db>
bool IsApplied(Db& db, int number) {
    auto q = db.Prepare("SELECT 1 FROM schema_migrations WHERE number = ?1");
    q->bind(1, number);
    return q->executeStep();
}

template <class Db>
int ApplyPending(Db& db, const std::vector<Migration>& migrations, const std::string& database,
                 const std::function<void(const Migration&)>& apply_one) {
    const auto sorted = SortedChecked(migrations);
    db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " number     INTEGER PRIMARY KEY,"
        " name       TEXT    NOT NULL,"
        " applied_at BIGINT  NOT NULL)");
    RefuseDowngrade(db, sorted, database);
    int applied = 0;
    for (const Migration* m : sorted) {
        if (IsApplied(db, m->number)) continue;
        apply_one(*m);
        logging::Get("storage")->info("applied migration {}", m->name);
        ++applied;
    }
    return applied;
}

template bool IsApplied(sqlite::Database&, int);
template bool IsApplied(postgres::Connection&, int);
template int ApplyPending(sqlite::Database&, const std::vector<Migration>&, const std::string&,
                          const std::function<void(const Migration&)>&);
template int ApplyPending(postgres::Connection&, const std::vector<Migration>&,
                          const std::string&, const std::function<void(const Migration&)>&);

}  // namespace escbot::storage::sql
