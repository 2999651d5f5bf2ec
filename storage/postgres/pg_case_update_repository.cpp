#include <string>

#include "storage/postgres/escalation_factories.hpp"

namespace escbot::storage::postgres {
namespace {

CaseUpdate ReadUpdate(Query& q) {
    CaseUpdate u;
    u.id = q.getColumn(0).getInt64();
    u.case_id = q.getColumn(1).getInt64();
    u.author = q.getColumn(2).getString();
    u.kind = q.getColumn(3).getString();
    u.text = q.getColumn(4).getString();
    u.at = FromUnix(q.getColumn(5).getInt64());
    return u;
}

class PgCaseUpdateRepository final : public CaseUpdateRepository {
public:
    explicit PgCaseUpdateRepository(Connection& db) : db_(db) {}

    long long Add(const CaseUpdate& update) override {
        auto q = db_.Prepare(
            "INSERT INTO escalation_case_updates (case_id, author, kind, text, at)"
            " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
        q->bind(1, static_cast<int64_t>(update.case_id));
        BindText(*q, 2, update.author);
        BindText(*q, 3, update.kind);
        BindText(*q, 4, update.text);
        q->bind(5, static_cast<int64_t>(ToUnix(update.at)));
        q->executeStep();
        return q->getColumn(0).getInt64();
    }

    std::optional<CaseUpdate> Latest(long long case_id) override {
        auto q = db_.Prepare(
            "SELECT id, case_id, author, kind, text, at FROM escalation_case_updates"
            " WHERE case_id = ?1 AND kind IN ('update', 'resolution')"
            " ORDER BY id DESC LIMIT 1");
        q->bind(1, static_cast<int64_t>(case_id));
        if (!q->executeStep()) return std::nullopt;
        return ReadUpdate(*q);
    }

    std::vector<CaseUpdate> ForCase(long long case_id) override {
        auto q = db_.Prepare(
            "SELECT id, case_id, author, kind, text, at FROM escalation_case_updates"
            " WHERE case_id = ?1 ORDER BY id");
        q->bind(1, static_cast<int64_t>(case_id));
        std::vector<CaseUpdate> updates;
        while (q->executeStep()) updates.push_back(ReadUpdate(*q));
        return updates;
    }

private:
    Connection& db_;
};

}  // namespace

std::unique_ptr<CaseUpdateRepository> NewCaseUpdateRepository(Connection& db) {
    return std::make_unique<PgCaseUpdateRepository>(db);
}

}  // namespace escbot::storage::postgres
