#include "storage/postgres/escalation_factories.hpp"
#include "storage/postgres/repositories.hpp"

namespace escbot::storage::postgres {
namespace {

// The repositories of one store, handed out by UnitOfWork::Escalation().
class PgEscalationRepositories final : public EscalationRepositories {
public:
    explicit PgEscalationRepositories(Connection& db)
        : cases_(NewCaseRepository(db)),
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

std::unique_ptr<EscalationRepositories> NewEscalationRepositories(Connection& db) {
    return std::make_unique<PgEscalationRepositories>(db);
}

}  // namespace escbot::storage::postgres
