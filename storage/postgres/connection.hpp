#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/core/clock.hpp"

// libpq's types, kept out of every includer.
struct pg_conn;
struct pg_result;

namespace escbot::storage::postgres {

/// A statement or connection failure. `sqlstate` is PostgreSQL's five-character code ("" when the
/// server gave none); connection_lost() says the connection is unusable (server restarted, network
/// gone), so that the store drops it and may retry on a fresh one.
class PgError : public std::runtime_error {
public:
    PgError(const std::string& message, std::string sqlstate, bool connection_lost)
        : std::runtime_error(message),
          sqlstate_(std::move(sqlstate)),
          connection_lost_(connection_lost) {}

    const std::string& sqlstate() const { return sqlstate_; }
    bool connection_lost() const { return connection_lost_; }
    /// Serialization failure or deadlock: the transaction may succeed when run again.
    bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

private:
    std::string sqlstate_;
    bool connection_lost_;
};

class Connection;

/// One column of the current row of a Query (text format, as libpq returns it).
class Column {
public:
    Column(const char* text, bool null) : text_(text), null_(null) {}
    bool isNull() const { return null_; }
    long long getInt64() const;
    int getInt() const { return static_cast<int>(getInt64()); }
    std::string getString() const { return null_ ? std::string() : std::string(text_); }
    const char* getText() const { return null_ ? "" : text_; }

private:
    const char* text_;
    bool null_;
};

/// A statement with `?N` (SQLite style) or `$N` parameters, bound then run once: exec() for
/// statements without rows (returns the changed row count), executeStep() to walk rows. Shaped
/// like SQLite::Statement so that a repository reads the same on both backends; parameters go as
/// text and the server infers their types from the SQL (cast where it cannot).
class Query {
public:
    Query(Connection& connection, std::string_view sql);
    Query(Query&&) noexcept;
    Query& operator=(Query&&) = delete;
    ~Query();

    // Pointer-like use, as with the SQLite store's cached statements: `q->bind(1, x)`.
    Query* operator->() { return this; }
    Query& operator*() { return *this; }

    void bind(int index, long long value);
    void bind(int index, long value) { bind(index, static_cast<long long>(value)); }
    void bind(int index, int value) { bind(index, static_cast<long long>(value)); }
    void bind(int index, std::string_view text);
    void bind(int index, const std::string& text) { bind(index, std::string_view(text)); }
    void bind(int index, const char* text) { bind(index, std::string_view(text)); }
    void bindNull(int index);

    /// Runs the statement; the number of rows it changed (or returned).
    int exec();
    /// Runs the statement on the first call; true while there is a current row.
    bool executeStep();
    Column getColumn(int index) const;
    bool isColumnNull(int index) const { return getColumn(index).isNull(); }

private:
    void Run();

    Connection* connection_;
    std::string sql_;
    std::vector<std::optional<std::string>> params_;
    pg_result* result_ = nullptr;
    int row_ = -1;
    int rows_ = 0;
};

/// Binds `text` to parameter `index` (as the SQLite store's helper of the same name).
inline void BindText(Query& q, int index, const std::string& text) { q.bind(index, text); }
/// Binds an optional time: Unix seconds, or NULL.
void BindOptionalTime(Query& q, int index, const std::optional<TimePoint>& at);
/// Reads an optional time column (NULL -> nullopt).
std::optional<TimePoint> OptionalTimeColumn(Query& q, int index);

/// One libpq connection. Not thread-safe: the pool hands it to one transaction at a time.
/// Statements are prepared once per connection (by their text) and reused.
class Connection {
public:
    /// Connects with a libpq connection string or URI; `schema`, when not empty, becomes the
    /// search_path (the tests' throwaway schemas). Throws PgError (connection_lost) on failure.
    Connection(const std::string& url, const std::string& schema);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// A statement to bind and run (see Query).
    Query Prepare(std::string_view sql) { return Query(*this, sql); }
    /// Runs one or more statements without parameters (a migration's script, a lock).
    void Exec(const std::string& sql);
    /// False once the connection is known to be broken.
    bool Usable() const;

    // Transaction control that saves round trips, each a blocking wait and two context switches
    // of the request's thread (the kernel's wake-ups are 25% of the bot's CPU on PostgreSQL in
    // perf): the repeated /escalate went from 5 waits to 2 (strace, escbot-bench c=64; with the
    // flow's double read removed), and its CPU to 2.1x SQLite's (README, "High availability").
    /// Begins a transaction with `begin_sql` sent together with its first statement (one
    /// pipeline); a transaction that runs no statement costs nothing.
    void Begin(std::string begin_sql);
    /// Commits and waits for the server's answer (a write must know that it is durable).
    void Commit();
    /// Commits a read-only transaction without waiting: the answer is read at the connection's
    /// next use (the server ends the transaction at once, so no snapshot is held meanwhile).
    void CommitReadOnly();
    /// Rolls the transaction back (nothing is sent when it had not begun on the server).
    void Rollback();

private:
    friend class Query;
    /// Runs `sql` (prepared on first use) with text parameters; returns the result (owned by the
    /// caller) or throws PgError.
    pg_result* Run(const std::string& sql, const std::vector<std::optional<std::string>>& params);
    // Run() for a transaction's first statement: BEGIN, the statement (and its PREPARE when
    // new) sent as one pipeline.
    pg_result* RunAfterBegin(const std::string& sql, const std::string& name, bool prepare,
                             const std::vector<const char*>& values);
    // Reads the answer of a commit sent by CommitReadOnly.
    void Settle();
    [[noreturn]] void Fail(pg_result* result, const std::string& what);

    pg_conn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;  // sql -> statement name
    std::string pending_begin_;       // a BEGIN not yet sent
    bool commit_in_flight_ = false;   // a read-only COMMIT whose answer is unread
    bool broken_ = false;             // a pipeline ended in a state that cannot be trusted
};

/// `?N` placeholders (outside quotes) as PostgreSQL's `$N`.
std::string ToDollarParams(std::string_view sql);

/// The URL with any password replaced by "***", for logs and errors.
std::string RedactUrl(std::string_view url);

}  // namespace escbot::storage::postgres
