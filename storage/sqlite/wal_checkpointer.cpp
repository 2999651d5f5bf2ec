#include "storage/sqlite/wal_checkpointer.hpp"

#include <sqlite3.h>

#include "bot/core/logging.hpp"

namespace escbot::storage::sqlite {

WalCheckpointer::WalCheckpointer(sqlite3* writer, const std::string& path, int pages)
    : writer_(writer), pages_(pages) {
    sqlite3_wal_autocheckpoint(writer_, 0);
    thread_ = std::thread([this, path] { Run(path); });
    // Installed last: replaces the hook sqlite3_wal_autocheckpoint installed.
    sqlite3_wal_hook(writer_, &WalCheckpointer::OnCommit, this);
}

WalCheckpointer::~WalCheckpointer() {
    sqlite3_wal_hook(writer_, nullptr, nullptr);
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
    // Back to SQLite's own checkpoints for whatever else still uses the connection.
    sqlite3_wal_autocheckpoint(writer_, pages_);
}

std::uint64_t WalCheckpointer::Completed() const {
    const std::lock_guard lock(mutex_);
    return completed_;
}

// Runs inside the writer's COMMIT: only a flag and, when it changes, a notify.
int WalCheckpointer::OnCommit(void* self, sqlite3*, const char*, int wal_pages) {
    auto& me = *static_cast<WalCheckpointer*>(self);
    if (wal_pages < me.pages_) return SQLITE_OK;
    {
        const std::lock_guard lock(me.mutex_);
        if (me.pending_) return SQLITE_OK;
        me.pending_ = true;
    }
    me.wake_.notify_one();
    return SQLITE_OK;
}

void WalCheckpointer::Run(std::string path) {
    sqlite3* db = nullptr;
    const int opened = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                       nullptr);
    if (opened != SQLITE_OK) {
        logging::Get("storage")->error("WAL checkpointer cannot open the database: {}",
                                       sqlite3_errstr(opened));
    } else {
        // A connection finds the WAL only once it has read the database.
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    }
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return pending_ || stopping_; });
        if (stopping_) break;
        lock.unlock();
        int wal_pages = 0;
        int copied = 0;
        const int rc = db != nullptr ? sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                                 &wal_pages, &copied)
                                     : SQLITE_CANTOPEN;
        logging::Get("storage")->debug("WAL checkpoint: {} of {} pages copied", copied, wal_pages);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
            logging::Get("storage")->warn("WAL checkpoint failed: {}", sqlite3_errstr(rc));
        }
        lock.lock();
        pending_ = false;
        ++completed_;
    }
    lock.unlock();
    sqlite3_close_v2(db);
}

}  // namespace escbot::storage::sqlite
