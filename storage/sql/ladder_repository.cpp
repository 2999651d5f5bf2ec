#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage {

std::string_view LadderStatusName(LiveLadder::Status status) {
    switch (status) {
        case LiveLadder::Status::kPaging: return "paging";
        case LiveLadder::Status::kAccepted: return "accepted";
        case LiveLadder::Status::kVoicemail: return "voicemail";
        case LiveLadder::Status::kAnswered: return "answered";
    }
    throw std::logic_error("unknown ladder status");
}

namespace sql {
namespace {

LiveLadder::Status ParseStatus(std::string_view text) {
    if (text == "accepted") return LiveLadder::Status::kAccepted;
    if (text == "voicemail") return LiveLadder::Status::kVoicemail;
    if (text == "answered") return LiveLadder::Status::kAnswered;
    return LiveLadder::Status::kPaging;
}

constexpr const char* kLadderColumns =
    "SELECT case_id, sop_version, tier_id, step, deadline, status, owner, started_at,"
    " ended_at, history, answered_by, answered_at FROM escalation_ladders ";

template <class Row>
LiveLadder ReadLadder(Row& row) {
    LiveLadder l;
    l.case_id = row.getColumn(0).getInt64();
    l.sop_version = row.getColumn(1).getString();
    l.tier_id = row.getColumn(2).getString();
    l.step = row.getColumn(3).getInt();
    l.deadline = FromUnix(row.getColumn(4).getInt64());
    l.status = ParseStatus(row.getColumn(5).getText());
    l.owner = row.getColumn(6).getString();
    l.started_at = FromUnix(row.getColumn(7).getInt64());
    l.ended_at = OptionalTimeColumn(row, 8);
    l.history = nlohmann::json::parse(row.getColumn(9).getText());
    l.answered_by = row.getColumn(10).getString();
    l.answered_at = OptionalTimeColumn(row, 11);
    return l;
}

template <class Db>
class SqlLadderRepository final : public LadderRepository {
public:
    explicit SqlLadderRepository(Db& db) : db_(db) {}

    void Create(const LiveLadder& ladder) override {
        const std::string history = ladder.history.dump();
        const std::string status(LadderStatusName(ladder.status));
        auto q = db_.Prepare(
            "INSERT INTO escalation_ladders (case_id, sop_version, tier_id, step, deadline, status,"
            " owner, started_at, ended_at, history, answered_by, answered_at) VALUES (?1, ?2, ?3, ?4,"
            " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        q->bind(1, static_cast<int64_t>(ladder.case_id));
        BindText(*q, 2, ladder.sop_version);
        BindText(*q, 3, ladder.tier_id);
        q->bind(4, ladder.step);
        q->bind(5, static_cast<int64_t>(ToUnix(ladder.deadline)));
        BindText(*q, 6, status);
        BindText(*q, 7, ladder.owner);
        q->bind(8, static_cast<int64_t>(ToUnix(ladder.started_at)));
        BindOptionalTime(*q, 9, ladder.ended_at);
        BindText(*q, 10, history);
        BindText(*q, 11, ladder.answered_by);
        BindOptionalTime(*q, 12, ladder.answered_at);
        q->exec();
    }

    std::optional<LiveLadder> Get(long long case_id) override {
        auto q = db_.Prepare(std::string(kLadderColumns) + "WHERE case_id = ?1");
        q->bind(1, static_cast<int64_t>(case_id));
        if (!q->executeStep()) return std::nullopt;
        return ReadLadder(*q);
    }

    std::vector<LiveLadder> PagingPastDeadline(TimePoint cutoff, int limit) override {
        auto q = db_.Prepare(std::string(kLadderColumns) +
                             "WHERE status = 'paging' AND deadline <= ?1"
                             " ORDER BY deadline, case_id LIMIT ?2");
        q->bind(1, static_cast<int64_t>(ToUnix(cutoff)));
        q->bind(2, limit);
        std::vector<LiveLadder> ladders;
        while (q->executeStep()) ladders.push_back(ReadLadder(*q));
        return ladders;
    }

    bool Accept(long long case_id, int step, std::string_view user, TimePoint now) override {
        return Transition(
            "UPDATE escalation_ladders SET status = 'accepted', owner = ?3, ended_at = ?4 "
            "WHERE case_id = ?1 AND status = 'paging' AND step = ?2 AND deadline > ?4",
            case_id, step, user, now);
    }

    bool Advance(long long case_id, int step, std::string_view tier_id,
                 TimePoint deadline) override {
        return Transition(
            "UPDATE escalation_ladders SET step = step + 1, tier_id = ?3, deadline = ?4 "
            "WHERE case_id = ?1 AND status = 'paging' AND step = ?2",
            case_id, step, tier_id, deadline);
    }

    bool ExtendDeadline(long long case_id, int step, TimePoint deadline) override {
        auto q = db_.Prepare(
            "UPDATE escalation_ladders SET deadline = ?3 "
            "WHERE case_id = ?1 AND status = 'paging' AND step = ?2 AND deadline < ?3");
        q->bind(1, static_cast<int64_t>(case_id));
        q->bind(2, step);
        q->bind(3, static_cast<int64_t>(ToUnix(deadline)));
        return q->exec() == 1;
    }

    bool EndInVoicemail(long long case_id, int step, TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE escalation_ladders SET status = 'voicemail', ended_at = ?3 "
            "WHERE case_id = ?1 AND status = 'paging' AND step = ?2");
        q->bind(1, static_cast<int64_t>(case_id));
        q->bind(2, step);
        q->bind(3, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    void SetHistory(long long case_id, const nlohmann::json& history) override {
        const std::string text = history.dump();
        auto q = db_.Prepare("UPDATE escalation_ladders SET history = ?2 WHERE case_id = ?1");
        q->bind(1, static_cast<int64_t>(case_id));
        BindText(*q, 2, text);
        if (q->exec() != 1) {
            throw std::runtime_error("ladder of case " + std::to_string(case_id) +
                                     " does not exist");
        }
    }

    bool Answer(long long case_id, int step, std::string_view user, TimePoint now) override {
        return Transition(
            "UPDATE escalation_ladders SET status = 'answered', answered_by = ?3, answered_at = ?4 "
            "WHERE case_id = ?1 AND status = 'paging' AND step = ?2 AND deadline > ?4",
            case_id, step, user, now);
    }

    bool AcceptAnswered(long long case_id, int step, std::string_view user,
                        TimePoint now) override {
        return Transition(
            "UPDATE escalation_ladders SET status = 'accepted', owner = ?3, ended_at = ?4 "
            "WHERE case_id = ?1 AND status = 'answered' AND step = ?2 AND answered_by = ?3",
            case_id, step, user, now);
    }

    bool ReleaseAnswered(long long case_id, int step, std::string_view user) override {
        auto q = db_.Prepare(
            "UPDATE escalation_ladders SET status = 'paging', answered_by = '', answered_at = NULL "
            "WHERE case_id = ?1 AND status = 'answered' AND step = ?2 AND answered_by = ?3");
        const std::string user_text(user);
        q->bind(1, static_cast<int64_t>(case_id));
        q->bind(2, step);
        BindText(*q, 3, user_text);
        return q->exec() == 1;
    }

private:
    // One ladder row's transition: ?1 the case, ?2 the step, ?3 a user or tier id, ?4 a time.
    // True when the row was in the state the SQL requires.
    bool Transition(std::string_view sql, long long case_id, int step, std::string_view id,
                    TimePoint at) {
        auto q = db_.Prepare(sql);
        const std::string id_text(id);
        q->bind(1, static_cast<int64_t>(case_id));
        q->bind(2, step);
        BindText(*q, 3, id_text);
        q->bind(4, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<LadderRepository> NewLadderRepository(Db& db) {
    return std::make_unique<SqlLadderRepository<Db>>(db);
}

template std::unique_ptr<LadderRepository> NewLadderRepository(sqlite::Database&);
template std::unique_ptr<LadderRepository> NewLadderRepository(postgres::Connection&);

}  // namespace sql
}  // namespace escbot::storage
