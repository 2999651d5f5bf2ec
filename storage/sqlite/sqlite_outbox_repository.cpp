#include <stdexcept>
#include <string>
#include <vector>
#include <string_view>

#include "storage/sqlite/repositories.hpp"

namespace escbot::storage::sqlite {
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

OutboxItem ReadItem(SQLite::Statement& q) {
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

class SqliteOutboxRepository final : public OutboxRepository {
public:
    explicit SqliteOutboxRepository(Database& db) : db_(db) {}

    long long Enqueue(const OutboxItem& item, TimePoint now) override {
        const std::string args = item.args.dump();
        auto q = db_.Prepare(
            "INSERT INTO outbox (method, args, lane, thread_key, ts_key, result_key, notify_user,"
            " created_at, next_attempt_at, priority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)");
        BindText(*q, 1, item.method);
        BindText(*q, 2, args);
        BindText(*q, 3, item.lane);
        BindText(*q, 4, item.thread_key);
        BindText(*q, 5, item.ts_key);
        BindText(*q, 6, item.result_key);
        BindText(*q, 7, item.notify_user);
        q->bind(8, static_cast<int64_t>(ToUnix(now)));
        q->bind(9, item.priority);
        q->exec();
        return db_.LastInsertRowId();
    }

    std::vector<OutboxItem> Due(TimePoint now, int limit) override {
        auto q = db_.Prepare(kDueSql);
        q->bind(1, static_cast<int64_t>(ToUnix(now)));
        q->bind(2, limit);
        std::vector<OutboxItem> items;
        while (q->executeStep()) items.push_back(ReadItem(*q));
        return items;
    }

    // One process owns the file: nothing to claim from another replica.
    std::vector<OutboxItem> ClaimDue(TimePoint now, int limit, std::string_view /*owner*/,
                                     TimePoint /*lease_until*/) override {
        return Due(now, limit);
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
        auto q = db_.Prepare(
            "UPDATE outbox SET status = 'sent', attempts = attempts + 1, finished_at = ?2,"
            " outcome_unknown = 0 WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(now)));
        ExpectOneRow(q->exec(), id);
    }

    void MarkRetry(long long id, TimePoint next_attempt_at, std::string_view error) override {
        auto q = db_.Prepare(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
            "WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(next_attempt_at)));
        const std::string error_text(error);
        BindText(*q, 3, error_text);
        ExpectOneRow(q->exec(), id);
    }

    void MarkFailed(long long id, std::string_view error, TimePoint now) override {
        auto q = db_.Prepare(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?2,"
            " finished_at = ?3, outcome_unknown = 0 WHERE id = ?1");
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

    Database& db_;
};

}  // namespace

std::unique_ptr<OutboxRepository> NewOutboxRepository(Database& db) {
    return std::make_unique<SqliteOutboxRepository>(db);
}

}  // namespace escbot::storage::sqlite
