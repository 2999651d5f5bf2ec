#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::sqlite {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0 = FromUnix(1'700'000'000);

unsigned Mode(const std::filesystem::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return 0;
    return st.st_mode & 0777;
}

std::string PragmaText(Database& db, const std::string& pragma) {
    auto q = db.Prepare("PRAGMA " + pragma);
    return q->executeStep() ? q->getColumn(0).getString() : "";
}

OutboxItem Item() {
    OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", "C1"}};
    item.lane = "C1";
    return item;
}

TEST(SqliteDatabase, CreatesTheFileWithMode0600AndItsMissingDirectoryWith0700) {
    const test::TempDir dir;
    const auto path = dir / "state/bot.db";

    const auto store = OpenSqliteStore(path.string());

    EXPECT_EQ(Mode(path), 0600u);
    EXPECT_EQ(Mode(dir / "state"), 0700u);
}

TEST(SqliteDatabase, WalAndSharedMemoryFilesAreCreatedWithMode0600) {
    const test::TempDir dir;
    const auto path = dir / "bot.db";
    const auto store = OpenSqliteStore(path.string());

    store->WriteTx([](UnitOfWork& u) { u.Outbox().Enqueue(Item(), kT0); });

    ASSERT_TRUE(std::filesystem::exists(path.string() + "-wal"));
    EXPECT_EQ(Mode(path.string() + "-wal"), 0600u);
    EXPECT_EQ(Mode(path.string() + "-shm"), 0600u);
}

TEST(SqliteDatabase, ExistingFileReadableByOthersIsTightenedTo0600) {
    const test::TempDir dir;
    const auto path = dir / "bot.db";
    std::ofstream(path).close();
    std::filesystem::permissions(path, std::filesystem::perms(0644));

    const auto store = OpenSqliteStore(path.string());

    EXPECT_EQ(Mode(path), 0600u);
}

TEST(SqliteDatabase, UsesWalJournalForeignKeysNormalSyncAndABusyTimeout) {
    const test::TempDir dir;
    Database db((dir / "bot.db").string());

    EXPECT_EQ(PragmaText(db, "journal_mode"), "wal");
    EXPECT_EQ(PragmaText(db, "foreign_keys"), "1");
    EXPECT_EQ(PragmaText(db, "synchronous"), "1");  // NORMAL
    EXPECT_EQ(PragmaText(db, "busy_timeout"), "5000");
}

TEST(SqliteDatabase, ForeignKeysAreEnforced) {
    const test::TempDir dir;
    Database db((dir / "bot.db").string());
    db.Handle().exec(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id));");

    EXPECT_THROW(db.Exec("INSERT INTO child (parent_id) VALUES (1)"), SQLite::Exception);
}

TEST(SqliteDatabase, FileThatIsNotADatabaseIsRefusedNamingThePath) {
    const test::TempDir dir;
    const auto path = dir / "bot.db";
    std::ofstream(path) << "this is not an SQLite database, just some text long enough to matter";

    try {
        OpenSqliteStore(path.string());
        FAIL() << "expected the open to fail";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
}

TEST(SqliteDatabase, PreparedStatementIsReusedForTheSameSqlText) {
    const test::TempDir dir;
    Database db((dir / "bot.db").string());
    const std::size_t before = db.CachedStatementCount();

    for (int i = 0; i < 3; ++i) {
        auto q = db.Prepare("SELECT ?1");
        q->bind(1, i);
        ASSERT_TRUE(q->executeStep());
        EXPECT_EQ(q->getColumn(0).getInt(), i);
    }

    EXPECT_EQ(db.CachedStatementCount(), before + 1);
}

TEST(SqliteDatabase, SameSqlBorrowedTwiceAtOnceGivesTwoIndependentStatements) {
    const test::TempDir dir;
    Database db((dir / "bot.db").string());

    auto outer = db.Prepare("SELECT ?1");
    outer->bind(1, 1);
    auto inner = db.Prepare("SELECT ?1");
    inner->bind(1, 2);

    ASSERT_TRUE(outer->executeStep());
    ASSERT_TRUE(inner->executeStep());
    EXPECT_EQ(outer->getColumn(0).getInt(), 1);
    EXPECT_EQ(inner->getColumn(0).getInt(), 2);
}

TEST(SqliteDatabase, ReadOnlyModeRejectsAStatementThatWrites) {
    const test::TempDir dir;
    Database db((dir / "bot.db").string());
    db.Exec("CREATE TABLE t (x INTEGER)");

    db.SetReadOnly(true);

    EXPECT_THROW(db.Prepare("INSERT INTO t (x) VALUES (1)"), std::logic_error);
    EXPECT_NO_THROW(db.Prepare("SELECT x FROM t"));
}

TEST(SqliteStore, NestedTransactionOnTheSameThreadThrowsInsteadOfDeadlocking) {
    const test::TempDir dir;
    const auto store = OpenSqliteStore((dir / "bot.db").string());

    EXPECT_THROW(store->WriteTx([&](UnitOfWork&) { store->ReadTx([](UnitOfWork&) {}); }),
                 std::logic_error);
}

TEST(SqliteStore, HealthProbeDoesNotGrowTheDatabase) {
    const test::TempDir dir;
    const auto path = (dir / "bot.db").string();
    const auto store = OpenSqliteStore(path);
    store->WriteTx([](UnitOfWork& u) { u.Outbox().Enqueue(Item(), kT0); });
    const auto db_size = std::filesystem::file_size(path);
    const auto wal_size = std::filesystem::file_size(path + "-wal");

    for (int i = 0; i < 20; ++i) ASSERT_TRUE(store->Healthy());

    EXPECT_EQ(std::filesystem::file_size(path), db_size);
    EXPECT_EQ(std::filesystem::file_size(path + "-wal"), wal_size);
}

TEST(SqliteStore, CommittedWriteSurvivesTheProcessBeingKilled) {
    const test::TempDir dir;
    const auto path = (dir / "bot.db").string();
    OpenSqliteStore(path);  // create and migrate, then close

    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            const auto store = OpenSqliteStore(path);
            store->WriteTx([](UnitOfWork& u) { u.Outbox().Enqueue(Item(), kT0); });
            ::kill(::getpid(), SIGKILL);
        } catch (...) {
        }
        ::_exit(1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));

    const auto store = OpenSqliteStore(path);
    EXPECT_EQ(store->Read([](UnitOfWork& u) { return u.Outbox().Stats().pending; }), 1);
}

}  // namespace
}  // namespace escbot::storage::sqlite
