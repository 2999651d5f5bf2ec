#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/wal_checkpointer.hpp"
#include "tests/support/paths.hpp"

namespace escbot::storage::sqlite {
namespace {

constexpr int kPageBytes = 4096;

// Commits `pages` WAL pages or so, one page-sized row per transaction.
void WritePages(Database& db, int pages) {
    db.Exec("CREATE TABLE IF NOT EXISTS filler (body BLOB)");
    for (int i = 0; i < pages; ++i) {
        db.Exec("INSERT INTO filler VALUES (zeroblob(4000))");
    }
}

bool WaitFor(const WalCheckpointer& c, std::uint64_t n) {
    for (int i = 0; i < 1000 && c.Completed() < n; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return c.Completed() >= n;
}

TEST(WalCheckpointer, CopiesTheWalIntoTheFileOnItsOwnThreadPastTheThreshold) {
    const test::TempDir dir;
    const std::string path = (dir / "bot.sqlite3").string();
    Database db(path);
    WalCheckpointer checkpointer(db.Handle().getHandle(), path, /*pages=*/100);

    WritePages(db, 300);

    ASSERT_TRUE(WaitFor(checkpointer, 1));
    // The first checkpoint starts once the WAL holds 100 frames (about 3 per commit here): it
    // copies some 30 new pages, where the file held 2.
    EXPECT_GT(std::filesystem::file_size(path), 10u * kPageBytes);
}

TEST(WalCheckpointer, TheWritersCommitsNeverCheckpoint) {
    const test::TempDir dir;
    const std::string path = (dir / "bot.sqlite3").string();
    Database db(path);
    WalCheckpointer checkpointer(db.Handle().getHandle(), path, /*pages=*/1'000'000);

    // Past SQLite's own auto-checkpoint threshold (1000 pages), which would copy them.
    WritePages(db, 1500);

    EXPECT_EQ(checkpointer.Completed(), 0u);
    EXPECT_LT(std::filesystem::file_size(path), 100u * kPageBytes);
    EXPECT_GT(std::filesystem::file_size(path + "-wal"), 1500u * kPageBytes);
}

}  // namespace
}  // namespace escbot::storage::sqlite
