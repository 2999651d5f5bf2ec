#include <string>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

template <class Row>
CaseUpdate ReadUpdate(Row& q) {
    CaseUpdate u;
    u.id = q.getColumn(0).getInt64();
    u.case_id = q.getColumn(1).getInt64();
    u.author = q.getColumn(2).getString();
    u.kind = q.getColumn(3).getString();
    u.text = q.getColumn(4).getString();
    u.at = FromUnix(q.getColumn(5).getInt64());
    return u;
}

template <class Db>
class SqlCaseUpdateRepository final : public CaseUpdateRepository {
public:
    explicit SqlCaseUpdateRepository(Db& db) : db_(db) {}

    long long Add(const CaseUpdate& update) override {
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO escalation_case_updates (case_id, author, kind, text, at)"
            " VALUES (?1, ?2, ?3, ?4, ?5)");
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(update.case_id));
        BindText(*q, 2, update.author);
        BindText(*q, 3, update.kind);
        BindText(*q, 4, update.text);
        q->bind(5, static_cast<int64_t>(ToUnix(update.at)));
        return InsertedId(db_, q);
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
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<CaseUpdateRepository> NewCaseUpdateRepository(Db& db) {
    return std::make_unique<SqlCaseUpdateRepository<Db>>(db);
}

template std::unique_ptr<CaseUpdateRepository> NewCaseUpdateRepository(sqlite::Database&);
template std::unique_ptr<CaseUpdateRepository> NewCaseUpdateRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
