#include <algorithm>
#include <string>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage {
namespace sql {
namespace {

template <class Row>
Timer ReadTimer(Row& q) {
    Timer timer;
    timer.id = q.getColumn(0).getInt64();
    timer.kind = q.getColumn(1).getString();
    timer.key = q.getColumn(2).getString();
    timer.due_at = FromUnix(q.getColumn(3).getInt64());
    timer.payload = nlohmann::json::parse(q.getColumn(4).getText());
    return timer;
}

template <class Db>
class SqlTimerRepository final : public TimerRepository {
public:
    explicit SqlTimerRepository(Db& db) : db_(db) {}

    void Schedule(const Timer& timer) override {
        // Delete and insert rather than update in place: a moved timer gets a new id (timers.id
        // is AUTOINCREMENT on SQLite and an identity on PostgreSQL, so ids are never reused), and
        // Remove(old id) after firing the old one leaves the moved timer alone.
        Cancel(timer.key);
        const std::string payload = timer.payload.dump();
        auto q = db_.Prepare(
            "INSERT INTO timers (kind, key, due_at, payload) VALUES (?1, ?2, ?3, ?4)");
        BindText(*q, 1, timer.kind);
        BindText(*q, 2, timer.key);
        q->bind(3, static_cast<int64_t>(ToUnix(timer.due_at)));
        BindText(*q, 4, payload);
        q->exec();
    }

    void Cancel(std::string_view key) override {
        const std::string key_text(key);
        auto q = db_.Prepare("DELETE FROM timers WHERE key = ?1");
        BindText(*q, 1, key_text);
        q->exec();
    }

    std::optional<Timer> Find(std::string_view key) override {
        auto q = db_.Prepare("SELECT id, kind, key, due_at, payload FROM timers WHERE key = ?1");
        const std::string key_text(key);
        BindText(*q, 1, key_text);
        if (!q->executeStep()) return std::nullopt;
        return ReadTimer(*q);
    }

    std::vector<Timer> Due(TimePoint now, int limit) override {
        auto q = db_.Prepare(
            "SELECT id, kind, key, due_at, payload FROM timers WHERE due_at <= ?1 "
            "ORDER BY due_at, id LIMIT ?2");
        q->bind(1, static_cast<int64_t>(ToUnix(now)));
        q->bind(2, limit);
        std::vector<Timer> timers;
        while (q->executeStep()) timers.push_back(ReadTimer(*q));
        return timers;
    }

    std::vector<Timer> ClaimDue(TimePoint now, int limit, [[maybe_unused]] std::string_view owner,
                                [[maybe_unused]] TimePoint lease_until) override {
        if constexpr (kClaimsWithLeases<Db>) {
            return postgres::ClaimDueTimers(db_, now, limit, owner, lease_until);
        } else {
            return Due(now, limit);  // one process owns the file: nothing to claim from another
        }
    }

    void Remove(long long id) override {
        auto q = db_.Prepare("DELETE FROM timers WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(id));
        q->exec();
    }

    std::optional<TimePoint> NextDue() override {
        auto q = db_.Prepare("SELECT MIN(due_at) FROM timers");
        q->executeStep();
        if (q->isColumnNull(0)) return std::nullopt;
        return FromUnix(q->getColumn(0).getInt64());
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<TimerRepository> NewTimerRepository(Db& db) {
    return std::make_unique<SqlTimerRepository<Db>>(db);
}

template std::unique_ptr<TimerRepository> NewTimerRepository(sqlite::Database&);
template std::unique_ptr<TimerRepository> NewTimerRepository(postgres::Connection&);

}  // namespace sql

namespace postgres {

std::vector<Timer> ClaimDueTimers(Connection& db, TimePoint now, int limit,
                                  std::string_view owner, TimePoint until) {
    auto q = db.Prepare(
        "WITH claimable AS (SELECT id FROM timers WHERE due_at <= $1"
        " AND (claimed_until <= $1 OR claimed_by = $3)"
        " ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)"
        " UPDATE timers AS t SET claimed_by = $3, claimed_until = $4 FROM claimable"
        " WHERE t.id = claimable.id RETURNING t.id, t.kind, t.key, t.due_at, t.payload");
    q->bind(1, static_cast<long long>(ToUnix(now)));
    q->bind(2, limit);
    q->bind(3, owner);
    q->bind(4, static_cast<long long>(ToUnix(until)));
    std::vector<Timer> timers;
    while (q->executeStep()) timers.push_back(sql::ReadTimer(*q));
    std::sort(timers.begin(), timers.end(), [](const Timer& a, const Timer& b) {
        return a.due_at != b.due_at ? a.due_at < b.due_at : a.id < b.id;
    });
    return timers;
}

}  // namespace postgres
}  // namespace escbot::storage
