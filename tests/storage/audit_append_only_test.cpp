#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.hpp"
#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

// The audit log is append-only in the database itself: even a statement typed into the sqlite3
// shell cannot change or remove a past entry.
TEST(AuditAppendOnly, TheDatabaseRefusesToChangeOrDeleteAPastEntry) {
    escbot::test::TempDir dir;
    const std::string path = (dir / "bot.db").string();
    sqlite::OpenSqliteStore(path)->Write([](UnitOfWork& u) {
        u.Audit().Record({0, kT0, "U1", "case.created", "case:1", {{"outcome", "follow_up"}}});
    });
    SQLite::Database db(path, SQLite::OPEN_READWRITE);

    EXPECT_THROW(db.exec("UPDATE audit_log SET actor = 'U2'"), SQLite::Exception);
    EXPECT_THROW(db.exec("DELETE FROM audit_log"), SQLite::Exception);
    EXPECT_THROW(db.exec("UPDATE audit_log SET detail = '{}' WHERE id = 1"), SQLite::Exception);
    EXPECT_EQ(db.execAndGet("SELECT actor FROM audit_log WHERE id = 1").getString(), "U1");
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM audit_log").getInt(), 1);
    // Appending still works.
    db.exec("INSERT INTO audit_log (at, actor, action, entity) VALUES (1, 'U3', 'case.claimed', 'case:1')");
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM audit_log").getInt(), 2);
}

}  // namespace
}  // namespace escbot::storage::test
