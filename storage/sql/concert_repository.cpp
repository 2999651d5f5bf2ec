#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

using Status = ConcertRequest::Status;

Status ParseStatus(std::string_view text) {
    if (text == "open") return Status::kOpen;
    if (text == "confirmed") return Status::kConfirmed;
    if (text == "not_concert") return Status::kNotConcert;
    if (text == "cancelled") return Status::kCancelled;
    return Status::kHeld;
}

// The columns ReadRequest expects, in order.
constexpr std::string_view kSelect =
    "SELECT id, agent_id, agent_channel, homeowner, address, rotation, status, tagged,"
    " reminders_sent, fallback_tagged, questions, closed_by, created_at, posted_at, closed_at,"
    " question_waiting FROM concert_requests ";
const std::string kGetSql = std::string(kSelect) + "WHERE id = ?1";
const std::string kListSql =
    std::string(kSelect) + "WHERE status = ?1 ORDER BY created_at, id LIMIT ?2";

template <class Row>
ConcertRequest ReadRequest(Row& q) {
    ConcertRequest r;
    r.id = q.getColumn(0).getInt64();
    r.agent_id = q.getColumn(1).getString();
    r.agent_channel = q.getColumn(2).getString();
    r.homeowner = q.getColumn(3).getString();
    r.address = q.getColumn(4).getString();
    r.rotation = q.getColumn(5).getString();
    r.status = ParseStatus(q.getColumn(6).getText());
    const nlohmann::json tagged = nlohmann::json::parse(q.getColumn(7).getText());
    r.tagged = tagged.get<std::vector<std::string>>();
    r.reminders_sent = q.getColumn(8).getInt();
    r.fallback_tagged = q.getColumn(9).getInt() != 0;
    r.questions = q.getColumn(10).getInt();
    r.closed_by = q.getColumn(11).getString();
    r.created_at = FromUnix(q.getColumn(12).getInt64());
    r.posted_at = OptionalTimeColumn(q, 13);
    r.closed_at = OptionalTimeColumn(q, 14);
    r.question_waiting = q.getColumn(15).getInt() != 0;
    return r;
}

template <class Db>
class SqlConcertRepository final : public ConcertRepository {
public:
    explicit SqlConcertRepository(Db& db) : db_(db) {}

    long long Create(const ConcertRequest& r) override {
        const std::string tagged = nlohmann::json(r.tagged).dump();
        const std::string status(StatusName(r.status));
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO concert_requests (agent_id, agent_channel, homeowner, address, rotation,"
            " status, tagged, reminders_sent, fallback_tagged, questions, closed_by, created_at,"
            " posted_at, closed_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
        auto q = db_.Prepare(sql);
        BindText(*q, 1, r.agent_id);
        BindText(*q, 2, r.agent_channel);
        BindText(*q, 3, r.homeowner);
        BindText(*q, 4, r.address);
        BindText(*q, 5, r.rotation);
        BindText(*q, 6, status);
        BindText(*q, 7, tagged);
        q->bind(8, r.reminders_sent);
        q->bind(9, r.fallback_tagged ? 1 : 0);
        q->bind(10, r.questions);
        BindText(*q, 11, r.closed_by);
        q->bind(12, static_cast<int64_t>(ToUnix(r.created_at)));
        BindOptionalTime(*q, 13, r.posted_at);
        BindOptionalTime(*q, 14, r.closed_at);
        return InsertedId(db_, q);
    }

    std::optional<ConcertRequest> Get(long long id) override {
        auto q = db_.Prepare(kGetSql);
        q->bind(1, static_cast<int64_t>(id));
        if (!q->executeStep()) return std::nullopt;
        return ReadRequest(*q);
    }

    bool MarkPosted(long long id, const std::vector<std::string>& tagged, TimePoint at) override {
        const std::string tagged_text = nlohmann::json(tagged).dump();
        auto q = db_.Prepare(
            "UPDATE concert_requests SET status = 'open', tagged = ?2, posted_at = ?3"
            " WHERE id = ?1 AND status = 'held'");
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, tagged_text);
        q->bind(3, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    bool Answer(long long id, Status answer, std::string_view by, TimePoint at) override {
        if (answer != Status::kConfirmed && answer != Status::kNotConcert) {
            throw std::invalid_argument("a Concert answer is confirmed or not_concert");
        }
        const std::string status(StatusName(answer)), by_text(by);
        auto q = db_.Prepare(
            "UPDATE concert_requests SET status = ?2, closed_by = ?3, closed_at = ?4"
            " WHERE id = ?1 AND status = 'open'");
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, status);
        BindText(*q, 3, by_text);
        q->bind(4, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    bool Cancel(long long id, std::string_view by, TimePoint at) override {
        const std::string by_text(by);
        auto q = db_.Prepare(
            "UPDATE concert_requests SET status = 'cancelled', closed_by = ?2, closed_at = ?3"
            " WHERE id = ?1 AND status IN ('held', 'open')");
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, by_text);
        q->bind(3, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    void CountReminder(long long id) override {
        Change(id, "UPDATE concert_requests SET reminders_sent = reminders_sent + 1 WHERE id = ?1");
    }

    void MarkFallbackTagged(long long id) override {
        Change(id, "UPDATE concert_requests SET fallback_tagged = 1 WHERE id = ?1");
    }

    void CountQuestion(long long id) override {
        Change(id, "UPDATE concert_requests SET questions = questions + 1 WHERE id = ?1");
    }

    void MarkQuestionWaiting(long long id) override {
        Change(id, "UPDATE concert_requests SET question_waiting = 1 WHERE id = ?1");
    }

    bool MarkQuestionAnswered(long long id) override {
        auto q = db_.Prepare(
            "UPDATE concert_requests SET question_waiting = 0"
            " WHERE id = ?1 AND question_waiting = 1 AND status = 'open'");
        q->bind(1, static_cast<int64_t>(id));
        return q->exec() == 1;
    }

    std::vector<ConcertRequest> ListByStatus(Status status, int limit) override {
        const std::string status_text(StatusName(status));
        auto q = db_.Prepare(kListSql);
        BindText(*q, 1, status_text);
        q->bind(2, limit);
        std::vector<ConcertRequest> requests;
        while (q->executeStep()) requests.push_back(ReadRequest(*q));
        return requests;
    }

private:
    void Change(long long id, std::string_view sql) {
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(id));
        if (q->exec() != 1) {
            throw std::runtime_error("concert request " + std::to_string(id) + " does not exist");
        }
    }

    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<ConcertRepository> NewConcertRepository(Db& db) {
    return std::make_unique<SqlConcertRepository<Db>>(db);
}

template std::unique_ptr<ConcertRepository> NewConcertRepository(sqlite::Database&);
template std::unique_ptr<ConcertRepository> NewConcertRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
