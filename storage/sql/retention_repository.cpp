#include <string>

#include "storage/retention_repository.hpp"
#include "storage/sql/backends.hpp"
#include "storage/sql/case_rows.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

const std::string kCasesDueSql =
    "SELECT " + std::string(kCaseColumns) +
    " FROM escalation_cases WHERE personal_data_purged_at IS NULL AND ("
    " (status = 'resolved' AND resolved_at < ?1) OR"
    " (status = 'transferred' AND"
    "  (SELECT ended_at FROM escalation_ladders l WHERE l.case_id = escalation_cases.id) < ?1))"
    " ORDER BY id LIMIT ?2";

template <class Db>
class SqlRetentionRepository final : public RetentionRepository {
public:
    explicit SqlRetentionRepository(Db& db) : db_(db) {}

    std::vector<EscalationCase> CasesDueForPurge(TimePoint cutoff, int limit) override {
        auto q = db_.Prepare(kCasesDueSql);
        q->bind(1, static_cast<int64_t>(ToUnix(cutoff)));
        q->bind(2, limit);
        std::vector<EscalationCase> cases;
        while (q->executeStep()) cases.push_back(ReadCase(*q));
        return cases;
    }

    void PurgeCase(long long id, const nlohmann::json& kept_answers, TimePoint at) override {
        const std::string answers = kept_answers.dump();
        auto c = db_.Prepare(
            "UPDATE escalation_cases SET answers = ?2, homeowner_key = '', resolution_note = '',"
            " personal_data_purged_at = ?3 WHERE id = ?1");
        c->bind(1, static_cast<int64_t>(id));
        BindText(*c, 2, answers);
        c->bind(3, static_cast<int64_t>(ToUnix(at)));
        c->exec();
        auto updates = db_.Prepare("UPDATE escalation_case_updates SET text = '' WHERE case_id = ?1");
        updates->bind(1, static_cast<int64_t>(id));
        updates->exec();
        auto interactions = db_.Prepare(
            "UPDATE escalation_case_interactions SET said = '', interaction_id = '' WHERE case_id = ?1");
        interactions->bind(1, static_cast<int64_t>(id));
        interactions->exec();
    }

    long long PurgeClosedDrafts(TimePoint cutoff) override {
        return Run("UPDATE drafts SET answers = '{}' WHERE " + std::string(kClosedDrafts), cutoff);
    }
    long long CountClosedDrafts(TimePoint cutoff) override {
        return Count("SELECT COUNT(*) FROM drafts WHERE " + std::string(kClosedDrafts), cutoff);
    }

    long long PurgeClosedConcertRequests(TimePoint cutoff) override {
        return Run("UPDATE concert_requests SET homeowner = '', address = '' WHERE " +
                       std::string(kClosedConcertRequests),
                   cutoff);
    }
    long long CountClosedConcertRequests(TimePoint cutoff) override {
        return Count("SELECT COUNT(*) FROM concert_requests WHERE " + std::string(kClosedConcertRequests),
                     cutoff);
    }

    long long PurgeClosedInstallerComplaints(TimePoint cutoff) override {
        Run("UPDATE installer_complaint_events SET detail = '' WHERE complaint_id IN"
            " (SELECT id FROM installer_complaints WHERE " + std::string(kClosedComplaints) + ")",
            cutoff);
        return Run("UPDATE installer_complaints SET homeowner = '', address = '', homeowner_key = '', installer_email = '',"
                   " description = '', phone = '', best_time = '', interaction_id = '',"
                   " referral = '{}', closure_comments = '' WHERE " + std::string(kClosedComplaints),
                   cutoff);
    }
    long long CountClosedInstallerComplaints(TimePoint cutoff) override {
        return Count("SELECT COUNT(*) FROM installer_complaints WHERE " + std::string(kClosedComplaints),
                     cutoff);
    }

private:
    static constexpr std::string_view kClosedComplaints =
        "((status = 'closed' AND closed_at < ?1) OR (status = 'no_case' AND created_at < ?1))"
        " AND (homeowner <> '' OR address <> '' OR phone <> '' OR description <> '')";
    static constexpr std::string_view kClosedDrafts =
        "status <> 'open' AND updated_at < ?1 AND answers <> '{}'";
    static constexpr std::string_view kClosedConcertRequests =
        "status IN ('confirmed', 'not_concert', 'cancelled') AND closed_at < ?1"
        " AND (homeowner <> '' OR address <> '')";

    long long Run(const std::string& sql, TimePoint cutoff) {
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(ToUnix(cutoff)));
        return q->exec();
    }
    long long Count(const std::string& sql, TimePoint cutoff) {
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(ToUnix(cutoff)));
        return q->executeStep() ? q->getColumn(0).getInt64() : 0;
    }

    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<RetentionRepository> NewRetentionRepository(Db& db) {
    return std::make_unique<SqlRetentionRepository<Db>>(db);
}

template std::unique_ptr<RetentionRepository> NewRetentionRepository(sqlite::Database&);
template std::unique_ptr<RetentionRepository> NewRetentionRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
