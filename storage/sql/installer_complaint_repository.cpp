#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"
#include "storage/sql/sop_texts.hpp"

namespace escbot::storage::sql {
namespace {

using Status = InstallerComplaint::Status;

Status ParseStatus(std::string_view text) {
    if (text == "no_case") return Status::kNoCase;
    if (text == "closed") return Status::kClosed;
    return Status::kOpen;
}

ChaseState ParseChase(std::string_view text) {
    if (text == "due") return ChaseState::kDue;
    if (text == "replied") return ChaseState::kReplied;
    if (text == "referral_due") return ChaseState::kReferralDue;
    if (text == "referred") return ChaseState::kReferred;
    return ChaseState::kWaiting;
}

// The columns ReadComplaint expects, in order.
constexpr std::string_view kSelect =
    "SELECT id, sop_version, agent_id, agent_channel, homeowner, address, homeowner_key, program,"
    " installer_name, installer_email, complaint_type, description, phone, best_time,"
    " interaction_id, status, owner_id, chase_state, chase_attempt, partner_updated, referral,"
    " closure_comments, closed_by, created_at, claimed_at, closed_at FROM installer_complaints ";
const std::string kGetSql = std::string(kSelect) + "WHERE id = ?1";
// The complaint's columns, then the first update its owner recorded (column 26).
const std::string kReportSql =
    "SELECT c.*, (SELECT MIN(e.at) FROM installer_complaint_events e WHERE e.complaint_id = c.id"
    " AND e.kind IN ('installer_replied', 'no_reply', 'referred', 'partner_updated', 'closed'))"
    " FROM (" + std::string(kSelect) +
    "WHERE status IN ('open', 'closed') AND created_at >= ?1 AND created_at < ?2) AS c"
    " ORDER BY c.id";
const std::string kOpenForHomeownerSql =
    std::string(kSelect) + "WHERE status = 'open' AND homeowner_key = ?1 ORDER BY id";

template <class Row>
InstallerComplaint ReadComplaint(Row& q) {
    InstallerComplaint c;
    c.id = q.getColumn(0).getInt64();
    c.sop_version = q.getColumn(1).getString();
    c.agent_id = q.getColumn(2).getString();
    c.agent_channel = q.getColumn(3).getString();
    c.homeowner = q.getColumn(4).getString();
    c.address = q.getColumn(5).getString();
    c.homeowner_key = q.getColumn(6).getString();
    c.program = q.getColumn(7).getString();
    c.installer_name = q.getColumn(8).getString();
    c.installer_email = q.getColumn(9).getString();
    c.complaint_type = q.getColumn(10).getString();
    c.description = q.getColumn(11).getString();
    c.phone = q.getColumn(12).getString();
    c.best_time = q.getColumn(13).getString();
    c.interaction_id = q.getColumn(14).getString();
    c.status = ParseStatus(q.getColumn(15).getText());
    c.owner_id = q.getColumn(16).getString();
    c.chase_state = ParseChase(q.getColumn(17).getText());
    c.chase_attempt = q.getColumn(18).getInt();
    c.partner_updated = q.getColumn(19).getInt() != 0;
    c.referral = nlohmann::json::parse(q.getColumn(20).getText());
    c.closure_comments = q.getColumn(21).getString();
    c.closed_by = q.getColumn(22).getString();
    c.created_at = FromUnix(q.getColumn(23).getInt64());
    c.claimed_at = OptionalTimeColumn(q, 24);
    c.closed_at = OptionalTimeColumn(q, 25);
    return c;
}

template <class Db>
class SqlInstallerComplaintRepository final : public InstallerComplaintRepository {
public:
    explicit SqlInstallerComplaintRepository(Db& db) : db_(db) {}

    long long Create(const InstallerComplaint& c) override {
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO installer_complaints (sop_version, agent_id, agent_channel, homeowner,"
            " address, homeowner_key, program, installer_name, installer_email, complaint_type,"
            " description, phone, best_time, interaction_id, status, owner_id, chase_state,"
            " chase_attempt, partner_updated, referral, closure_comments, closed_by, created_at,"
            " claimed_at, closed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
            " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)");
        auto q = db_.Prepare(sql);
        const std::string texts[] = {
            c.sop_version,    c.agent_id,       c.agent_channel, c.homeowner,
            c.address,        c.homeowner_key,  c.program,       c.installer_name,
            c.installer_email, c.complaint_type, c.description,  c.phone,
            c.best_time,      c.interaction_id, std::string(StatusName(c.status)),
            c.owner_id,       std::string(ChaseStateName(c.chase_state)),
        };
        int index = 1;
        for (const std::string& text : texts) BindText(*q, index++, text);
        q->bind(18, c.chase_attempt);
        q->bind(19, c.partner_updated ? 1 : 0);
        const std::string referral = c.referral.dump();
        BindText(*q, 20, referral);
        BindText(*q, 21, c.closure_comments);
        BindText(*q, 22, c.closed_by);
        q->bind(23, static_cast<int64_t>(ToUnix(c.created_at)));
        BindOptionalTime(*q, 24, c.claimed_at);
        BindOptionalTime(*q, 25, c.closed_at);
        return InsertedId(db_, q);
    }

    std::optional<InstallerComplaint> Get(long long id) override {
        auto q = db_.Prepare(kGetSql);
        q->bind(1, static_cast<int64_t>(id));
        if (!q->executeStep()) return std::nullopt;
        return ReadComplaint(*q);
    }

    std::vector<InstallerComplaint> FindOpenForHomeowner(std::string_view key) override {
        const std::string key_text(key);
        auto q = db_.Prepare(kOpenForHomeownerSql);
        BindText(*q, 1, key_text);
        std::vector<InstallerComplaint> out;
        while (q->executeStep()) out.push_back(ReadComplaint(*q));
        return out;
    }

    bool Claim(long long id, std::string_view user, TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE installer_complaints SET owner_id = ?2, claimed_at = ?3"
            " WHERE id = ?1 AND status = 'open' AND owner_id = ''");
        const std::string user_text(user);
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, user_text);
        q->bind(3, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    bool MoveChase(long long id, ChaseState from, int from_attempt, ChaseState to,
                   int to_attempt) override {
        auto q = db_.Prepare(
            "UPDATE installer_complaints SET chase_state = ?4, chase_attempt = ?5"
            " WHERE id = ?1 AND status = 'open' AND chase_state = ?2 AND chase_attempt = ?3");
        const std::string from_text(ChaseStateName(from)), to_text(ChaseStateName(to));
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, from_text);
        q->bind(3, from_attempt);
        BindText(*q, 4, to_text);
        q->bind(5, to_attempt);
        return q->exec() == 1;
    }

    bool RecordReferral(long long id, const nlohmann::json& answers) override {
        auto q = db_.Prepare(
            "UPDATE installer_complaints SET chase_state = 'referred', referral = ?2"
            " WHERE id = ?1 AND status = 'open' AND chase_state = 'referral_due'");
        const std::string answers_text = answers.dump();
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, answers_text);
        return q->exec() == 1;
    }

    bool MarkPartnerUpdated(long long id) override {
        auto q = db_.Prepare(
            "UPDATE installer_complaints SET partner_updated = 1"
            " WHERE id = ?1 AND status = 'open' AND partner_updated = 0");
        q->bind(1, static_cast<int64_t>(id));
        return q->exec() == 1;
    }

    bool Close(long long id, std::string_view comments, std::string_view by,
               TimePoint at) override {
        auto q = db_.Prepare(
            "UPDATE installer_complaints SET status = 'closed', closure_comments = ?2,"
            " closed_by = ?3, closed_at = ?4 WHERE id = ?1 AND status = 'open'");
        const std::string comments_text(comments), by_text(by);
        q->bind(1, static_cast<int64_t>(id));
        BindText(*q, 2, comments_text);
        BindText(*q, 3, by_text);
        q->bind(4, static_cast<int64_t>(ToUnix(at)));
        return q->exec() == 1;
    }

    long long AddEvent(const InstallerComplaintEvent& e) override {
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO installer_complaint_events (complaint_id, at, actor, kind, attempt,"
            " detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        auto q = db_.Prepare(sql);
        q->bind(1, static_cast<int64_t>(e.complaint_id));
        q->bind(2, static_cast<int64_t>(ToUnix(e.at)));
        BindText(*q, 3, e.actor);
        BindText(*q, 4, e.kind);
        q->bind(5, e.attempt);
        BindText(*q, 6, e.detail);
        return InsertedId(db_, q);
    }

    std::vector<InstallerComplaintEvent> Events(long long complaint_id) override {
        auto q = db_.Prepare(
            "SELECT id, complaint_id, at, actor, kind, attempt, detail"
            " FROM installer_complaint_events WHERE complaint_id = ?1 ORDER BY id");
        q->bind(1, static_cast<int64_t>(complaint_id));
        std::vector<InstallerComplaintEvent> out;
        while (q->executeStep()) {
            InstallerComplaintEvent e;
            e.id = q->getColumn(0).getInt64();
            e.complaint_id = q->getColumn(1).getInt64();
            e.at = FromUnix(q->getColumn(2).getInt64());
            e.actor = q->getColumn(3).getString();
            e.kind = q->getColumn(4).getString();
            e.attempt = q->getColumn(5).getInt();
            e.detail = q->getColumn(6).getString();
            out.push_back(std::move(e));
        }
        return out;
    }

    void ForEachCaseCreated(TimePoint since, TimePoint until,
                            const std::function<void(const InstallerReportRow&)>& fn) override {
        auto statement = db_.Prepare(kReportSql);
        auto& q = *statement;
        q.bind(1, static_cast<int64_t>(ToUnix(since)));
        q.bind(2, static_cast<int64_t>(ToUnix(until)));
        InstallerReportRow row;
        while (q.executeStep()) {
            row.c = ReadComplaint(q);
            row.first_update_at = OptionalTimeColumn(q, 26);
            fn(row);
        }
    }

    long long NoCaseBetween(TimePoint since, TimePoint until) override {
        auto q = db_.Prepare(
            "SELECT COUNT(*) FROM installer_complaints WHERE status = 'no_case'"
            " AND created_at >= ?1 AND created_at < ?2");
        q->bind(1, static_cast<int64_t>(ToUnix(since)));
        q->bind(2, static_cast<int64_t>(ToUnix(until)));
        q->executeStep();
        return q->getColumn(0).getInt64();
    }

    long long CountByStatus(Status status) override {
        const std::string status_text(StatusName(status));
        auto q = db_.Prepare("SELECT COUNT(*) FROM installer_complaints WHERE status = ?1");
        BindText(*q, 1, status_text);
        q->executeStep();
        return q->getColumn(0).getInt64();
    }

    bool PutSopIfAbsent(const StoredSop& sop) override {
        return PutSopTextIfAbsent(db_, SopTexts::kInstaller, sop);
    }

    std::optional<StoredSop> GetSop(std::string_view version) override {
        return GetSopText(db_, SopTexts::kInstaller, version);
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<InstallerComplaintRepository> NewInstallerComplaintRepository(Db& db) {
    return std::make_unique<SqlInstallerComplaintRepository<Db>>(db);
}

template std::unique_ptr<InstallerComplaintRepository> NewInstallerComplaintRepository(
    sqlite::Database&);
template std::unique_ptr<InstallerComplaintRepository> NewInstallerComplaintRepository(
    postgres::Connection&);

}  // namespace escbot::storage::sql
