#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

template <class Db>
class SqlMessageRefRepository final : public MessageRefRepository {
public:
    explicit SqlMessageRefRepository(Db& db) : db_(db) {}

    void Put(const MessageRef& ref) override {
        auto q = db_.Prepare(
            "INSERT INTO message_refs (key, channel, ts) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (key) DO UPDATE SET channel = excluded.channel, ts = excluded.ts");
        BindText(*q, 1, ref.key);
        BindText(*q, 2, ref.channel);
        BindText(*q, 3, ref.ts);
        q->exec();
    }

    std::optional<MessageRef> Get(std::string_view key) override {
        std::string key_text(key);
        auto q = db_.Prepare("SELECT channel, ts FROM message_refs WHERE key = ?1");
        BindText(*q, 1, key_text);
        if (!q->executeStep()) return std::nullopt;
        return MessageRef{std::move(key_text), q->getColumn(0).getString(),
                          q->getColumn(1).getString()};
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<MessageRefRepository> NewMessageRefRepository(Db& db) {
    return std::make_unique<SqlMessageRefRepository<Db>>(db);
}

template std::unique_ptr<MessageRefRepository> NewMessageRefRepository(sqlite::Database&);
template std::unique_ptr<MessageRefRepository> NewMessageRefRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
