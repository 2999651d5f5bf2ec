#include <algorithm>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

using Kind = OpenCaseRow::Kind;

// Both kinds of open case in one shape (OpenCaseRow's columns, in ReadRow's order). An
// installer complaint owes its next chase while waiting (the chase timer's due time), and has
// owed the chase or the referral since the event that made it due.
constexpr std::string_view kOpenCases =
    "SELECT 0 AS kind, c.id AS id, c.status AS state, 0 AS attempt, c.created_by AS raised_by,"
    " c.owner AS owner, c.sop_version AS sop_version, c.outcome AS type, c.answers AS answers,"
    " c.created_at AS created_at, c.follow_up_due AS due_at, c.last_update_at AS last_update_at,"
    " COALESCE(m.channel, '') AS channel, COALESCE(m.ts, '') AS ts"
    " FROM escalation_cases c LEFT JOIN message_refs m ON m.key = 'case:' || c.id || ':root'"
    " WHERE c.status IN ('live', 'open', 'claimed')"
    " UNION ALL"
    " SELECT 1, i.id, i.chase_state, i.chase_attempt, i.agent_id, i.owner_id, i.sop_version,"
    " i.complaint_type, '{}', i.created_at,"
    " CASE WHEN i.chase_state = 'waiting' THEN"
    "   (SELECT t.due_at FROM timers t WHERE t.key = 'installer:' || i.id || ':chase')"
    " WHEN i.chase_state IN ('due', 'referral_due') THEN"
    "   COALESCE((SELECT MAX(e.at) FROM installer_complaint_events e WHERE e.complaint_id = i.id"
    "     AND e.kind IN ('chase_due', 'no_reply')), i.created_at)"
    " ELSE NULL END,"
    " NULL, COALESCE(m.channel, ''), COALESCE(m.ts, '')"
    " FROM installer_complaints i LEFT JOIN message_refs m ON m.key = 'installer:' || i.id || ':root'"
    " WHERE i.status = 'open'";

// ?1 involving ('' for anyone), ?2 unclaimed only (0/1), ?3 due by (NULL for any; typed, as
// PostgreSQL cannot infer a parameter's type from IS NULL alone).
constexpr std::string_view kFilter =
    " WHERE (?1 = '' OR o.raised_by = ?1 OR o.owner = ?1)"
    " AND (?2 = 0 OR (o.owner = '' AND o.state <> 'live'))"
    " AND (CAST(?3 AS BIGINT) IS NULL OR (o.due_at IS NOT NULL AND o.due_at <= ?3))";

const std::string kFrom = "FROM (" + std::string(kOpenCases) + ") o";
const std::string kColumns =
    "SELECT o.kind, o.id, o.state, o.attempt, o.raised_by, o.owner, o.sop_version, o.type,"
    " o.answers, o.created_at, o.due_at, o.last_update_at, o.channel, o.ts ";
const std::string kListSql = kColumns + kFrom + std::string(kFilter) +
                             " ORDER BY (o.due_at IS NULL), o.due_at, o.created_at, o.kind, o.id"
                             " LIMIT ?4 OFFSET ?5";
const std::string kCountSql = "SELECT COUNT(*) " + kFrom + std::string(kFilter);
const std::string kFindSql = kColumns + kFrom + " WHERE o.kind = ?1 AND o.id = ?2";
const std::string kOldestUnclaimedSql =
    kColumns + kFrom + " WHERE o.owner = '' AND o.state <> 'live'" +
    " ORDER BY o.created_at, o.kind, o.id LIMIT 1";
const std::string kCountsSql =
    "SELECT o.kind,"
    " SUM(CASE WHEN o.owner = '' AND o.state <> 'live' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN o.owner <> '' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN o.due_at > ?1 AND o.due_at <= ?2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN o.due_at <= ?1 THEN 1 ELSE 0 END) " +
    kFrom + " GROUP BY o.kind";

template <class Row>
OpenCaseRow ReadRow(Row& q) {
    OpenCaseRow row;
    row.kind = q.getColumn(0).getInt() == 0 ? Kind::kEscalation : Kind::kInstaller;
    row.id = q.getColumn(1).getInt64();
    row.state = q.getColumn(2).getString();
    row.chase_attempt = q.getColumn(3).getInt();
    row.raised_by = q.getColumn(4).getString();
    row.owner = q.getColumn(5).getString();
    row.sop_version = q.getColumn(6).getString();
    row.type = q.getColumn(7).getString();
    row.answers = nlohmann::json::parse(q.getColumn(8).getText(), nullptr, false);
    if (!row.answers.is_object()) row.answers = nlohmann::json::object();
    row.created_at = FromUnix(q.getColumn(9).getInt64());
    row.due_at = OptionalTimeColumn(q, 10);
    row.last_update_at = OptionalTimeColumn(q, 11);
    row.thread_channel = q.getColumn(12).getString();
    row.thread_ts = q.getColumn(13).getString();
    return row;
}

template <class Row>
void BindFilter(Row& q, const OpenCaseFilter& filter) {
    BindText(q, 1, filter.involving);
    q.bind(2, filter.unclaimed_only ? 1 : 0);
    BindOptionalTime(q, 3, filter.due_by);
}

int StageOrder(std::string_view state) {
    if (state == "waiting") return 0;
    if (state == "due") return 1;
    if (state == "replied") return 2;
    if (state == "referral_due") return 3;
    return 4;  // referred
}

template <class Db>
class SqlTeamViewRepository final : public TeamViewRepository {
public:
    explicit SqlTeamViewRepository(Db& db) : db_(db) {}

    std::vector<OpenCaseRow> ListOpen(const OpenCaseFilter& filter, int limit,
                                      int offset) override {
        auto q = db_.Prepare(kListSql);
        BindFilter(*q, filter);
        q->bind(4, limit);
        q->bind(5, offset);
        std::vector<OpenCaseRow> rows;
        while (q->executeStep()) rows.push_back(ReadRow(*q));
        return rows;
    }

    long long CountOpen(const OpenCaseFilter& filter) override {
        auto q = db_.Prepare(kCountSql);
        BindFilter(*q, filter);
        return q->executeStep() ? q->getColumn(0).getInt64() : 0;
    }

    std::optional<OpenCaseRow> FindOpen(Kind kind, long long id) override {
        auto q = db_.Prepare(kFindSql);
        q->bind(1, kind == Kind::kEscalation ? 0 : 1);
        q->bind(2, static_cast<int64_t>(id));
        if (!q->executeStep()) return std::nullopt;
        return ReadRow(*q);
    }

    TeamCounts Counts(TimePoint now, TimePoint due_soon_by) override {
        auto q = db_.Prepare(kCountsSql);
        q->bind(1, static_cast<int64_t>(ToUnix(now)));
        q->bind(2, static_cast<int64_t>(ToUnix(due_soon_by)));
        TeamCounts counts;
        while (q->executeStep()) {
            OpenCaseCounts& c =
                q->getColumn(0).getInt() == 0 ? counts.escalations : counts.installer;
            c.unclaimed = q->getColumn(1).getInt64();
            c.claimed = q->getColumn(2).getInt64();
            c.due_soon = q->getColumn(3).getInt64();
            c.overdue = q->getColumn(4).getInt64();
        }
        auto live = db_.Prepare(
            "SELECT COUNT(*) FROM escalation_ladders WHERE status IN ('paging', 'answered')");
        if (live->executeStep()) counts.live_ladders = live->getColumn(0).getInt64();
        return counts;
    }

    std::optional<OpenCaseRow> OldestUnclaimed() override {
        auto q = db_.Prepare(kOldestUnclaimedSql);
        if (!q->executeStep()) return std::nullopt;
        return ReadRow(*q);
    }

    std::vector<LiveLadderRow> LiveLadders(int limit) override {
        auto q = db_.Prepare(
            "SELECT l.case_id, c.created_by, l.tier_id, l.step, l.status, l.deadline, l.started_at"
            " FROM escalation_ladders l JOIN escalation_cases c ON c.id = l.case_id"
            " WHERE l.status IN ('paging', 'answered') ORDER BY l.started_at, l.case_id LIMIT ?1");
        q->bind(1, limit);
        std::vector<LiveLadderRow> rows;
        while (q->executeStep()) {
            LiveLadderRow row;
            row.case_id = q->getColumn(0).getInt64();
            row.raised_by = q->getColumn(1).getString();
            row.tier_id = q->getColumn(2).getString();
            row.step = q->getColumn(3).getInt();
            row.status = q->getColumn(4).getString();
            row.deadline = FromUnix(q->getColumn(5).getInt64());
            row.started_at = FromUnix(q->getColumn(6).getInt64());
            rows.push_back(std::move(row));
        }
        return rows;
    }

    std::vector<InstallerStageCount> InstallerByStage() override {
        auto q = db_.Prepare(
            "SELECT chase_state, chase_attempt, COUNT(*) FROM installer_complaints"
            " WHERE status = 'open' GROUP BY chase_state, chase_attempt");
        std::vector<InstallerStageCount> rows;
        while (q->executeStep()) {
            rows.push_back({q->getColumn(0).getString(), q->getColumn(1).getInt(),
                            q->getColumn(2).getInt64()});
        }
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            if (a.attempt != b.attempt) return a.attempt < b.attempt;
            return StageOrder(a.state) < StageOrder(b.state);
        });
        return rows;
    }

    void NoteHomeOpened(std::string_view user, TimePoint at) override {
        const std::string id(user);
        auto q = db_.Prepare(
            "INSERT INTO home_viewers (user_id, opened_at) VALUES (?1, ?2)"
            " ON CONFLICT (user_id) DO UPDATE SET opened_at = excluded.opened_at");
        BindText(*q, 1, id);
        q->bind(2, static_cast<int64_t>(ToUnix(at)));
        q->exec();
    }

    bool OpenedHome(std::string_view user) override {
        const std::string id(user);
        auto q = db_.Prepare("SELECT 1 FROM home_viewers WHERE user_id = ?1");
        BindText(*q, 1, id);
        return q->executeStep();
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<TeamViewRepository> NewTeamViewRepository(Db& db) {
    return std::make_unique<SqlTeamViewRepository<Db>>(db);
}

template std::unique_ptr<TeamViewRepository> NewTeamViewRepository(sqlite::Database&);
template std::unique_ptr<TeamViewRepository> NewTeamViewRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
