#include "storage/postgres/repositories.hpp"

namespace escbot::storage::postgres {
namespace {

class PgEventDedup final : public EventDedup {
public:
    explicit PgEventDedup(Connection& db) : db_(db) {}

    bool FirstSeen(std::string_view id, TimePoint now) override {
        auto q = db_.Prepare("INSERT INTO seen_events (id, seen_at) VALUES (?1, ?2) "
                             "ON CONFLICT (id) DO NOTHING");
        const std::string id_text(id);
        BindText(*q, 1, id_text);
        q->bind(2, static_cast<int64_t>(ToUnix(now)));
        return q->exec() == 1;
    }

    void Prune(TimePoint cutoff) override {
        auto q = db_.Prepare("DELETE FROM seen_events WHERE seen_at < ?1");
        q->bind(1, static_cast<int64_t>(ToUnix(cutoff)));
        q->exec();
    }

private:
    Connection& db_;
};

}  // namespace

std::unique_ptr<EventDedup> NewEventDedup(Connection& db) {
    return std::make_unique<PgEventDedup>(db);
}

}  // namespace escbot::storage::postgres
