#include "storage/sqlite/migrate.hpp"

#include <stdexcept>
#include <string>

#include "storage/sql/migrate.hpp"

namespace escbot::storage::sqlite {
namespace {

void ApplyOne(Database& db, const Migration& m) {
    db.Exec("BEGIN IMMEDIATE");
    try {
        // Checked again under the write lock: another process may have applied it meanwhile.
        if (!sql::IsApplied(db, m.number)) {
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
    return sql::ApplyPending(db, migrations, "database " + db.Path(),
                             [&db](const Migration& m) { ApplyOne(db, m); });
}

}  // namespace escbot::storage::sqlite
