#include <string>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

template <class Db>
class SqlSopVersionRepository final : public SopVersionRepository {
public:
    explicit SqlSopVersionRepository(Db& db) : db_(db) {}

    bool PutIfAbsent(const StoredSop& sop) override {
        auto q = db_.Prepare(
            "INSERT INTO sop_versions (version, fingerprint, text, stored_at) VALUES (?1, ?2, ?3, "
            "?4)"
            " ON CONFLICT (version) DO NOTHING");
        BindText(*q, 1, sop.version);
        BindText(*q, 2, sop.fingerprint);
        BindText(*q, 3, sop.text);
        q->bind(4, static_cast<int64_t>(ToUnix(sop.stored_at)));
        return q->exec() == 1;
    }

    std::optional<StoredSop> Get(std::string_view version) override {
        auto q = db_.Prepare(
            "SELECT version, fingerprint, text, stored_at FROM sop_versions WHERE version = ?1");
        const std::string version_text(version);
        BindText(*q, 1, version_text);
        if (!q->executeStep()) return std::nullopt;
        return StoredSop{q->getColumn(0).getString(), q->getColumn(1).getString(),
                         q->getColumn(2).getString(), FromUnix(q->getColumn(3).getInt64())};
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<SopVersionRepository> NewSopVersionRepository(Db& db) {
    return std::make_unique<SqlSopVersionRepository<Db>>(db);
}

template std::unique_ptr<SopVersionRepository> NewSopVersionRepository(sqlite::Database&);
template std::unique_ptr<SopVersionRepository> NewSopVersionRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
