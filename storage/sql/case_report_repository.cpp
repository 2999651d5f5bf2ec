#include <string>

#include "storage/sql/backends.hpp"
#include "storage/sql/case_rows.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

// Correlated subqueries rather than joins: escalation_ladders shares column names with
// escalation_cases, and each subquery is one lookup by primary key or by (case_id, id).
const std::string kForEachCreatedSql =
    "SELECT " + std::string(kCaseColumns) +
    ", (SELECT MIN(at) FROM escalation_case_updates u"
    "    WHERE u.case_id = escalation_cases.id AND u.kind IN ('update', 'resolution')),"
    " (SELECT status FROM escalation_ladders l WHERE l.case_id = escalation_cases.id),"
    " (SELECT tier_id FROM escalation_ladders l WHERE l.case_id = escalation_cases.id),"
    " (SELECT ended_at FROM escalation_ladders l WHERE l.case_id = escalation_cases.id)"
    " FROM escalation_cases WHERE created_at >= ?1 AND created_at < ?2 ORDER BY id";

template <class Db>
class SqlCaseReportRepository final : public CaseReportRepository {
public:
    explicit SqlCaseReportRepository(Db& db) : db_(db) {}

    void ForEachCreated(TimePoint since, TimePoint until,
                        const std::function<void(const CaseReportRow&)>& fn) override {
        auto statement = db_.Prepare(kForEachCreatedSql);
        auto& q = *statement;
        q.bind(1, static_cast<int64_t>(ToUnix(since)));
        q.bind(2, static_cast<int64_t>(ToUnix(until)));
        CaseReportRow row;
        const int first_extra = 17;
        while (q.executeStep()) {
            row.c = ReadCase(q);
            row.first_update_at = OptionalTimeColumn(q, first_extra);
            row.ladder_status = q.getColumn(first_extra + 1).getString();
            row.ladder_tier = q.getColumn(first_extra + 2).getString();
            row.ladder_ended_at = OptionalTimeColumn(q, first_extra + 3);
            fn(row);
        }
    }

    AttemptCounts AttemptsBetween(TimePoint since, TimePoint until) override {
        AttemptCounts counts;
        auto not_qualified = db_.Prepare(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'escalation.not_qualified'"
            " AND at >= ?1 AND at < ?2");
        not_qualified->bind(1, static_cast<int64_t>(ToUnix(since)));
        not_qualified->bind(2, static_cast<int64_t>(ToUnix(until)));
        if (not_qualified->executeStep()) counts.not_qualified = not_qualified->getColumn(0).getInt64();
        auto added = db_.Prepare(
            "SELECT COUNT(*) FROM escalation_case_interactions WHERE at >= ?1 AND at < ?2");
        added->bind(1, static_cast<int64_t>(ToUnix(since)));
        added->bind(2, static_cast<int64_t>(ToUnix(until)));
        if (added->executeStep()) counts.added_to_existing = added->getColumn(0).getInt64();
        return counts;
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<CaseReportRepository> NewCaseReportRepository(Db& db) {
    return std::make_unique<SqlCaseReportRepository<Db>>(db);
}

template std::unique_ptr<CaseReportRepository> NewCaseReportRepository(sqlite::Database&);
template std::unique_ptr<CaseReportRepository> NewCaseReportRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
