#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>
#include <string_view>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage {
namespace sql {
namespace {

// The columns ReadItem expects, in order.
constexpr std::string_view kColumns =
    "SELECT o.id, o.method, o.args, o.lane, o.thread_key, o.ts_key, o.result_key, o.notify_user,"
    " o.status, o.attempts, o.created_at, o.next_attempt_at, o.last_error, o.first_attempt_at,"
    " o.outcome_unknown, o.priority ";

// The items Due may return, before the time filter: each lane's lowest-id pending item (found
// through the outbox_pending index), when the messages it threads under or updates are known.
constexpr std::string_view kReadyHeads =
    "FROM (SELECT MIN(id) AS id FROM outbox WHERE status = 'pending' GROUP BY lane) AS head"
    " JOIN outbox AS o ON o.id = head.id"
    " WHERE (o.thread_key = '' OR EXISTS (SELECT 1 FROM message_refs WHERE key = o.thread_key))"
    " AND (o.ts_key = '' OR EXISTS (SELECT 1 FROM message_refs WHERE key = o.ts_key)) ";

const std::string kDueSql =
    std::string(kColumns) + std::string(kReadyHeads) +
    "AND o.next_attempt_at <= ?1 ORDER BY o.priority DESC, o.id LIMIT ?2";
const std::string kNextAttemptSql =
    "SELECT MIN(o.next_attempt_at) " + std::string(kReadyHeads);
const std::string kGetSql = std::string(kColumns) + "FROM outbox AS o WHERE o.id = ?1";

OutboxItem::Status ParseStatus(std::string_view text) {
    if (text == "sent") return OutboxItem::Status::kSent;
    if (text == "failed") return OutboxItem::Status::kFailed;
    return OutboxItem::Status::kPending;
}

template <class Row>
OutboxItem ReadItem(Row& q) {
    OutboxItem item;
    item.id = q.getColumn(0).getInt64();
    item.method = q.getColumn(1).getString();
    item.args = nlohmann::json::parse(q.getColumn(2).getText());
    item.lane = q.getColumn(3).getString();
    item.thread_key = q.getColumn(4).getString();
    item.ts_key = q.getColumn(5).getString();
    item.result_key = q.getColumn(6).getString();
    item.notify_user = q.getColumn(7).getString();
    item.status = ParseStatus(q.getColumn(8).getText());
    item.attempts = q.getColumn(9).getInt();
    item.created_at = FromUnix(q.getColumn(10).getInt64());
    item.next_attempt_at = FromUnix(q.getColumn(11).getInt64());
    item.last_error = q.getColumn(12).getString();
    if (!q.isColumnNull(13)) item.first_attempt_at = FromUnix(q.getColumn(13).getInt64());
    item.outcome_unknown = q.getColumn(14).getInt() != 0;
    item.priority = q.getColumn(15).getInt();
    return item;
}

template <class Db>
class SqlOutboxRepository final : public OutboxRepository {
public:
    explicit SqlOutboxRepository(Db& db) : db_(db) {}

    long long Enqueue(const OutboxItem& item, TimePoint now) override {
        const std::string args = item.args.dump();
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO outbox (method, args, lane, thread_key, ts_key, result_key, notify_user,"
            " created_at, next_attempt_at, priority)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)");
        auto q = db_.Prepare(sql);
        BindText(*q, 1, item.method);
        BindText(*q, 2, args);
        BindText(*q, 3, item.lane);
        BindText(*q, 4, item.thread_key);
        BindText(*q, 5, item.ts_key);
        BindText(*q, 6, item.result_key);
        BindText(*q, 7, item.notify_user);
        q->bind(8, static_cast<int64_t>(ToUnix(now)));
        q->bind(9, item.priority);
        return InsertedId(db_, q);
    }

    std::vector<OutboxItem> Due(TimePoint now, int limit) override {
        auto q = db_.Prepare(kDueSql);
        q->bind(1, static_cast<int64_t>(ToUnix(now)));
        q->bind(2, limit);
        std::vector<OutboxItem> items;
        while (q->executeStep()) items.push_back(ReadItem(*q));
        return items;
    }

    std::vector<OutboxItem> ClaimDue(TimePoint now, int limit,
                                     [[maybe_unused]] std::string_view owner,
                                     [[maybe_unused]] TimePoint lease_until) override {
        if constexpr (kClaimsWithLeases<Db>) {
            return postgres::ClaimDueOutbox(db_, now, limit, owner, lease_until);
        } else {
            return Due(now, limit);  // one process owns the file: nothing to claim from another
        }
    }

    std::optional<OutboxSend> LastSend(std::string_view result_key) override {
        if (result_key.empty()) return std::nullopt;
        auto q = db_.Prepare(
            "SELECT status, finished_at FROM outbox WHERE result_key = ?1 AND result_key != ''"
            " ORDER BY id DESC LIMIT 1");
        const std::string key(result_key);
        BindText(*q, 1, key);
        if (!q->executeStep()) return std::nullopt;
        OutboxSend send;
        send.status = ParseStatus(q->getColumn(0).getText());
        if (!q->getColumn(1).isNull()) send.finished_at = FromUnix(q->getColumn(1).getInt64());
        return send;
    }

    std::vector<OutboxItem> UnreportedFailures(int limit) override {
        auto q = db_.Prepare(std::string(kColumns) +
                             "FROM outbox AS o WHERE o.status = 'failed'"
                             " AND o.failure_reported_at IS NULL ORDER BY o.id LIMIT ?1");
        q->bind(1, limit);
        std::vector<OutboxItem> items;
        while (q->executeStep()) items.push_back(ReadItem(*q));
        return items;
    }

    void MarkFailureReported(long long id, TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE outbox SET failure_reported_at = ?2 WHERE id = ?1 AND status = 'failed'");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(at)));
        q->exec();
    }

    std::optional<OutboxItem> Get(long long id) override {
        auto q = db_.Prepare(kGetSql);
        q->bind(1, static_cast<int64_t>(id));
        if (!q->executeStep()) return std::nullopt;
        return ReadItem(*q);
    }

    void MarkSent(long long id, TimePoint now) override {
        static const std::string sql = Finishing(
            "status = 'sent', attempts = attempts + 1, finished_at = ?2, outcome_unknown = 0");
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(now)));
        ExpectOneRow(q->exec(), id);
    }

    void MarkRetry(long long id, TimePoint next_attempt_at, std::string_view error) override {
        static const std::string sql =
            Finishing("attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3");
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(next_attempt_at)));
        const std::string error_text(error);
        BindText(*q, 3, error_text);
        ExpectOneRow(q->exec(), id);
    }

    void MarkFailed(long long id, std::string_view error, TimePoint now) override {
        static const std::string sql = Finishing(
            "status = 'failed', attempts = attempts + 1, last_error = ?2, finished_at = ?3,"
            " outcome_unknown = 0");
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(id));
        const std::string error_text(error);
        BindText(*q, 2, error_text);
        q->bind(3, static_cast<int64_t>(ToUnix(now)));
        ExpectOneRow(q->exec(), id);
    }

    void MarkAttempting(long long id, TimePoint now) override {
        auto q = db_.Prepare(
            "UPDATE outbox SET first_attempt_at = COALESCE(first_attempt_at, ?2),"
            " outcome_unknown = 1 WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(now)));
        ExpectOneRow(q->exec(), id);
    }

    void MarkOutcomeKnown(long long id) override {
        auto q = db_.Prepare("UPDATE outbox SET outcome_unknown = 0 WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(id));
        ExpectOneRow(q->exec(), id);
    }

    int FailWaitingOn(std::string_view key, std::string_view error, TimePoint now) override {
        const std::string error_text(error);
        std::vector<std::string> keys = {std::string(key)};
        int failed = 0;
        while (!keys.empty()) {
            const std::string current = std::move(keys.back());
            keys.pop_back();
            {
                auto q = db_.Prepare(
                    "SELECT result_key FROM outbox WHERE status = 'pending' AND result_key != ''"
                    " AND (thread_key = ?1 OR ts_key = ?1)");
                BindText(*q, 1, current);
                while (q->executeStep()) keys.push_back(q->getColumn(0).getString());
            }
            auto q = db_.Prepare(
                "UPDATE outbox SET status = 'failed', last_error = ?2, finished_at = ?3"
                " WHERE status = 'pending' AND (thread_key = ?1 OR ts_key = ?1)");
            BindText(*q, 1, current);
            BindText(*q, 2, error_text);
            q->bind(3, static_cast<int64_t>(ToUnix(now)));
            failed += q->exec();
        }
        return failed;
    }

    OutboxStats Stats() override {
        OutboxStats stats;
        {
            auto q = db_.Prepare(
                "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 'pending'");
            q->executeStep();
            stats.pending = q->getColumn(0).getInt64();
            if (!q->isColumnNull(1)) {
                stats.oldest_pending_created_at = FromUnix(q->getColumn(1).getInt64());
            }
        }
        auto q = db_.Prepare("SELECT COUNT(*) FROM outbox WHERE status = 'failed'");
        q->executeStep();
        stats.failed = q->getColumn(0).getInt64();
        return stats;
    }

    std::optional<TimePoint> NextAttemptAt() override {
        auto q = db_.Prepare(kNextAttemptSql);
        q->executeStep();
        if (q->isColumnNull(0)) return std::nullopt;
        return FromUnix(q->getColumn(0).getInt64());
    }

    long long PruneFinished(TimePoint cutoff) override {
        auto q = db_.Prepare(
            "DELETE FROM outbox WHERE status IN ('sent', 'failed') AND finished_at < ?1");
        q->bind(1, static_cast<int64_t>(ToUnix(cutoff)));
        return q->exec();
    }

private:
    static void ExpectOneRow(int changed, long long id) {
        if (changed != 1) {
            throw std::runtime_error("outbox item " + std::to_string(id) + " does not exist");
        }
    }

    // The UPDATE for an attempt's end, which also ends the item's claim where there are leases.
    static std::string Finishing(std::string_view set) {
        const std::string_view release =
            kClaimsWithLeases<Db> ? ", claimed_by = '', claimed_until = 0" : "";
        return "UPDATE outbox SET " + std::string(set) + std::string(release) + " WHERE id = ?1";
    }

    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<OutboxRepository> NewOutboxRepository(Db& db) {
    return std::make_unique<SqlOutboxRepository<Db>>(db);
}

template std::unique_ptr<OutboxRepository> NewOutboxRepository(sqlite::Database&);
template std::unique_ptr<OutboxRepository> NewOutboxRepository(postgres::Connection&);

}  // namespace sql

namespace postgres {

// The claim: Due's candidates without another owner's live lease, locked (skipping rows another
// claim holds) and leased in the same statement. The status is tested on the locked row itself:
// under READ COMMITTED a row sent meanwhile is re-checked there (the head subquery is not).
namespace {
const std::string kClaimSql =
    "WITH claimable AS (SELECT o.id " + std::string(sql::kReadyHeads) +
    "AND o.status = 'pending' AND o.next_attempt_at <= $1"
    " AND (o.claimed_until <= $1 OR o.claimed_by = $3)"
    " ORDER BY o.priority DESC, o.id LIMIT $2 FOR UPDATE OF o SKIP LOCKED)"
    " UPDATE outbox AS o SET claimed_by = $3, claimed_until = $4 FROM claimable"
    " WHERE o.id = claimable.id RETURNING " + std::string(sql::kColumns.substr(7));
}  // namespace

std::vector<OutboxItem> ClaimDueOutbox(Connection& db, TimePoint now, int limit,
                                       std::string_view owner, TimePoint until) {
    auto q = db.Prepare(kClaimSql);
    q->bind(1, static_cast<long long>(ToUnix(now)));
    q->bind(2, limit);
    q->bind(3, owner);
    q->bind(4, static_cast<long long>(ToUnix(until)));
    std::vector<OutboxItem> items;
    while (q->executeStep()) items.push_back(sql::ReadItem(*q));
    // RETURNING keeps no order: as Due, priority first, then id.
    std::sort(items.begin(), items.end(), [](const OutboxItem& a, const OutboxItem& b) {
        return a.priority != b.priority ? a.priority > b.priority : a.id < b.id;
    });
    return items;
}

}  // namespace postgres
}  // namespace escbot::storage
