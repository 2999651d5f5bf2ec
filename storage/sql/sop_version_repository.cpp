#include <string>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"
#include "storage/sql/sop_texts.hpp"

namespace escbot::storage::sql {
namespace {

template <class Db>
class SqlSopVersionRepository final : public SopVersionRepository {
public:
    explicit SqlSopVersionRepository(Db& db) : db_(db) {}

    bool PutIfAbsent(const StoredSop& sop) override {
        return PutSopTextIfAbsent(db_, SopTexts::kEscalation, sop);
    }

    std::optional<StoredSop> Get(std::string_view version) override {
        return GetSopText(db_, SopTexts::kEscalation, version);
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
