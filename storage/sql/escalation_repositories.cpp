#include "storage/sql/backends.hpp"
#include "storage/sql/repositories.hpp"

namespace escbot::storage::sql {
namespace {

// The repositories of one store, handed out by UnitOfWork::Escalation().
template <class Db>
class SqlEscalationRepositories final : public EscalationRepositories {
public:
    SqlEscalationRepositories(Db& db, sqlite::OpenCaseCache* open_cases)
        : cases_(NewCaseRepository(db, open_cases)),
          updates_(NewCaseUpdateRepository(db)),
          interactions_(NewCaseInteractionRepository(db)),
          ladders_(NewLadderRepository(db)),
          sop_versions_(NewSopVersionRepository(db)),
          reports_(NewCaseReportRepository(db)) {}

    CaseRepository& Cases() override { return *cases_; }
    CaseUpdateRepository& Updates() override { return *updates_; }
    CaseInteractionRepository& Interactions() override { return *interactions_; }
    LadderRepository& Ladders() override { return *ladders_; }
    SopVersionRepository& SopVersions() override { return *sop_versions_; }
    CaseReportRepository& Reports() override { return *reports_; }

private:
    std::unique_ptr<CaseRepository> cases_;
    std::unique_ptr<CaseUpdateRepository> updates_;
    std::unique_ptr<CaseInteractionRepository> interactions_;
    std::unique_ptr<LadderRepository> ladders_;
    std::unique_ptr<SopVersionRepository> sop_versions_;
    std::unique_ptr<CaseReportRepository> reports_;
};

}  // namespace

template <class Db>
std::unique_ptr<EscalationRepositories> NewEscalationRepositories(
    Db& db, sqlite::OpenCaseCache* open_cases) {
    return std::make_unique<SqlEscalationRepositories<Db>>(db, open_cases);
}

template std::unique_ptr<EscalationRepositories> NewEscalationRepositories(
    sqlite::Database&, sqlite::OpenCaseCache*);
template std::unique_ptr<EscalationRepositories> NewEscalationRepositories(
    postgres::Connection&, sqlite::OpenCaseCache*);

}  // namespace escbot::storage::sql
