#include <string>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

template <class Db>
class SqlAuditLog final : public AuditLog {
public:
    explicit SqlAuditLog(Db& db) : db_(db) {}

    void Record(const AuditEntry& entry) override {
        const std::string detail = entry.detail.dump();
        auto q = db_.Prepare(
            "INSERT INTO audit_log (at, actor, action, entity, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
        q->bind(1, static_cast<int64_t>(ToUnix(entry.at)));
        BindText(*q, 2, entry.actor);
        BindText(*q, 3, entry.action);
        BindText(*q, 4, entry.entity);
        BindText(*q, 5, detail);
        q->exec();
    }

    std::vector<AuditEntry> ForEntity(std::string_view entity) override {
        auto q = db_.Prepare(
            "SELECT id, at, actor, action, entity, detail FROM audit_log WHERE entity = ?1 "
            "ORDER BY id");
        const std::string entity_text(entity);
        BindText(*q, 1, entity_text);
        std::vector<AuditEntry> entries;
        while (q->executeStep()) {
            AuditEntry& e = entries.emplace_back();
            e.id = q->getColumn(0).getInt64();
            e.at = FromUnix(q->getColumn(1).getInt64());
            e.actor = q->getColumn(2).getString();
            e.action = q->getColumn(3).getString();
            e.entity = q->getColumn(4).getString();
            e.detail = nlohmann::json::parse(q->getColumn(5).getText());
        }
        return entries;
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<AuditLog> NewAuditLog(Db& db) {
    return std::make_unique<SqlAuditLog<Db>>(db);
}

template std::unique_ptr<AuditLog> NewAuditLog(sqlite::Database&);
template std::unique_ptr<AuditLog> NewAuditLog(postgres::Connection&);

}  // namespace escbot::storage::sql
