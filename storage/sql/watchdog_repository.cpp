#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

template <class Db>
class SqlWatchdogRepository final : public WatchdogRepository {
public:
    explicit SqlWatchdogRepository(Db& db) : db_(db) {}

    std::vector<WatchdogProblem> OpenProblems() override {
        auto q = db_.Prepare(
            "SELECT check_name, opened_at, summary FROM watchdog_problems ORDER BY check_name");
        std::vector<WatchdogProblem> problems;
        while (q->executeStep()) {
            problems.push_back({q->getColumn(0).getString(), FromUnix(q->getColumn(1).getInt64()),
                                q->getColumn(2).getString()});
        }
        return problems;
    }

    void Open(const WatchdogProblem& problem) override {
        // Portable upsert: delete, then insert (both backends, no ON CONFLICT dialects).
        Clear(problem.check);
        auto q = db_.Prepare(
            "INSERT INTO watchdog_problems (check_name, opened_at, summary) VALUES (?1, ?2, ?3)");
        BindText(*q, 1, problem.check);
        q->bind(2, static_cast<int64_t>(ToUnix(problem.opened_at)));
        BindText(*q, 3, problem.summary);
        q->exec();
    }

    void Clear(std::string_view check) override {
        auto q = db_.Prepare("DELETE FROM watchdog_problems WHERE check_name = ?1");
        const std::string name(check);
        BindText(*q, 1, name);
        q->exec();
    }

private:
    Db& db_;
};

}  // namespace

template <class Db>
std::unique_ptr<WatchdogRepository> NewWatchdogRepository(Db& db) {
    return std::make_unique<SqlWatchdogRepository<Db>>(db);
}

template std::unique_ptr<WatchdogRepository> NewWatchdogRepository(sqlite::Database&);
template std::unique_ptr<WatchdogRepository> NewWatchdogRepository(postgres::Connection&);

}  // namespace escbot::storage::sql
