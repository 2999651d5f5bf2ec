#include <stdexcept>
#include <string>
#include <string_view>

#include "storage/sql/backends.hpp"
#include "storage/sql/case_rows.hpp"
#include "storage/sql/repositories.hpp"
#include "storage/sqlite/open_case_cache.hpp"

namespace escbot::storage {

std::string_view CaseStatusName(EscalationCase::Status status) {
    switch (status) {
        case EscalationCase::Status::kLive: return "live";
        case EscalationCase::Status::kOpen: return "open";
        case EscalationCase::Status::kClaimed: return "claimed";
        case EscalationCase::Status::kTransferred: return "transferred";
        case EscalationCase::Status::kResolved: return "resolved";
    }
    throw std::logic_error("unknown case status");
}

namespace sql {
namespace {

const std::string kSelect = "SELECT " + std::string(kCaseColumns) + " FROM escalation_cases ";
const std::string kGetSql = std::string(kSelect) + "WHERE id = ?1";
const std::string kFindOpenSql = std::string(kSelect) +
                                 "WHERE homeowner_key = ?1 AND status IN ('open', 'claimed') "
                                 "ORDER BY id DESC LIMIT ?2";

template <class Db>
class SqlCaseRepository final : public CaseRepository {
public:
    SqlCaseRepository(Db& db, sqlite::OpenCaseCache* open) : db_(db), open_(open) {}

    long long Create(const EscalationCase& c) override {
        const std::string answers = c.answers.dump();
        const std::string status(CaseStatusName(c.status));
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO escalation_cases (sop_version, status, outcome, homeowner_key, answers,"
            " created_by, created_in_channel, created_at, follow_up_due, owner, claimed_at,"
            " last_update_at, resolved_by, resolved_at, resolution_note, overdue_since)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        auto q = db_.Prepare(sql);
        BindText(*q, 1, c.sop_version);
        BindText(*q, 2, status);
        BindText(*q, 3, c.outcome);
        BindText(*q, 4, c.homeowner_key);
        BindText(*q, 5, answers);
        BindText(*q, 6, c.created_by);
        BindText(*q, 7, c.created_in_channel);
        q->bind(8, static_cast<int64_t>(ToUnix(c.created_at)));
        BindOptionalTime(*q, 9, c.follow_up_due);
        BindText(*q, 10, c.owner);
        BindOptionalTime(*q, 11, c.claimed_at);
        BindOptionalTime(*q, 12, c.last_update_at);
        BindText(*q, 13, c.resolved_by);
        BindOptionalTime(*q, 14, c.resolved_at);
        BindText(*q, 15, c.resolution_note);
        BindOptionalTime(*q, 16, c.overdue_since);
        return InsertedId(db_, q);
    }

    std::optional<EscalationCase> Get(long long id) override {
        auto q = db_.Prepare(kGetSql);
        q->bind(1, static_cast<int64_t>(id));
        if (!q->executeStep()) return std::nullopt;
        return ReadCase(*q);
    }

    std::vector<EscalationCase> FindOpenByHomeowner(std::string_view homeowner_key,
                                                    int limit) override {
        if (open_ != nullptr) {
            if (const auto* cases = open_->Find(homeowner_key, limit)) return *cases;
        }
        auto q = db_.Prepare(kFindOpenSql);
        const std::string key(homeowner_key);
        BindText(*q, 1, key);
        q->bind(2, limit);
        std::vector<EscalationCase> cases;
        while (q->executeStep()) cases.push_back(ReadCase(*q));
        if (open_ != nullptr) open_->Remember(homeowner_key, limit, cases);
        return cases;
    }

    bool Claim(long long id, std::string_view user, TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE escalation_cases SET status = 'claimed', owner = ?2, claimed_at = ?3 "
            "WHERE id = ?1 AND status = 'open'");
        const std::string user_text(user);
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, user_text);
        q->bind(3, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    bool Resolve(long long id, std::string_view by, std::string_view note, TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE escalation_cases SET status = 'resolved', resolved_by = ?2, resolved_at = ?3,"
            " resolution_note = ?4 WHERE id = ?1 AND status IN ('open', 'claimed')");
        const std::string by_text(by), note_text(note);
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, by_text);
        q->bind(3, static_cast<int64_t>(ToUnix(at)));
        BindText(*q, 4, note_text);
        return q->exec() == 1;
    }

    bool MarkTransferred(long long id, std::string_view owner, TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE escalation_cases SET status = 'transferred', owner = ?2, claimed_at = ?3 "
            "WHERE id = ?1 AND status = 'live'");
        const std::string owner_text(owner);
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, owner_text);
        q->bind(3, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    bool MarkFollowUp(long long id, TimePoint follow_up_due) override {
        auto q = db_.Prepare(
            "UPDATE escalation_cases SET status = 'open', follow_up_due = ?2 "
            "WHERE id = ?1 AND status = 'live'");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(follow_up_due)));
        return q->exec() == 1;
    }

    void SetLastUpdate(long long id, TimePoint at) override {
        auto q = db_.Prepare("UPDATE escalation_cases SET last_update_at = ?2 WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(at)));
        if (q->exec() != 1) {
            throw std::runtime_error("escalation case " + std::to_string(id) + " does not exist");
        }
    }

    bool Reassign(long long id, std::string_view from, std::string_view to,
                  TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE escalation_cases SET owner = ?3, claimed_at = ?4 "
            "WHERE id = ?1 AND status = 'claimed' AND owner = ?2");
        const std::string from_text(from), to_text(to);
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, from_text);
        BindText(*q, 3, to_text);
        q->bind(4, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    bool RestartPromise(long long id, TimePoint follow_up_due) override {
        auto q = db_.Prepare(
            "UPDATE escalation_cases SET follow_up_due = ?2, overdue_since = NULL "
            "WHERE id = ?1 AND status IN ('open', 'claimed')");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(follow_up_due)));
        return q->exec() == 1;
    }

    bool MarkOverdue(long long id, TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE escalation_cases SET overdue_since = ?2 "
            "WHERE id = ?1 AND status IN ('open', 'claimed') AND overdue_since IS NULL");
        q->bind(1, static_cast<int64_t>(id));
        q->bind(2, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    std::vector<EscalationCase> PendingRekey(int limit) override {
        auto q = db_.Prepare(std::string(kSelect) +
                             "WHERE id IN (SELECT case_id FROM escalation_case_rekey)"
                             " ORDER BY id LIMIT ?1");
        q->bind(1, limit);
        std::vector<EscalationCase> cases;
        while (q->executeStep()) cases.push_back(ReadCase(*q));
        return cases;
    }

    void SetHomeownerKey(long long id, std::string_view homeowner_key) override {
        auto q = db_.Prepare("UPDATE escalation_cases SET homeowner_key = ?2 WHERE id = ?1");
        const std::string key(homeowner_key);
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, key);
        q->exec();
        auto done = db_.Prepare("DELETE FROM escalation_case_rekey WHERE case_id = ?1");
        done->bind(1, static_cast<int64_t>(id));
        done->exec();
    }

private:
    Db& db_;
    sqlite::OpenCaseCache* open_;  // null: no process cache (see Store::AllowsProcessCache)
};

}  // namespace

template <class Db>
std::unique_ptr<CaseRepository> NewCaseRepository(Db& db, sqlite::OpenCaseCache* open) {
    return std::make_unique<SqlCaseRepository<Db>>(db, open);
}

template std::unique_ptr<CaseRepository> NewCaseRepository(sqlite::Database&,
                                                           sqlite::OpenCaseCache*);
template std::unique_ptr<CaseRepository> NewCaseRepository(postgres::Connection&,
                                                           sqlite::OpenCaseCache*);

}  // namespace sql
}  // namespace escbot::storage
