#include "storage/postgres/repositories.hpp"

namespace escbot::storage::postgres {
namespace {

class PgMessageRefRepository final : public MessageRefRepository {
public:
    explicit PgMessageRefRepository(Connection& db) : db_(db) {}

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
    Connection& db_;
};

}  // namespace

std::unique_ptr<MessageRefRepository> NewMessageRefRepository(Connection& db) {
    return std::make_unique<PgMessageRefRepository>(db);
}

}  // namespace escbot::storage::postgres
