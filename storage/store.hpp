#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "storage/concert_repository.hpp"
#include "storage/escalation_repositories.hpp"
#include "storage/installer_complaint_repository.hpp"
#include "storage/models.hpp"
#include "storage/retention_repository.hpp"
#include "storage/team_view_repository.hpp"
#include "storage/watchdog_repository.hpp"

namespace escbot::storage {

// Narrow repository interfaces, one per aggregate. They are only reachable inside Store::Write or
// Store::Read, so every method runs inside a transaction that the Store owns; a PostgreSQL
// backend implements the same interfaces. Methods throw on storage failure (the transaction then
// rolls back as a whole).
//
// Adding a repository for your own aggregate (cases, ladders, Concert requests, ...):
//  1. Declare `class CaseRepository` here (or in storage/<aggregate>.hpp, included below), with
//     your row structs in models.hpp; times are TimePoint, stored as Unix seconds.
//  2. Add `virtual CaseRepository& Cases() = 0;` to UnitOfWork.
//  3. Write storage/sql/case_repository.cpp once for both databases: a class template over `Db`
//     (sqlite::Database or postgres::Connection; what differs is named in storage/sql/backends.hpp)
//     running its SQL through `db.Prepare(...)` (never BEGIN/COMMIT itself), and a factory
//     `NewCaseRepository(Db&)` declared in storage/sql/repositories.hpp, instantiated for both;
//     create it in sql::RepositorySet and return it from Cases() (storage/sql/repository_set.hpp).
//  4. Add storage/sqlite/migrations/NNNN_cases.sql with the next free number, and its twin in
//     storage/postgres/migrations (never edit a migration that has shipped; the build embeds the
//     files, and opening a database applies the missing ones in order).
//  5. Add a typed contract test in tests/storage/ (TYPED_TEST_SUITE over StoreFactories), so that
//     both stores pass the same suite.

class OutboxRepository {
public:
    virtual ~OutboxRepository() = default;
    /// Queues an item, due at once; returns its id.
    virtual long long Enqueue(const OutboxItem& item, TimePoint now) = 0;
    /// Pending items due at `now`, oldest first, at most one per lane (the lane's oldest pending
    /// item), whose thread_key/ts_key are already known. At most `limit` items.
    /// Precisely: only a lane's lowest-id pending item is a candidate (a later item waits even
    /// when due; "" is one lane like any other); it is returned when next_attempt_at <= now and
    /// its non-empty thread_key and ts_key are in message_refs. Ordered by priority (highest
    /// first), then id.
    virtual std::vector<OutboxItem> Due(TimePoint now, int limit) = 0;
    /// Due(now, limit), claimed for `owner` until `lease_until`, for several replicas on one
    /// database (issue 21): an item under another owner's live claim is left out, so that one
    /// replica sends it; `owner`'s own claims are returned (and renewed) like unclaimed items.
    /// MarkSent, MarkRetry and MarkFailed end the claim; a dead owner's ends at `lease_until`.
    /// Commit the claim before sending. One process (SQLite): Due itself.
    virtual std::vector<OutboxItem> ClaimDue(TimePoint now, int limit, std::string_view owner,
                                             TimePoint lease_until) = 0;
    virtual std::optional<OutboxItem> Get(long long id) = 0;
    virtual void MarkSent(long long id, TimePoint now) = 0;
    virtual void MarkRetry(long long id, TimePoint next_attempt_at, std::string_view error) = 0;
    virtual void MarkFailed(long long id, std::string_view error, TimePoint now) = 0;
    /// Before a non-idempotent send leaves (exactly-once posting): records `now` as the first
    /// attempt if none is recorded yet, and that the outcome is unknown until an answer or a
    /// lookup settles it. Commit it before sending.
    virtual void MarkAttempting(long long id, TimePoint now) = 0;
    /// An answer or a lookup said for sure that Slack did not take the item: clears
    /// outcome_unknown (first_attempt_at stays).
    virtual void MarkOutcomeKnown(long long id) = 0;
    /// Fails every pending item that waits for message `key` (its thread_key or ts_key), and in
    /// turn the items waiting for theirs: called when the message that would have had that key
    /// failed for good, so that its replies and updates do not wait forever. Returns how many.
    virtual int FailWaitingOn(std::string_view key, std::string_view error, TimePoint now) = 0;
    virtual OutboxStats Stats() = 0;
    /// The earliest next_attempt_at of a pending item, for the worker's sleep.
    /// Only items Due could return count (lane heads whose keys are known), so Due(now) is empty
    /// exactly when this is nullopt or later than now: a blocked item never causes a busy loop.
    virtual std::optional<TimePoint> NextAttemptAt() = 0;
    /// Deletes sent and failed items finished before `cutoff` (their args may hold personal data);
    /// returns how many were deleted. Pending items are never deleted.
    virtual long long PruneFinished(TimePoint cutoff) = 0;
    /// The latest item enqueued with `result_key`: pending, sent (finished_at: when Slack took
    /// it) or failed; nullopt when none (never queued, or pruned).
    virtual std::optional<OutboxSend> LastSend(std::string_view result_key) = 0;
    /// Items that failed for good and that the watchdog has not reported yet, lowest id first,
    /// at most `limit` (items failed before migration 0015 count as reported).
    virtual std::vector<OutboxItem> UnreportedFailures(int limit) = 0;
    /// Marks a failed item as reported (at `at`); a no-op for an item that is not failed.
    virtual void MarkFailureReported(long long id, TimePoint at) = 0;
};

class MessageRefRepository {
public:
    virtual ~MessageRefRepository() = default;
    virtual void Put(const MessageRef& ref) = 0;
    virtual std::optional<MessageRef> Get(std::string_view key) = 0;
};

class TimerRepository {
public:
    virtual ~TimerRepository() = default;
    /// Inserts the timer, or moves the existing one with the same key.
    /// timer.id is ignored; the stored timer gets a fresh id that is never reused, also when it
    /// replaces one with the same key (so Remove(old id) cannot remove it).
    virtual void Schedule(const Timer& timer) = 0;
    virtual void Cancel(std::string_view key) = 0;
    virtual std::optional<Timer> Find(std::string_view key) = 0;
    /// Timers with due_at <= now, earliest first, at most `limit`.
    virtual std::vector<Timer> Due(TimePoint now, int limit) = 0;
    /// Due(now, limit), claimed for `owner` until `lease_until` (as OutboxRepository::ClaimDue):
    /// a timer under another owner's live claim is left out. Remove (fired) or Schedule (moved)
    /// ends the claim. One process (SQLite): Due itself.
    virtual std::vector<Timer> ClaimDue(TimePoint now, int limit, std::string_view owner,
                                        TimePoint lease_until) = 0;
    /// Removes a fired timer (by id, so a timer moved meanwhile is kept).
    virtual void Remove(long long id) = 0;
    virtual std::optional<TimePoint> NextDue() = 0;
};

class DraftRepository {
public:
    virtual ~DraftRepository() = default;
    virtual long long Create(const Draft& draft) = 0;
    virtual std::optional<Draft> Get(long long id) = 0;
    /// The user's most recent open draft of that flow.
    virtual std::optional<Draft> FindOpen(std::string_view user_id, std::string_view flow) = 0;
    /// Saves step, path, answers, view_id, status and updated_at.
    virtual void Save(const Draft& draft) = 0;
    /// Every open draft of the user in that flow, most recently saved first (as FindOpen).
    virtual std::vector<Draft> ListOpen(std::string_view user_id, std::string_view flow) = 0;
    /// Open drafts of the flow, least recently saved first, at most `limit` (the expiry sweep).
    virtual std::vector<Draft> OldestOpen(std::string_view flow, int limit) = 0;
};

class AuditLog {
public:
    virtual ~AuditLog() = default;
    virtual void Record(const AuditEntry& entry) = 0;
    virtual std::vector<AuditEntry> ForEntity(std::string_view entity) = 0;
};

class EventDedup {
public:
    virtual ~EventDedup() = default;
    /// Records the id; true the first time it is seen.
    virtual bool FirstSeen(std::string_view id, TimePoint now) = 0;
    /// Forgets ids seen before `cutoff`.
    virtual void Prune(TimePoint cutoff) = 0;
};

/// The repositories, bound to one transaction.
class UnitOfWork {
public:
    virtual ~UnitOfWork() = default;
    virtual OutboxRepository& Outbox() = 0;
    virtual MessageRefRepository& MessageRefs() = 0;
    virtual TimerRepository& Timers() = 0;
    virtual DraftRepository& Drafts() = 0;
    virtual AuditLog& Audit() = 0;
    virtual EventDedup& Events() = 0;
    virtual ConcertRepository& Concert() = 0;
    virtual EscalationRepositories& Escalation() = 0;
    virtual RetentionRepository& Retention() = 0;
    virtual InstallerComplaintRepository& InstallerComplaints() = 0;
    /// Read views over both kinds of open case (App Home, /escalation list|status).
    virtual TeamViewRepository& TeamView() = 0;
    virtual WatchdogRepository& Watchdog() = 0;
};

/// The database. Thread-safe: Write and Read may be called from any thread.
class Store {
public:
    virtual ~Store() = default;

    /// Runs `fn` in one write transaction: committed when fn returns, rolled back if it throws.
    virtual void WriteTx(const std::function<void(UnitOfWork&)>& fn) = 0;
    /// Runs `fn` against a consistent read snapshot; writes inside it are an error.
    virtual void ReadTx(const std::function<void(UnitOfWork&)>& fn) = 0;
    /// True when the database answers and accepts a write (for /healthz).
    virtual bool Healthy() = 0;

    /// `callback` runs after each committed write transaction whose unit of work queued outbox
    /// items (the app wakes the outbox worker with it), on the committing thread, once the
    /// database is released; not after a rollback. Set it at start-up, before transactions run
    /// on other threads; an empty function clears it. The callback must not throw.
    void SetOnOutboxCommit(std::function<void()> callback) {
        on_outbox_commit_ = std::move(callback);
    }

    /// True when rows may be kept in this process's memory across transactions: only when this
    /// process is the database's only writer, so that nothing changes a row behind its back.
    /// Every per-process cache of rows (the SQLite store's open-draft and open-case caches) is
    /// used only when this is true. SQLite answers true (the file is the bot's own); a shared
    /// server database (PostgreSQL, several bot processes) answers false.
    virtual bool AllowsProcessCache() const = 0;

    /// Runs `fn` where due work is claimed (OutboxRepository/TimerRepository::ClaimDue): a write
    /// transaction on a shared database, so that the claim commits before anything is acted on;
    /// a read for a sole writer (AllowsProcessCache), which has nobody to claim from and so takes
    /// no write lock each round.
    void ClaimTx(const std::function<void(UnitOfWork&)>& fn) {
        if (AllowsProcessCache()) {
            ReadTx(fn);
        } else {
            WriteTx(fn);
        }
    }

    /// Value-returning forms: `auto id = store.Write([&](UnitOfWork& u) { return ...; });`
    template <class F>
    auto Write(F&& fn) -> std::invoke_result_t<F, UnitOfWork&> {
        return Run(&Store::WriteTx, std::forward<F>(fn));
    }
    template <class F>
    auto Read(F&& fn) -> std::invoke_result_t<F, UnitOfWork&> {
        return Run(&Store::ReadTx, std::forward<F>(fn));
    }

protected:
    /// For implementations: call after committing a transaction that enqueued outbox items.
    void OutboxCommitted() const {
        if (on_outbox_commit_) on_outbox_commit_();
    }

private:
    std::function<void()> on_outbox_commit_;

    template <class F>
    auto Run(void (Store::*tx)(const std::function<void(UnitOfWork&)>&), F&& fn)
        -> std::invoke_result_t<F, UnitOfWork&> {
        using R = std::invoke_result_t<F, UnitOfWork&>;
        if constexpr (std::is_void_v<R>) {
            (this->*tx)(fn);
        } else {
            std::optional<R> result;
            (this->*tx)([&](UnitOfWork& u) { result.emplace(fn(u)); });
            return std::move(*result);
        }
    }
};

}  // namespace escbot::storage
