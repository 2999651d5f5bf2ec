#include <string>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

template <class Db>
class SqlCaseInteractionRepository final : public CaseInteractionRepository {
public:
    explicit SqlCaseInteractionRepository(Db& db) : db_(db) {}

    long long Add(const CaseInteraction& interaction) override {
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO escalation_case_interactions"
            " (case_id, agent, interaction_id, said, sop_version, at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(interaction.case_id));
        BindText(*q, 2, interaction.agent);
        BindText(*q, 3, interaction.interaction_id);
        BindText(*q, 4, interaction.said);
        BindText(*q, 5, interaction.sop_version);
        q->bind(6, static_cast<int64_t>(ToUnix(interaction.at)));
        return InsertedId(db_, q);
    }

    std::vector<CaseInteraction> ForCase(long long case_id) override {
        auto q = db_.Prepare(
            "SELECT id, case_id, agent, interaction_id, said, sop_version, at"
            " FROM escalation_case_interactions WHERE case_id = ?1 ORDER BY id");
        q->bind(1, static_cast<int64_t>(case_id));
        std::vector<CaseInteraction> out;
        while (q->executeStep()) {
            CaseInteraction i;
            i.id = q->getColumn(0).getInt64();
            i.case_id = q->getColumn(1).getInt64();
            i.agent = q->getColumn(2).getString();
            i.interaction_id = q->getColumn(3).getString();
            i.said = q->getColumn(4).getString();
            i.sop_version = q->getColumn(5).getString();
            i.at = FromUnix(q->getColumn(6).getInt64());
            out.push_back(std::move(i));
        }
        return out;
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<CaseInteractionRepository> NewCaseInteractionRepository(Db& db) {
    return std::make_unique<SqlCaseInteractionRepository<Db>>(db);
}

template std::unique_ptr<CaseInteractionRepository> NewCaseInteractionRepository(sqlite::Database&);
template std::unique_ptr<CaseInteractionRepository> NewCaseInteractionRepository(
    postgres::Connection&);

}  // namespace escbot::storage::sql
