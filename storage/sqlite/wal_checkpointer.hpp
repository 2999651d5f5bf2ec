#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace escbot::storage::sqlite {

/// Copies the WAL back into the database file on a thread of its own, so that a commit never
/// does it. SQLite's default auto-checkpoint runs inside the COMMIT that crosses 1000 WAL pages,
/// on whichever thread committed: after a backup held the WAL back (VACUUM INTO on 1 GB let it
/// grow to 200-600 MiB, README "While a backup runs"), that one COMMIT copies all of it and
/// syncs, and the request that made it waits seconds. Here the writer's connection only counts
/// (sqlite3_wal_hook); past `pages` WAL pages this thread runs a PASSIVE checkpoint on its own
/// connection, which never waits for readers or the writer.
class WalCheckpointer {
public:
    /// Takes over checkpointing for `writer` (wal_autocheckpoint off, a WAL hook installed) and
    /// opens a connection of its own to `path`. `writer` must outlive this object.
    WalCheckpointer(sqlite3* writer, const std::string& path, int pages = 1000);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Checkpoints finished so far (for tests and the log).
    std::uint64_t Completed() const;

private:
    static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
    void Run(std::string path);

    sqlite3* writer_;
    const int pages_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false;
    bool stopping_ = false;
    std::uint64_t completed_ = 0;
    std::thread thread_;
};

}  // namespace escbot::storage::sqlite
