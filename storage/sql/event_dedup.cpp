#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

template <class Db>
class SqlEventDedup final : public EventDedup {
public:
    explicit SqlEventDedup(Db& db) : db_(db) {}

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
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<EventDedup> NewEventDedup(Db& db) {
    return std::make_unique<SqlEventDedup<Db>>(db);
}

template std::unique_ptr<EventDedup> NewEventDedup(sqlite::Database&);
template std::unique_ptr<EventDedup> NewEventDedup(postgres::Connection&);

}  // namespace escbot::storage::sql
