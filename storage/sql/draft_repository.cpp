#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"
#include "storage/sqlite/open_draft_cache.hpp"

namespace escbot::storage::sql {
namespace {

const char* StatusText(Draft::Status status) {
    switch (status) {
        case Draft::Status::kOpen: return "open";
        case Draft::Status::kSubmitted: return "submitted";
        case Draft::Status::kAbandoned: return "abandoned";
    }
    throw std::logic_error("unknown draft status");
}

Draft::Status ParseStatus(std::string_view text) {
    if (text == "submitted") return Draft::Status::kSubmitted;
    if (text == "abandoned") return Draft::Status::kAbandoned;
    return Draft::Status::kOpen;
}

// The columns ReadDraft expects, in order.
constexpr std::string_view kSelect =
    "SELECT id, user_id, flow, sop_version, step, answers, view_id, channel_id, status,"
    " created_at, updated_at, path FROM drafts ";
const std::string kGetSql = std::string(kSelect) + "WHERE id = ?1";
const std::string kListOpenSql = std::string(kSelect) +
                                 "WHERE user_id = ?1 AND flow = ?2 AND status = 'open' "
                                 "ORDER BY updated_at DESC, id DESC";
const std::string kOldestOpenSql = std::string(kSelect) +
                                   "WHERE flow = ?1 AND status = 'open' "
                                   "ORDER BY updated_at ASC, id ASC LIMIT ?2";

std::string PathText(const Draft& draft) { return nlohmann::json(draft.path).dump(); }

std::vector<std::string> ReadPath(const char* text) {
    const nlohmann::json path = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    std::vector<std::string> out;
    if (!path.is_array()) return out;
    for (const auto& step : path) {
        if (step.is_string()) out.push_back(step.get<std::string>());
    }
    return out;
}

template <class Row>
Draft ReadDraft(Row& q) {
    Draft draft;
    draft.id = q.getColumn(0).getInt64();
    draft.user_id = q.getColumn(1).getString();
    draft.flow = q.getColumn(2).getString();
    draft.sop_version = q.getColumn(3).getString();
    draft.step = q.getColumn(4).getString();
    draft.answers = nlohmann::json::parse(q.getColumn(5).getText());
    draft.view_id = q.getColumn(6).getString();
    draft.channel_id = q.getColumn(7).getString();
    draft.status = ParseStatus(q.getColumn(8).getText());
    draft.created_at = FromUnix(q.getColumn(9).getInt64());
    draft.updated_at = FromUnix(q.getColumn(10).getInt64());
    draft.path = ReadPath(q.getColumn(11).getText());
    return draft;
}

template <class Db>
class SqlDraftRepository final : public DraftRepository {
public:
    SqlDraftRepository(Db& db, sqlite::OpenDraftCache* open) : db_(db), open_(open) {}

    long long Create(const Draft& draft) override {
        if (open_ != nullptr) open_->Forget(draft);
        const std::string answers = draft.answers.dump();
        const std::string path = PathText(draft);
        static const std::string sql = ReturningId<Db>(
            "INSERT INTO drafts (user_id, flow, sop_version, step, answers, view_id, channel_id,"
            " status, created_at, updated_at, path)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        auto q = db_.Prepare(sql);
        BindText(*q, 1, draft.user_id);
        BindText(*q, 2, draft.flow);
        BindText(*q, 3, draft.sop_version);
        BindText(*q, 4, draft.step);
        BindText(*q, 5, answers);
        BindText(*q, 6, draft.view_id);
        BindText(*q, 7, draft.channel_id);
        q->bind(8, StatusText(draft.status));
        q->bind(9, static_cast<int64_t>(ToUnix(draft.created_at)));
        q->bind(10, static_cast<int64_t>(ToUnix(draft.updated_at)));
        BindText(*q, 11, path);
        return InsertedId(db_, q);
    }

    std::optional<Draft> Get(long long id) override {
        auto q = db_.Prepare(kGetSql);
        q->bind(1, static_cast<int64_t>(id));
        if (!q->executeStep()) return std::nullopt;
        return ReadDraft(*q);
    }

    std::optional<Draft> FindOpen(std::string_view user_id, std::string_view flow) override {
        if (open_ != nullptr) {
            if (const auto* known = open_->Find(user_id, flow)) {
                if (known->empty()) return std::nullopt;
                return known->front();
            }
        }
        std::vector<Draft> open = ListOpen(user_id, flow);
        if (open.empty()) return std::nullopt;
        return std::move(open.front());
    }

    std::vector<Draft> ListOpen(std::string_view user_id, std::string_view flow) override {
        if (open_ != nullptr) {
            if (const auto* known = open_->Find(user_id, flow)) return *known;
        }
        auto q = db_.Prepare(kListOpenSql);
        const std::string user_text(user_id), flow_text(flow);
        BindText(*q, 1, user_text);
        BindText(*q, 2, flow_text);
        std::vector<Draft> found;
        while (q->executeStep()) found.push_back(ReadDraft(*q));
        if (open_ != nullptr) open_->Remember(user_id, flow, found);
        return found;
    }

    std::vector<Draft> OldestOpen(std::string_view flow, int limit) override {
        auto q = db_.Prepare(kOldestOpenSql);
        const std::string flow_text(flow);
        BindText(*q, 1, flow_text);
        q->bind(2, limit);
        std::vector<Draft> found;
        while (q->executeStep()) found.push_back(ReadDraft(*q));
        return found;
    }

    void Save(const Draft& draft) override {
        if (open_ != nullptr) open_->Forget(draft);
        const std::string answers = draft.answers.dump();
        const std::string path = PathText(draft);
        auto q = db_.Prepare(
            "UPDATE drafts SET step = ?2, answers = ?3, view_id = ?4, status = ?5, updated_at = ?6,"
            " path = ?7 WHERE id = ?1");
        q->bind(1, static_cast<int64_t>(draft.id));
        BindText(*q, 2, draft.step);
        BindText(*q, 3, answers);
        BindText(*q, 4, draft.view_id);
        q->bind(5, StatusText(draft.status));
        q->bind(6, static_cast<int64_t>(ToUnix(draft.updated_at)));
        BindText(*q, 7, path);
        if (q->exec() != 1) {
            throw std::runtime_error("draft " + std::to_string(draft.id) + " does not exist");
        }
    }

private:
    Db& db_;
    sqlite::OpenDraftCache* open_;  // null: no process cache (see Store::AllowsProcessCache)
};

}  // namespace

template <class Db>
std::unique_ptr<DraftRepository> NewDraftRepository(Db& db, sqlite::OpenDraftCache* open) {
    return std::make_unique<SqlDraftRepository<Db>>(db, open);
}

template std::unique_ptr<DraftRepository> NewDraftRepository(sqlite::Database&,
                                                             sqlite::OpenDraftCache*);
template std::unique_ptr<DraftRepository> NewDraftRepository(postgres::Connection&,
                                                             sqlite::OpenDraftCache*);

}  // namespace escbot::storage::sql
