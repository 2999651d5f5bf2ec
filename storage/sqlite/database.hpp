#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "bot/core/clock.hpp"

namespace escbot::storage::sqlite {

class Database;

/// A prepared statement borrowed from Database's cache. When it goes out of scope it is reset and
/// its bindings cleared, so it is ready for the next borrower (and an unfinished SELECT does not
/// hold its read snapshot open).
/// Use it like a pointer: `auto q = db.Prepare("SELECT ..."); q->bind(1, x); q->executeStep();`.
class CachedStatement {
public:
    CachedStatement(CachedStatement&& other) noexcept;
    CachedStatement& operator=(CachedStatement&&) = delete;
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    ~CachedStatement();

    SQLite::Statement* operator->() const { return statement_; }
    SQLite::Statement& operator*() const { return *statement_; }

private:
    friend class Database;
    CachedStatement(SQLite::Statement* statement, bool* in_use,
                    std::unique_ptr<SQLite::Statement> owned);

    SQLite::Statement* statement_;
    bool* in_use_;                                // the cache slot's flag; null for `owned_`
    std::unique_ptr<SQLite::Statement> owned_;    // set when the cached one was already borrowed
};

/// Binds `text` as TEXT to parameter `index` (1-based) without copying it: `text` must stay alive
/// until the statement has run (bind locals and members, not temporaries). Throws
/// SQLite::Exception on a bad index.
void BindText(SQLite::Statement& statement, int index, const std::string& text);
/// Binds an optional time: Unix seconds, or NULL.
void BindOptionalTime(SQLite::Statement& statement, int index, const std::optional<TimePoint>& at);
/// Reads an optional time column (NULL -> nullopt).
std::optional<TimePoint> OptionalTimeColumn(SQLite::Statement& statement, int index);

/// One SQLite connection to the bot's database file, set up for a long-running server.
///
/// Opening creates the parent directory (mode 0700) and the file with mode 0600 before SQLite
/// touches it; SQLite gives the -wal and -shm files the database file's mode, and the constructor
/// tightens them too. An existing file readable by group or others is tightened to 0600 (it holds
/// homeowner data) with a warning.
///
/// PRAGMAs: journal_mode=WAL (readers never block the writer), foreign_keys=ON, busy_timeout 5 s
/// (another process, e.g. a backup, holding the write lock is waited for), synchronous=NORMAL.
/// In WAL mode NORMAL writes every commit to the WAL file before COMMIT returns but fsyncs only at
/// checkpoints: a committed transaction survives the process crashing or being SIGKILLed (it is
/// in the OS page cache), and the database is never corrupted; only an OS crash or power loss can
/// lose the last few commits. FULL would fsync on every commit, costing milliseconds each on real
/// disks and capping the hot path at a few hundred writes per second, for no gain against the
/// failures a Slack bot actually meets (Slack retries, and the outbox is idempotent per key).
///
/// Not thread-safe: the owner serialises all use (SqliteStore holds a mutex around it). The
/// connection is opened with SQLITE_OPEN_NOMUTEX for that reason.
class Database {
public:
    /// Opens or creates the database at `path`. Throws std::runtime_error naming the path and the
    /// cause (directory or file not creatable, not a database, WAL not available).
    explicit Database(const std::string& path);

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// The underlying SQLiteCpp connection (for migrations and one-off statements).
    SQLite::Database& Handle() { return db_; }
    const std::string& Path() const { return path_; }

    /// The prepared statement for `sql` (compiled on first use, then reused), reset and cleared.
    /// `sql` must be constant text with `?N` parameters: each distinct text stays cached.
    /// Throws SQLite::Exception if the SQL does not compile; std::logic_error if `sql` writes
    /// while read-only mode is on (see SetReadOnly).
    CachedStatement Prepare(std::string_view sql);

    /// Runs a statement that returns no rows through the cache; returns the changed row count.
    int Exec(std::string_view sql);

    /// The rowid of the last INSERT on this connection.
    long long LastInsertRowId() const { return db_.getLastInsertRowid(); }

    /// While on, Prepare() rejects statements that write (ReadTx's guard against accidental
    /// writes; sqlite3_stmt_readonly decides).
    void SetReadOnly(bool read_only) { read_only_ = read_only; }

    /// Defers BEGIN to the next Prepare(): a read transaction that runs no statement (all it
    /// asked was answered from memory) then takes no lock at all.
    void BeginBeforeNextStatement() { begin_pending_ = true; }
    /// Whether a deferred BEGIN never ran (no statement since BeginBeforeNextStatement); clears
    /// it either way.
    bool DropPendingBegin() { return std::exchange(begin_pending_, false); }

    /// How many distinct statements are cached (for tests).
    std::size_t CachedStatementCount() const { return cache_.size(); }

private:
    struct Slot {
        std::unique_ptr<SQLite::Statement> statement;
        bool in_use = false;
        bool read_only = true;  // sqlite3_stmt_readonly: the statement writes nothing
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    bool WritesNothing(const std::string& sql);

    std::string path_;
    SQLite::Database db_;
    std::unordered_map<std::string, Slot, Hash, std::equal_to<>> cache_;
    bool read_only_ = false;
    bool begin_pending_ = false;
};

}  // namespace escbot::storage::sqlite
